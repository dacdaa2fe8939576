// @ts-check
// IAM Identity API plumbing: the bearer-token caller, permissions, JSON bodies and flags.
import { readBody } from '../http/context.mjs'
import {
  sendForbidden,
  sendIdentityError,
  sendInvalid,
  sendKeyNotFound,
  sendUnauthorized
} from './errors.mjs'

/** @typedef {import('../http/context.mjs').RequestContext} Ctx */
/** @typedef {import('../http/context.mjs').Deps} Deps */
/** @typedef {import('../state/store.mjs').Identity} Identity */
/** @typedef {import('../state/apikey-store.mjs').ApiKeyRecord} ApiKeyRecord */
/** @typedef {(ctx: Ctx, deps: Deps, caller: Identity, params: string[]) => Promise<void> | void} AuthedHandler */

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

/** @param {AuthedHandler} handler @returns {import('../http/context.mjs').Route['handle']} */
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
