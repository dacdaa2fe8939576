// @ts-check
// IAM Identity API error answers: `{errors:[{code, message_code, message}], status_code, trace}`.
import { OWN } from '../own-codes.mjs'

/** @typedef {import('../http/context.mjs').RequestContext} Ctx */

/**
 * IAM Identity API error: `{errors:[{code, message_code, message}], status_code, trace}`.
 * @param {Ctx} ctx
 * @param {number} status
 * @param {string} code
 * @param {string} messageCode
 * @param {string} message
 */
export function sendIdentityError(ctx, status, code, messageCode, message) {
  ctx.send(status, {
    errors: [{ code, message_code: messageCode, message }],
    status_code: status,
    trace: ctx.transactionId
  })
}

/** @param {Ctx} ctx @param {string} message */
export const sendUnauthorized = (ctx, message) =>
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
