// @ts-check
// Grants that end in a trusted-profile token: assume (with an IAM access token) and
// cr-token (with a compute-resource token). Both answer like the API-key grant.
import { verifyCrToken } from './compute-resources.mjs'
import { sendTokenError } from './errors.mjs'
import { OWN } from './own-codes.mjs'
import { authnOf, sendToken } from './token-issue.mjs'
import { findProfile, trusts } from './trust.mjs'

export const ASSUME_GRANT = 'urn:ibm:params:oauth:grant-type:assume'
export const CR_TOKEN_GRANT = 'urn:ibm:params:oauth:grant-type:cr-token'

/** @typedef {import('./http-io.mjs').RequestContext} Ctx */
/** @typedef {import('./http-io.mjs').Deps} Deps */
/** @typedef {import('./store.mjs').Identity} Identity */

/** @param {Ctx} ctx @param {string} property */
export const sendMissing = (ctx, property) =>
  sendTokenError(
    ctx,
    400,
    'BXNIM0109E',
    'Property missing or empty.',
    `Property '${property}' either missing or empty.`
  )

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

/**
 * @param {Ctx} ctx @param {Deps} deps @param {URLSearchParams} form
 * @param {(ctx: Ctx, subject: Identity) => boolean} rejectedByTenant
 */
export function assumeGrant(ctx, deps, form, rejectedByTenant) {
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
  sendToken(ctx, deps, profile, authnOf(caller), ASSUME_GRANT)
}

/**
 * @param {Ctx} ctx @param {Deps} deps @param {URLSearchParams} form
 * @param {(ctx: Ctx, subject: Identity) => boolean} rejectedByTenant
 * @param {boolean} refreshable
 */
export function crTokenGrant(ctx, deps, form, rejectedByTenant, refreshable) {
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
  /** @type {import('./trust.mjs').Actor} */
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
  sendToken(ctx, deps, profile, authn, CR_TOKEN_GRANT, { refreshable })
}
