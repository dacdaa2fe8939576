// @ts-check
// IAM Identity API plumbing: the bearer-token caller, permissions and the error answers.
import { sendIdentityError } from './errors.mjs'
import { readBody } from './http-io.mjs'
import { OWN } from './own-codes.mjs'

/** @typedef {import('./http-io.mjs').RequestContext} Ctx */
/** @typedef {import('./http-io.mjs').Deps} Deps */
/** @typedef {import('./store.mjs').Identity} Identity */
/** @typedef {import('./apikey-store.mjs').ApiKeyRecord} ApiKeyRecord */
/** @typedef {(ctx: Ctx, deps: Deps, caller: Identity, params: string[]) => Promise<void> | void} AuthedHandler */

/** @param {Ctx} ctx @param {string} message */
const sendUnauthorized = (ctx, message) =>
  sendIdentityError(ctx, 401, 'unauthorized', OWN.bearerInvalid.code, message)

/** @param {Ctx} ctx @param {string} message */
export const sendForbidden = (ctx, message) =>
  sendIdentityError(ctx, 403, 'forbidden', OWN.forbidden.code, message)

/** @param {Ctx} ctx @param {string} id */
export const sendKeyNotFound = (ctx, id) =>
  sendIdentityError(ctx, 404, 'not_found', 'BXNIM0102E', `API key ${id} not found.`)

/** @param {Ctx} ctx @param {string} property */
export const sendMissing = (ctx, property) =>
  sendIdentityError(
    ctx,
    400,
    'invalid_request',
    'BXNIM0109E',
    `Property '${property}' either missing or empty.`
  )

/** @param {Ctx} ctx @param {string} message */
export const sendInvalid = (ctx, message) =>
  sendIdentityError(ctx, 400, 'invalid_request', OWN.invalidValue.code, message)

/** @param {Ctx} ctx @param {string} id */
export const sendLocked = (ctx, id) =>
  sendIdentityError(
    ctx,
    409,
    'entity_locked',
    OWN.locked.code,
    `API key ${id} is locked; unlock it with DELETE /v1/apikeys/${id}/lock first.`
  )

/**
 * The caller behind `Authorization: Bearer <token>`, or undefined after answering 401.
 * A token outlives the key it came from, as in IAM: only signature and expiry count.
 * @param {Ctx} ctx @param {Deps} deps
 */
function authenticate(ctx, deps) {
  const header = ctx.req.headers.authorization
  if (!header) {
    return void sendIdentityError(
      ctx,
      401,
      'unauthorized',
      'BXNIM0308E',
      'No authorization header found'
    )
  }
  const match = /^Bearer\s+(\S+)$/i.exec(header)
  if (!match?.[1]) {
    return void sendUnauthorized(ctx, 'Authorization header must be "Bearer <IAM access token>"')
  }
  const verified = deps.signer.verify(match[1])
  if (!verified.ok) {
    const what = verified.reason === 'expired' ? 'expired' : 'invalid'
    return void sendUnauthorized(ctx, `Provided IAM access token is ${what}.`)
  }
  const caller = deps.store.identity(String(verified.claims.iam_id))
  if (!caller) return void sendUnauthorized(ctx, 'The identity of the token does not exist.')
  return caller
}

/** @param {AuthedHandler} handler @returns {import('./http-io.mjs').Route['handle']} */
export const authed = (handler) => (ctx, deps, params) => {
  const caller = authenticate(ctx, deps)
  return caller && handler(ctx, deps, caller, params)
}

/** @param {Identity} caller @param {string} iamId */
export const mayManageKeysOf = (caller, iamId) => caller.canManageApiKeys && caller.iamId === iamId

/** A key visible to the caller (same account, not deleted). @param {Deps} deps @param {Identity} caller @param {string} id */
export const visibleKey = (deps, caller, id) => {
  const key = deps.keys.byId(id)
  return key && key.accountId === caller.accountId ? key : undefined
}

/**
 * The key the caller may change, or undefined after answering 404/403.
 * @param {Ctx} ctx @param {Deps} deps @param {Identity} caller @param {string} id
 */
export function manageableKey(ctx, deps, caller, id) {
  const key = visibleKey(deps, caller, id)
  if (!key) return void sendKeyNotFound(ctx, id)
  if (!mayManageKeysOf(caller, key.iamId)) {
    return void sendForbidden(ctx, `You are not authorized to change API key ${id}.`)
  }
  return key
}

/** @param {Ctx} ctx @returns {Promise<Record<string, unknown> | undefined>} undefined after a 400 */
export async function readJsonObject(ctx) {
  try {
    const body = JSON.parse(await readBody(ctx.req))
    if (body && typeof body === 'object' && !Array.isArray(body)) return body
  } catch {
    // answered below
  }
  sendInvalid(ctx, 'The request body must be a JSON object.')
  return undefined
}

/** `?include_history=true` and friends. @param {Ctx} ctx @param {string} name */
export const flag = (ctx, name) => ctx.url.searchParams.get(name) === 'true'
