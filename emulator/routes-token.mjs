// @ts-check
// POST /identity/token (apikey, assume, cr-token and refresh_token grants) and GET /identity/keys.
import { URLSearchParams } from 'node:url'
import { sendTokenError } from './errors.mjs'
import {
  ASSUME_GRANT,
  CR_TOKEN_GRANT,
  assumeGrant,
  crTokenGrant,
  sendMissing
} from './grants-profile.mjs'
import { readBody } from './http-io.mjs'
import { OWN } from './own-codes.mjs'
import { isExpired } from './apikey-store.mjs'
import { authnOf, sendToken } from './token-issue.mjs'

export { ASSUME_GRANT, CR_TOKEN_GRANT }
export const APIKEY_GRANT = 'urn:ibm:params:oauth:grant-type:apikey'
export const REFRESH_GRANT = 'refresh_token'

/** @typedef {import('./http-io.mjs').RequestContext} Ctx */
/** @typedef {import('./http-io.mjs').Deps} Deps */
/** @typedef {import('./store.mjs').Identity} Identity */

/** JAX-RS reads form parameters only from a form body; anything else has none. @param {Ctx} ctx */
async function readForm(ctx) {
  const body = await readBody(ctx.req)
  const type = ctx.req.headers['content-type'] ?? ''
  return new URLSearchParams(type.startsWith('application/x-www-form-urlencoded') ? body : '')
}

/** @param {Ctx} ctx @param {Identity} subject @returns {boolean} true when an error was sent */
function rejectedByTenant(ctx, subject) {
  const header = ctx.req.headers['ibm-cloud-tenant']
  if (typeof header !== 'string') return false
  const tenants = header
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean)
  if (tenants.length === 0 || tenants.includes(subject.accountId)) return false
  sendTokenError(
    ctx,
    400,
    OWN.tenantMismatch.code,
    'The API key does not belong to the requested account.',
    `IBM-Cloud-Tenant asked for ${tenants.join(', ')}; the identity belongs to another account.`
  )
  return true
}

/**
 * Basic client authentication. Returns 'none' without an Authorization header, 'ok' for a
 * known client, or undefined after answering 400 for an unknown one.
 * @param {Ctx} ctx @param {Deps} deps @returns {'none' | 'ok' | undefined}
 */
function clientAuth(ctx, deps) {
  const header = ctx.req.headers.authorization
  if (!header) return 'none'
  const match = /^Basic\s+(\S+)$/i.exec(header)
  const [id, ...rest] = Buffer.from(match?.[1] ?? '', 'base64')
    .toString('utf8')
    .split(':')
  if (match && id && deps.clients[id] !== undefined && deps.clients[id] === rest.join(':')) {
    return 'ok'
  }
  sendTokenError(
    ctx,
    400,
    OWN.clientInvalid.code,
    'The client id or secret is invalid.',
    'Send Authorization: Basic base64(client_id:client_secret) of a known client.'
  )
  return undefined
}

/** @param {Ctx} ctx @param {Deps} deps @param {URLSearchParams} form @param {boolean} refreshable */
function apikeyGrant(ctx, deps, form, refreshable) {
  const value = form.get('apikey')
  if (!value) return sendMissing(ctx, 'apikey')
  const key = deps.keys.byValue(value)
  if (key) ctx.entry.apikeyId = key.id
  const usable = key && !isExpired(key) && !key.disabled ? key : undefined
  const identity = usable && deps.store.identity(usable.iamId)
  if (!usable || !identity) {
    return sendTokenError(ctx, 400, 'BXNIM0415E', 'Provided API key could not be found.')
  }
  if (rejectedByTenant(ctx, identity)) return
  deps.keys.authenticated(usable)
  sendToken(ctx, deps, identity, authnOf(identity), APIKEY_GRANT, { refreshable })
}

/** Refresh tokens exist only for client-authenticated requests. @param {Ctx} ctx @param {Deps} deps @param {URLSearchParams} form */
function refreshGrant(ctx, deps, form) {
  const token = form.get('refresh_token')
  if (!token) return sendMissing(ctx, 'refresh_token')
  const entry = deps.refreshTokens.take(token)
  const subject = entry && deps.store.identity(entry.iamId)
  if (!entry || !subject) {
    return sendTokenError(
      ctx,
      400,
      OWN.refreshTokenInvalid.code,
      'Provided refresh token is invalid or expired.'
    )
  }
  sendToken(ctx, deps, subject, entry.authn, entry.grantType, { refreshable: true })
}

/** @param {Ctx} ctx @param {Deps} deps */
async function handleToken(ctx, deps) {
  if (ctx.req.method !== 'POST') {
    return sendTokenError(
      ctx,
      405,
      'BXNIM0060E',
      "Web application exception 'javax.ws.rs.ClientErrorException' during request processing.",
      'HTTP 405 Method Not Allowed',
      { Allow: 'POST' }
    )
  }
  const limited = deps.rateLimiter.hit()
  if (limited) {
    const retryAfter = limited.retryAfterSeconds
    const headers =
      typeof retryAfter === 'number' ? { 'Retry-After': String(retryAfter) } : undefined
    return sendTokenError(ctx, 429, OWN.rateLimited.code, 'Too many requests', undefined, headers)
  }
  const form = await readForm(ctx)
  const grantType = form.get('grant_type')
  if (!grantType) return sendMissing(ctx, 'grant_type')
  ctx.entry.grantType = grantType
  const client = clientAuth(ctx, deps)
  if (!client) return
  const refreshable = client === 'ok'
  if (grantType === APIKEY_GRANT) return apikeyGrant(ctx, deps, form, refreshable)
  if (grantType === ASSUME_GRANT) return assumeGrant(ctx, deps, form, rejectedByTenant)
  if (grantType === CR_TOKEN_GRANT) {
    return crTokenGrant(ctx, deps, form, rejectedByTenant, refreshable)
  }
  if (grantType === REFRESH_GRANT && refreshable) return refreshGrant(ctx, deps, form)
  sendTokenError(
    ctx,
    400,
    OWN.unsupportedGrant.code,
    'Unsupported grant type.',
    grantType === REFRESH_GRANT
      ? 'The refresh_token grant needs client authentication (Authorization: Basic).'
      : `Grant type '${grantType}' is not supported by the emulator.`
  )
}

/** @type {import('./http-io.mjs').Route[]} */
export const tokenRoutes = [
  { method: '*', pattern: /^\/identity\/token$/, handle: handleToken },
  {
    method: 'GET',
    pattern: /^\/identity\/keys$/,
    handle: (ctx, deps) => ctx.send(200, deps.signer.jwks())
  }
]
