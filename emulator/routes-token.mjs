// @ts-check
// POST /identity/token (apikey and assume grants) and GET /identity/keys.
import { randomUUID } from 'node:crypto'
import { URLSearchParams } from 'node:url'
import { sendTokenError } from './errors.mjs'
import { readBody } from './http-io.mjs'
import { isExpired } from './store.mjs'

export const APIKEY_GRANT = 'urn:ibm:params:oauth:grant-type:apikey'
export const ASSUME_GRANT = 'urn:ibm:params:oauth:grant-type:assume'
const ISSUER = 'https://iam.cloud.ibm.com/identity'

/** @typedef {import('./http-io.mjs').RequestContext} Ctx */
/** @typedef {import('./http-io.mjs').Deps} Deps */
/** @typedef {import('./store.mjs').Identity} Identity */

/** @param {Ctx} ctx @param {string} property */
const sendMissing = (ctx, property) =>
  sendTokenError(
    ctx,
    400,
    'BXNIM0109E',
    'Property missing or empty.',
    `Property '${property}' either missing or empty.`
  )

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
    'BXNIM0501E',
    'The API key does not belong to the requested account.',
    `IBM-Cloud-Tenant asked for ${tenants.join(', ')}; the identity belongs to another account.`
  )
  return true
}

/**
 * @param {Ctx} ctx @param {Deps} deps
 * @param {Identity} subject who the token is for
 * @param {Identity} authn who authenticated (the service ID, also for an assumed profile)
 * @param {string} grantType
 */
function sendToken(ctx, deps, subject, authn, grantType) {
  const iat = Math.floor(Date.now() / 1000)
  const exp = iat + deps.tokenLifetimeSeconds
  const accessToken = deps.signer.sign({
    iam_id: subject.iamId,
    id: subject.iamId,
    realmid: 'iam',
    sid: randomUUID(),
    jti: randomUUID(),
    identifier: subject.id,
    name: subject.name,
    sub: subject.id,
    sub_type: subject.subType,
    authn: { sub: authn.id, iam_id: authn.iamId, sub_type: authn.subType, name: authn.name },
    account: { valid: true, bss: subject.accountId, frozen: true },
    iat,
    exp,
    iss: ISSUER,
    grant_type: grantType,
    scope: 'ibm openid',
    client_id: 'default',
    acr: 1,
    amr: ['pwd']
  })
  ctx.send(200, {
    access_token: accessToken,
    refresh_token: 'not_supported',
    token_type: 'Bearer',
    expires_in: deps.tokenLifetimeSeconds,
    expiration: exp,
    scope: 'ibm openid'
  })
}

/** @param {Ctx} ctx @param {Deps} deps @param {URLSearchParams} form */
function apikeyGrant(ctx, deps, form) {
  const value = form.get('apikey')
  if (!value) return sendMissing(ctx, 'apikey')
  const key = deps.store.keyByValue(value)
  if (key) ctx.entry.apikeyId = key.id
  const identity = key && !isExpired(key) ? deps.store.identity(key.iamId) : undefined
  if (!identity) {
    return sendTokenError(ctx, 400, 'BXNIM0415E', 'Provided API key could not be found.')
  }
  if (rejectedByTenant(ctx, identity)) return
  sendToken(ctx, deps, identity, identity, APIKEY_GRANT)
}

/** @param {Ctx} ctx @param {Deps} deps @param {URLSearchParams} form */
function assumeGrant(ctx, deps, form) {
  const accessToken = form.get('access_token')
  if (!accessToken) return sendMissing(ctx, 'access_token')
  const profileId = form.get('profile_id')
  const profileCrn = form.get('profile_crn')
  const profileName = form.get('profile_name')
  const account = form.get('account')
  if (!profileId && !profileCrn && !profileName) return sendMissing(ctx, 'profile_id')
  if (!profileId && !profileCrn && !account) return sendMissing(ctx, 'account')

  const verified = deps.signer.verify(accessToken)
  const caller = verified.ok ? deps.store.identity(String(verified.claims.iam_id)) : undefined
  if (!caller || caller.subType !== 'ServiceId') {
    return sendTokenError(ctx, 400, 'BXNIM0407E', 'Provided access token is invalid or expired.')
  }
  const profile = deps.store.findProfile((p) =>
    profileId ? p.id === profileId : profileCrn ? p.crn === profileCrn : p.name === profileName
  )
  const inAccount = profile && (profileId || profileCrn || profile.accountId === account)
  if (!profile || !inAccount) {
    return sendTokenError(ctx, 400, 'BXNIM0524E', 'Provided trusted profile could not be found.')
  }
  // Emulator's trust rule: a profile trusts the service IDs of its own account.
  if (profile.accountId !== caller.accountId) {
    return sendTokenError(
      ctx,
      400,
      'BXNIM0525E',
      'The identity is not trusted by the trusted profile.'
    )
  }
  if (rejectedByTenant(ctx, profile)) return
  sendToken(ctx, deps, profile, caller, ASSUME_GRANT)
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
    return sendTokenError(ctx, 429, 'BXNIM0429E', 'Too many requests', undefined, headers)
  }
  const form = await readForm(ctx)
  const grantType = form.get('grant_type')
  if (!grantType) return sendMissing(ctx, 'grant_type')
  ctx.entry.grantType = grantType
  if (grantType === APIKEY_GRANT) return apikeyGrant(ctx, deps, form)
  if (grantType === ASSUME_GRANT) return assumeGrant(ctx, deps, form)
  sendTokenError(
    ctx,
    400,
    'BXNIM0106E',
    'Unsupported grant type.',
    `Grant type '${grantType}' is not supported by the emulator.`
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
