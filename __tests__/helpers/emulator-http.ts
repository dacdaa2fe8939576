// Plain HTTP(S) calls to the IAM emulator and its metadata service, trusting only its CA.
import http from 'node:http'
import https from 'node:https'
import type { Emulator } from '../../emulator/iam-emulator.mjs'

export interface Reply<T = Record<string, unknown>> {
  status: number
  headers: http.IncomingHttpHeaders
  text: string
  json: T
}

export interface CallOptions {
  method?: string
  headers?: Record<string, string>
  body?: string
  /** Destroys the request with 'client timeout' after this long without activity. */
  timeoutMs?: number
}

/** One request to `base` + `path`; the emulator's CA is trusted for https. */
export function call<T = Record<string, unknown>>(
  em: Emulator,
  base: string,
  path: string,
  options: CallOptions = {}
): Promise<Reply<T>> {
  const url = new URL(path, base)
  const transport = url.protocol === 'https:' ? https : http
  return new Promise((resolve, reject) => {
    const req = transport.request(
      url,
      {
        method: options.method ?? 'GET',
        headers: options.headers,
        agent: false,
        ...(em.caPem ? { ca: em.caPem } : {})
      },
      (res) => {
        let text = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => (text += chunk))
        res.on('end', () => {
          let json = undefined as T
          try {
            json = JSON.parse(text) as T
          } catch {
            // not JSON
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json })
        })
      }
    )
    if (options.timeoutMs) {
      req.setTimeout(options.timeoutMs, () => req.destroy(new Error('client timeout')))
    }
    req.on('error', reject)
    req.end(options.body)
  })
}

export interface TokenReply {
  access_token: string
  refresh_token: string
  token_type: string
  expires_in: number
  expiration: number
  errorCode?: string
  errorMessage?: string
  errorDetails?: string
  context?: Record<string, string>
}

export const postToken = (
  em: Emulator,
  params: Record<string, string>,
  headers: Record<string, string> = {}
) =>
  call<TokenReply>(em, em.url, '/identity/token', {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(params).toString()
  })

export const GRANTS = {
  apikey: 'urn:ibm:params:oauth:grant-type:apikey',
  assume: 'urn:ibm:params:oauth:grant-type:assume',
  crToken: 'urn:ibm:params:oauth:grant-type:cr-token'
} as const

export async function serviceIdToken(em: Emulator, apikey = em.seed.apikey): Promise<string> {
  const reply = await postToken(em, { grant_type: GRANTS.apikey, apikey })
  if (reply.status !== 200) throw new Error(`apikey grant failed: ${reply.text}`)
  return reply.json.access_token
}

export const claimsOf = (jwt: string): Record<string, unknown> =>
  JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >
