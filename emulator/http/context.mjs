// @ts-check
// Request context handed to the route handlers: body reading and answering in one place.

/**
 * @typedef {object} RequestContext
 * @property {import('node:http').IncomingMessage} req
 * @property {import('node:http').ServerResponse} res
 * @property {URL} url
 * @property {import('../state/request-log.mjs').LogEntry} entry
 * @property {string} transactionId also sent as the `Transaction-Id` header
 * @property {string} origin scheme://host as the client addressed the emulator
 * @property {(status: number, body?: unknown, headers?: Record<string, string>) => void} send
 *   string body as text/plain, other values as JSON, undefined as no body
 */

/**
 * What every route handler may use.
 * @typedef {object} Deps
 * @property {import('../state/store.mjs').Store} store identities and instances
 * @property {import('../state/apikey-store.mjs').ApiKeyStore} keys
 * @property {import('../token/jwt.mjs').TokenSigner} signer
 * @property {ReturnType<typeof import('./rate-limit.mjs').createRateLimiter>} rateLimiter
 *   counts POST /identity/token and the metadata service's iam_token calls
 * @property {number} tokenLifetimeSeconds
 * @property {ReturnType<typeof import('../token/issue.mjs').createRefreshTokens>} refreshTokens
 * @property {Record<string, string>} clients client id -> secret accepted in Basic auth
 * @property {string} instanceId the VPC instance the metadata service belongs to
 *
 * @typedef {object} Route
 * @property {string} method `*` for any (the handler answers wrong methods itself)
 * @property {RegExp} pattern matched against the path; groups become `params`
 * @property {(ctx: RequestContext, deps: Deps, params: string[]) => Promise<void> | void} handle
 */

const MAX_BODY_BYTES = 1024 * 1024

export class BodyTooLargeError extends Error {}

/** @param {import('node:http').IncomingMessage} req @returns {Promise<string>} */
export async function readBody(req) {
  /** @type {Buffer[]} */
  const chunks = []
  let size = 0
  for await (const chunk of req) {
    size += chunk.length
    if (size > MAX_BODY_BYTES) throw new BodyTooLargeError('Request body larger than 1 MiB')
    chunks.push(chunk)
  }
  return Buffer.concat(chunks).toString('utf8')
}

/**
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {{ url: URL, entry: import('../state/request-log.mjs').LogEntry, transactionId: string, protocol: string }} parts
 * @returns {RequestContext}
 */
export function createContext(req, res, { url, entry, transactionId, protocol }) {
  return {
    req,
    res,
    url,
    entry,
    transactionId,
    origin: `${protocol}://${req.headers.host ?? url.host}`,
    send(status, body, headers = {}) {
      if (res.headersSent || res.destroyed) return
      entry.status = status
      for (const [name, value] of Object.entries(headers)) res.setHeader(name, value)
      if (body === undefined) {
        res.writeHead(status).end()
        return
      }
      const isText = typeof body === 'string'
      if (!res.hasHeader('content-type')) {
        res.setHeader('Content-Type', isText ? 'text/plain' : 'application/json')
      }
      res.writeHead(status).end(isText ? body : JSON.stringify(body))
    }
  }
}
