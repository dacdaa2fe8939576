import { Agent as HttpAgent, type RequestOptions } from 'node:http'
import { Agent as HttpsAgent } from 'node:https'
import { HttpClient } from '@actions/http-client'
import { ActionError, NetworkError } from '../errors.js'
import { readBodyCapped } from './read-body.js'

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE'
  url: string
  headers: Record<string, string>
  body?: string
  /**
   * Never through a proxy, whatever HTTP_PROXY / HTTPS_PROXY / NO_PROXY say: for the VPC
   * metadata service, which is link-local (a proxy could only read the tokens in clear).
   */
  direct?: boolean
}

export interface HttpResponse {
  status: number
  /** Lower-cased names. */
  headers: Record<string, string | undefined>
  body: string
}

/** One request, one answer; throws NetworkError when there is no HTTP answer. No retries here. */
export type HttpTransport = (request: HttpRequest) => Promise<HttpResponse>

/**
 * The transport the action ships with: @actions/http-client sends the request (it honours
 * HTTPS_PROXY / NO_PROXY; NODE_EXTRA_CA_CERTS is honoured by Node itself), and the answer is
 * read here, because http-client's readBody() has neither a deadline nor a size limit.
 * One deadline per attempt covers all of it, from the first byte: the proxy's CONNECT, DNS,
 * TCP, TLS, the headers and the whole body; the body is capped at `maxBytes`. Redirects are
 * refused so that a key is never re-sent to another host.
 */
export function createHttpTransport(options: {
  userAgent: string
  timeoutMs: number
  maxBytes?: number
}): HttpTransport {
  return async ({ method, url, headers, body, direct }) => {
    const deadline = new AbortController()
    const timer = setTimeout(() => deadline.abort(), options.timeoutMs)
    // A plain agent of the URL's scheme for a direct request; else http-client's choice.
    const agent = direct ? new (/^https:/i.test(url) ? HttpsAgent : HttpAgent)() : undefined
    const client = new HttpClient(options.userAgent, [attemptHandler(deadline.signal, agent)], {
      socketTimeout: options.timeoutMs,
      allowRedirects: false,
      allowRetries: false,
      keepAlive: false
    })
    try {
      // Raced against the deadline as well: before a socket is assigned (a proxy that never
      // answers CONNECT) neither the signal nor http-client's socket timeout ends the request.
      const res = await untilAborted(
        client.request(method, url, body ?? null, headers),
        deadline.signal
      )
      const text = await readBodyCapped(res.message, deadline.signal, options.maxBytes)
      const lower: Record<string, string | undefined> = {}
      for (const [name, value] of Object.entries(res.message.headers)) {
        lower[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value
      }
      return { status: res.message.statusCode ?? 0, headers: lower, body: text }
    } catch (err) {
      if (err instanceof ActionError) throw err
      throw deadline.signal.aborted
        ? new NetworkError('ETIMEDOUT', 'request timed out')
        : toNetworkError(err)
    } finally {
      clearTimeout(timer)
      deadline.abort() // whatever is still open for this attempt (a CONNECT, a socket) is closed
    }
  }
}

/** `promise`, or a rejection as soon as `signal` aborts. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new NetworkError('ETIMEDOUT', 'request timed out'))
    if (signal.aborted) return onAbort()
    signal.addEventListener('abort', onAbort, { once: true })
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort))
  })
}

/**
 * Gives each request the attempt's deadline (Node aborts the request, and the answer being
 * read, when it fires), also to the CONNECT that http-client's proxy agent (`tunnel`) sends
 * first, and unbrackets an IPv6 literal: http-client passes URL.hostname, `[::1]`, as the
 * host, which Node would send to DNS. A `direct` request gets a plain agent in place of the
 * proxy agent http-client chose from the environment.
 */
type RequestHandler = NonNullable<ConstructorParameters<typeof HttpClient>[1]>[number]

function attemptHandler(signal: AbortSignal, direct?: HttpAgent): RequestHandler {
  return {
    prepareRequest(options: RequestOptions) {
      options.signal = signal
      if (typeof options.host === 'string') options.host = options.host.replace(/^\[(.*)\]$/, '$1')
      if (direct) options.agent = direct
      else {
        // tunnel copies its proxyOptions into the CONNECT request's options.
        const proxyOptions = (options.agent as { proxyOptions?: unknown } | undefined)?.proxyOptions
        if (proxyOptions && typeof proxyOptions === 'object') {
          ;(proxyOptions as { signal?: AbortSignal }).signal = signal
        }
      }
    },
    canHandleAuthentication: () => false,
    handleAuthentication: () => Promise.reject(new Error('not used'))
  }
}

export function toNetworkError(err: unknown): NetworkError {
  if (err instanceof NetworkError) return err
  const e = err as { code?: unknown; message?: unknown }
  const message = typeof e?.message === 'string' ? e.message : String(err)
  let code = typeof e?.code === 'string' ? e.code : 'EUNKNOWN'
  if (code === 'EUNKNOWN' && /^Request timeout/.test(message)) code = 'ETIMEDOUT'
  // http-client's timeout message carries the request path; keep only the gist.
  return new NetworkError(code, code === 'ETIMEDOUT' ? 'request timed out' : message)
}
