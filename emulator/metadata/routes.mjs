// @ts-check
// VPC instance metadata service (plain HTTP, its own loopback port): an instance identity
// token, then an IAM token for a trusted profile linked to the instance. As called by
// ibm-cloud-sdk-core's VpcInstanceTokenManager (versions 2022-03-01 and 2025-08-26 paths).
import { mintInstanceToken, verifyInstanceToken } from './instance-token.mjs'
import { GRANTS } from '../token/grants.mjs'
import { readBody } from '../http/context.mjs'
import { OWN } from '../own-codes.mjs'
import { mintAccessToken } from '../token/issue.mjs'
import { findProfile, trusts } from '../identity/trust.mjs'

/** @typedef {import('../http/context.mjs').RequestContext} Ctx */
/** @typedef {import('../http/context.mjs').Deps} Deps */

const DEFAULT_EXPIRES_IN = 300
const VERSION = /^\d{4}-\d{2}-\d{2}$/

/**
 * VPC API error body: `{errors:[{code, message, more_info}], status_code, trace}` (shape from
 * the VPC API docs; the codes are the emulator's own, see own-codes.mjs).
 * @param {Ctx} ctx @param {{ status: number, code: string }} own @param {string} message
 */
function sendVpcError(ctx, own, message) {
  ctx.send(own.status, {
    errors: [{ code: own.code, message, more_info: 'emulator/README.md#vpc-instance-metadata' }],
    status_code: own.status,
    trace: ctx.transactionId
  })
}

/** @param {Ctx} ctx @returns {boolean} true when an error was sent */
function refusedPreamble(ctx) {
  if (ctx.req.headers['metadata-flavor'] !== 'ibm') {
    sendVpcError(ctx, OWN.metadataFlavor, 'The header Metadata-Flavor: ibm is required.')
    return true
  }
  if (!VERSION.test(ctx.url.searchParams.get('version') ?? '')) {
    sendVpcError(ctx, OWN.metadataVersion, 'The query parameter version=YYYY-MM-DD is required.')
    return true
  }
  return false
}

/** @param {Ctx} ctx @returns {Promise<Record<string, unknown> | undefined>} undefined after a 400 */
async function readJson(ctx) {
  const text = await readBody(ctx.req)
  if (!text.trim()) return {}
  try {
    const body = JSON.parse(text)
    if (body && typeof body === 'object' && !Array.isArray(body)) return body
  } catch {
    // answered below
  }
  sendVpcError(ctx, OWN.metadataBadRequest, 'The request body must be a JSON object.')
  return undefined
}

/** @param {Date} date */
const rfc3339 = (date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z')

/** @param {Ctx} ctx @param {Deps} deps */
async function createInstanceToken(ctx, deps) {
  if (refusedPreamble(ctx)) return
  const body = await readJson(ctx)
  if (!body) return
  const expiresIn = body.expires_in ?? DEFAULT_EXPIRES_IN
  if (!(Number.isInteger(expiresIn) && Number(expiresIn) >= 5 && Number(expiresIn) <= 3600)) {
    return sendVpcError(
      ctx,
      OWN.metadataBadRequest,
      'expires_in must be an integer from 5 to 3600.'
    )
  }
  const instance = deps.store.instance(deps.instanceId)
  if (!instance) throw new Error('the seeded instance is missing')
  const { token, iat, exp } = mintInstanceToken(deps.signer, instance, Number(expiresIn))
  ctx.send(200, {
    access_token: token,
    created_at: rfc3339(new Date(iat * 1000)),
    expires_at: rfc3339(new Date(exp * 1000)),
    expires_in: Number(expiresIn)
  })
}

/** @param {Ctx} ctx @param {Deps} deps */
async function createIamToken(ctx, deps) {
  if (refusedPreamble(ctx)) return
  const match = /^Bearer\s+(\S+)$/i.exec(ctx.req.headers.authorization ?? '')
  const verified = match?.[1] ? verifyInstanceToken(deps.signer, match[1]) : undefined
  const instance = verified?.ok ? deps.store.instance(verified.instanceId) : undefined
  if (!instance) {
    const why = verified && !verified.ok ? `: ${verified.reason}` : ''
    return sendVpcError(
      ctx,
      OWN.metadataUnauthorized,
      `Authorization: Bearer <instance identity token> is missing or refused${why}.`
    )
  }
  if (deps.rateLimiter.hit()) {
    return sendVpcError(ctx, OWN.metadataRateLimited, 'Too many requests.')
  }
  const body = await readJson(ctx)
  if (!body) return
  const ref = /** @type {Record<string, unknown>} */ (body.trusted_profile ?? {})
  const wanted = {
    id: typeof ref.id === 'string' ? ref.id : null,
    crn: typeof ref.crn === 'string' ? ref.crn : null,
    name: typeof ref.name === 'string' ? ref.name : null,
    account: instance.accountId
  }
  const named = wanted.id || wanted.crn || wanted.name
  const profile = named
    ? findProfile(deps.store, wanted)
    : deps.store.identity(instance.defaultProfileIamId)
  if (!profile || !trusts(profile, { kind: 'vpc-instance', instance })) {
    return sendVpcError(
      ctx,
      OWN.metadataProfile,
      'The trusted profile does not exist or is not linked to this instance.'
    )
  }
  const authn = {
    sub: instance.crn,
    iamId: `crn-${instance.crn}`,
    subType: 'CRN',
    name: instance.name
  }
  const { accessToken, iat, exp } = mintAccessToken(deps, profile, authn, GRANTS.crToken)
  ctx.entry.profileId = profile.id
  ctx.send(200, {
    access_token: accessToken,
    created_at: rfc3339(new Date(iat * 1000)),
    expires_at: rfc3339(new Date(exp * 1000)),
    expires_in: exp - iat
  })
}

/** @type {import('../http/context.mjs').Route[]} */
export const metadataRoutes = [
  { method: 'PUT', pattern: /^\/instance_identity\/v1\/token$/, handle: createInstanceToken },
  { method: 'POST', pattern: /^\/instance_identity\/v1\/iam_token$/, handle: createIamToken },
  { method: 'PUT', pattern: /^\/identity\/v1\/token$/, handle: createInstanceToken },
  { method: 'POST', pattern: /^\/identity\/v1\/iam_tokens$/, handle: createIamToken }
]
