import { HttpClient } from '@actions/http-client'
import { NetworkError } from '../errors.js'

export interface HttpRequest {
  method: 'GET' | 'POST' | 'DELETE'
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
 * The transport the action ships with: @actions/http-client, which honours HTTPS_PROXY /
 * NO_PROXY; NODE_EXTRA_CA_CERTS is honoured by Node itself. Redirects are refused so that
 * a key is never re-sent to another host.
 */
export function createHttpTransport(options: {
  userAgent: string
  timeoutMs: number
}): HttpTransport {
  const client = new HttpClient(options.userAgent, [], {
    socketTimeout: options.timeoutMs,
    allowRedirects: false,
    allowRetries: false,
    keepAlive: false
  })
  return async ({ method, url, headers, body }) => {
    try {
      const res = await client.request(method, url, body ?? null, headers)
      const text = await res.readBody()
      const lower: Record<string, string | undefined> = {}
      for (const [name, value] of Object.entries(res.message.headers)) {
        lower[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value
      }
      return { status: res.message.statusCode ?? 0, headers: lower, body: text }
    } catch (err) {
      throw toNetworkError(err)
    }
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
