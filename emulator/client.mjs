// @ts-check
// THE HTTP client for the emulator, used by the tests and scripts/: one request to either of
// its servers trusting only its throwaway CA (never rejectUnauthorized: false), the token
// endpoint's form POST, and the claims of a token it issued. No pooling (agent: false), so a
// test's request never rides a connection another test left open.
import http from 'node:http'
import https from 'node:https'
import { GRANTS } from './token/grants.mjs'

export { GRANTS }

/**
 * What a request needs to know about the emulator; an `Emulator` from index.mjs is one.
 * @typedef {{ url: string, caPem: string | null }} Target
 */

/**
 * @template [T=Record<string, unknown>]
 * @typedef {object} Reply
 * @property {number} status
 * @property {import('node:http').IncomingHttpHeaders} headers
 * @property {string} text the body as received
 * @property {T} json the body parsed as JSON; undefined when it is not JSON
 */

/**
 * @typedef {object} CallOptions
 * @property {string} [method] default GET
 * @property {Record<string, string>} [headers]
 * @property {string} [body]
 * @property {number} [timeoutMs] destroys the request with 'client timeout' after this long
 *   without activity
 */

/**
 * @typedef {object} TokenReply the token endpoint's answer: a token, or IAM's error body
 * @property {string} access_token
 * @property {string} refresh_token
 * @property {string} token_type
 * @property {number} expires_in
 * @property {number} expiration
 * @property {string} [errorCode]
 * @property {string} [errorMessage]
 * @property {string} [errorDetails]
 * @property {Record<string, string>} [context]
 */

/**
 * One request to `url`, trusting `ca` (PEM) for https.
 * @template [T=Record<string, unknown>]
 * @param {string | URL} url @param {string | null | undefined} ca @param {CallOptions} [options]
 * @returns {Promise<Reply<T>>}
 */
export function request(url, ca, options = {}) {
  const target = new URL(url)
  const transport = target.protocol === 'https:' ? https : http
  return new Promise((resolve, reject) => {
    const req = transport.request(
      target,
      {
        method: options.method ?? 'GET',
        headers: options.headers,
        agent: false,
        ...(ca ? { ca } : {})
      },
      (res) => {
        let text = ''
        res.setEncoding('utf8')
        res.on('data', (/** @type {string} */ chunk) => (text += chunk))
        res.on('end', () => {
          let json = /** @type {T} */ (/** @type {unknown} */ (undefined))
          try {
            json = JSON.parse(text)
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

/**
 * One request to `base` + `path` (base: `em.url` or `em.metadataUrl`), trusting the emulator's CA.
 * @template [T=Record<string, unknown>]
 * @param {Target} em @param {string} base @param {string} path @param {CallOptions} [options]
 * @returns {Promise<Reply<T>>}
 */
export function call(em, base, path, options = {}) {
  return request(new URL(path, base), em.caPem, options)
}

/**
 * POST /identity/token with a form body, as IBM's SDKs send it.
 * @param {Target} em @param {Record<string, string>} params @param {Record<string, string>} [headers]
 * @returns {Promise<Reply<TokenReply>>}
 */
export const postToken = (em, params, headers = {}) =>
  call(em, em.url, '/identity/token', {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(params).toString()
  })

/**
 * The API-key grant, as `ibmcloud login --apikey` or terraform would send it.
 * @param {Target} em @param {string} apikey @returns {Promise<Reply<TokenReply>>}
 */
export const tokenFor = (em, apikey) =>
  postToken(em, { grant_type: GRANTS.apikey, apikey }, { Accept: 'application/json' })

/**
 * A service ID's access token (default: the seeded `ci-deployer`); throws unless IAM says 200.
 * @param {Target & { seed: { apikey: string } }} em @param {string} [apikey]
 * @returns {Promise<string>}
 */
export async function serviceIdToken(em, apikey = em.seed.apikey) {
  const reply = await tokenFor(em, apikey)
  if (reply.status !== 200) throw new Error(`apikey grant failed: ${reply.text}`)
  return reply.json.access_token
}

/** The claims of a JWT, unverified. @param {string} jwt @returns {Record<string, unknown>} */
export const claimsOf = (jwt) =>
  JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8'))
