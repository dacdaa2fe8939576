// @ts-check
// THE grants module: every grant type POST /identity/token serves, each with its URN, the form
// it reads, whom it authenticates and whom the token is for. token/routes.mjs looks the
// grant_type up in GRANT_TABLE; `npm run emulator -- --routes` lists it. A new grant is one
// GRANTS entry, one handler and one GRANT_TABLE row here.
import { findProfile, trusts } from '../identity/trust.mjs'
import { OWN } from '../own-codes.mjs'
import { isExpired } from '../state/apikey-store.mjs'
import { verifyCrToken } from './compute-resource.mjs'
import { sendMissing, sendTokenError } from './errors.mjs'
import { authnOf, sendToken } from './issue.mjs'

/** The grant_type values the emulator serves (IAM's URNs, see CONTRACT.md). */
export const GRANTS = Object.freeze({
  apikey: 'urn:ibm:params:oauth:grant-type:apikey',
  assume: 'urn:ibm:params:oauth:grant-type:assume',
  crToken: 'urn:ibm:params:oauth:grant-type:cr-token',
  refresh: 'refresh_token'
})

/** @typedef {import('../http/context.mjs').RequestContext} Ctx */
/** @typedef {import('../http/context.mjs').Deps} Deps */
/** @typedef {import('../state/store.mjs').Identity} Identity */
/**
 * @typedef {object} GrantRequest
 * @property {URLSearchParams} form the form body
 * @property {boolean} refreshable the client authenticated (Basic), so a refresh token is issued
 * @typedef {(ctx: Ctx, deps: Deps, request: GrantRequest) => void} GrantHandler
 * @typedef {object} Grant
 * @property {string} grantType
 * @property {string} doc what it takes, for `--routes`
 * @property {boolean} [needsClient] served only with Basic client authentication
 * @property {GrantHandler} handle
 */

/**
 * IBM-Cloud-Tenant: the token is issued only for an identity in one of the listed accounts.
 * @param {Ctx} ctx @param {Identity} subject @returns {boolean} true when an error was sent
 */
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

/** A service ID's token for its API key; expired and disabled keys answer like unknown ones. @type {GrantHandler} */
function apikeyGrant(ctx, deps, { form, refreshable }) {
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
  sendToken(ctx, deps, identity, authnOf(identity), GRANTS.apikey, { refreshable })
}

/** A new token for a refresh token; refresh tokens are single-use. @type {GrantHandler} */
function refreshGrant(ctx, deps, { form }) {
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

/** @param {URLSearchParams} form */
const profileRef = (form) => ({
  id: form.get('profile_id'),
  crn: form.get('profile_crn'),
  name: form.get('profile_name'),
  account: form.get('account')
})

/** @param {Ctx} ctx */
const sendProfileNotFound = (ctx) =>
  sendTokenError(ctx, 400, OWN.profileNotFound.code, 'Provided trusted profile could not be found.')

/** @param {Ctx} ctx */
const sendNotTrusted = (ctx) =>
  sendTokenError(
    ctx,
    400,
    OWN.profileNotTrusted.code,
    'The identity is not trusted by the trusted profile.'
  )

/** Assume a trusted profile with a service ID's IAM access token. @type {GrantHandler} */
function assumeGrant(ctx, deps, { form }) {
  const accessToken = form.get('access_token')
  if (!accessToken) return sendMissing(ctx, 'access_token')
  const ref = profileRef(form)
  if (!ref.id && !ref.crn && !ref.name) return sendMissing(ctx, 'profile_id')
  if (!ref.id && !ref.crn && !ref.account) return sendMissing(ctx, 'account')

  const verified = deps.signer.verify(accessToken)
  const caller = verified.ok ? deps.store.identity(String(verified.claims.iam_id)) : undefined
  if (!caller || caller.subType !== 'ServiceId') {
    return sendTokenError(
      ctx,
      400,
      OWN.accessTokenInvalid.code,
      'Provided access token is invalid or expired.'
    )
  }
  const profile = findProfile(deps.store, ref)
  if (!profile) return sendProfileNotFound(ctx)
  if (!trusts(profile, { kind: 'service-id', identity: caller })) return sendNotTrusted(ctx)
  if (rejectedByTenant(ctx, profile)) return
  sendToken(ctx, deps, profile, authnOf(caller), GRANTS.assume)
}

/** A trusted profile's token for a compute resource's token. @type {GrantHandler} */
function crTokenGrant(ctx, deps, { form, refreshable }) {
  const crToken = form.get('cr_token')
  if (!crToken) return sendMissing(ctx, 'cr_token')
  const ref = profileRef(form)
  if (!ref.id && !ref.crn && !ref.name) return sendMissing(ctx, 'profile_id')

  const verified = verifyCrToken(deps.signer, crToken)
  if (!verified.ok) {
    return sendTokenError(
      ctx,
      400,
      OWN.crTokenInvalid.code,
      'Provided compute resource token is invalid or expired.',
      `The compute resource token was refused: ${verified.reason}.`
    )
  }
  /** @type {import('../identity/trust.mjs').Actor} */
  const actor = { kind: 'compute-resource', issuer: verified.iss, subject: verified.sub }
  // A name without an account is looked up among the profiles that trust this resource.
  const profile = findProfile(deps.store, ref, (p) => trusts(p, actor))
  if (!profile) return sendProfileNotFound(ctx)
  if (!trusts(profile, actor)) return sendNotTrusted(ctx)
  if (rejectedByTenant(ctx, profile)) return
  const authn = {
    sub: verified.sub,
    iamId: `crn-${verified.iss}`,
    subType: 'CRN',
    name: verified.sub
  }
  sendToken(ctx, deps, profile, authn, GRANTS.crToken, { refreshable })
}

/** @type {readonly Grant[]} */
export const GRANT_TABLE = Object.freeze([
  { grantType: GRANTS.apikey, doc: 'apikey', handle: apikeyGrant },
  {
    grantType: GRANTS.assume,
    doc: 'access_token + profile_id | profile_crn | profile_name+account',
    handle: assumeGrant
  },
  {
    grantType: GRANTS.crToken,
    doc: 'cr_token + profile_id | profile_name | profile_crn',
    handle: crTokenGrant
  },
  {
    grantType: GRANTS.refresh,
    doc: 'needs Authorization: Basic of a client, default bx:bx',
    needsClient: true,
    handle: refreshGrant
  }
])
