import type { RequestOptions } from 'node:http'
import { HttpClient } from '@actions/http-client'
import { ActionError, NetworkError } from '../errors.js'
import { readBodyCapped } from './read-body.js'

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE'
  url: string
  headers: Record<string, string>
  body?: string
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
 * One deadline per attempt covers connecting, the headers and the whole body; the body is
 * capped at `maxBytes`. Redirects are refused so that a key is never re-sent to another host.
 */
export function createHttpTransport(options: {
  userAgent: string
  timeoutMs: number
  maxBytes?: number
}): HttpTransport {
  return async ({ method, url, headers, body }) => {
    const deadline = new AbortController()
    const timer = setTimeout(() => deadline.abort(), options.timeoutMs)
    const client = new HttpClient(options.userAgent, [attemptHandler(deadline.signal)], {
      socketTimeout: options.timeoutMs,
      allowRedirects: false,
      allowRetries: false,
      keepAlive: false
    })
    try {
      const res = await client.request(method, url, body ?? null, headers)
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
    }
  }
}

/**
 * Gives each request the attempt's deadline (Node aborts the request, and the answer being
 * read, when it fires) and unbrackets an IPv6 literal: http-client passes URL.hostname,
 * `[::1]`, as the host, which Node would send to DNS.
 */
type RequestHandler = NonNullable<ConstructorParameters<typeof HttpClient>[1]>[number]

function attemptHandler(signal: AbortSignal): RequestHandler {
  return {
    prepareRequest(options: RequestOptions) {
      options.signal = signal
      if (typeof options.host === 'string') options.host = options.host.replace(/^\[(.*)\]$/, '$1')
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
