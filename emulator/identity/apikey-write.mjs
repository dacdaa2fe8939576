// @ts-check
// IAM Identity API: create (POST /v1/apikeys) and update (PUT /v1/apikeys/{id}).
import { parseKeyFields } from './apikey-fields.mjs'
import { toApiKeyJson } from './apikey-json.mjs'
import { StoreError } from '../state/apikey-store.mjs'
import { manageableKey, mayManageKeysOf, readJsonObject } from './auth.mjs'
import {
  sendForbidden,
  sendIdentityError,
  sendInvalid,
  sendLocked,
  sendMissing
} from './errors.mjs'
import { OWN } from '../own-codes.mjs'

/** @param {import('../http/context.mjs').RequestContext} ctx @param {string} name */
const headerIsTrue = (ctx, name) => String(ctx.req.headers[name]).toLowerCase() === 'true'

/** @param {import('../http/context.mjs').RequestContext} ctx @param {{ missing?: string, message?: string }} problem */
const sendProblem = (ctx, problem) =>
  problem.missing ? sendMissing(ctx, problem.missing) : sendInvalid(ctx, problem.message ?? '')

/**
 * @param {import('../http/context.mjs').RequestContext} ctx @param {import('../http/context.mjs').Deps} deps
 * @param {import('../state/store.mjs').Identity} caller
 */
export async function createKey(ctx, deps, caller) {
  const body = await readJsonObject(ctx)
  if (!body) return
  if (typeof body.name === 'string') ctx.entry.keyName = body.name
  const iamId = body.iam_id
  if (typeof body.name !== 'string' || !body.name) return sendMissing(ctx, 'name')
  if (typeof iamId !== 'string' || !iamId) return sendMissing(ctx, 'iam_id')
  const parsed = parseKeyFields(body, { create: true })
  if (!parsed.ok) return sendProblem(ctx, parsed)
  if (body.account_id !== undefined && body.account_id !== caller.accountId) {
    return sendForbidden(ctx, 'You may not create API keys in another account.')
  }
  if (!mayManageKeysOf(caller, iamId)) {
    return sendForbidden(ctx, `You are not authorized to create API keys for ${iamId}.`)
  }
  const { fields } = parsed
  try {
    const key = deps.keys.create({
      iamId,
      name: fields.name ?? '',
      description: fields.description ?? '',
      expiresAt: fields.expiresAt ?? null,
      locked: headerIsTrue(ctx, 'entity-lock'),
      disabled: headerIsTrue(ctx, 'entity-disable'),
      createdBy: caller.iamId,
      ...(fields.value === undefined ? {} : { value: fields.value }),
      ...(fields.storeValue === undefined ? {} : { storeValue: fields.storeValue }),
      ...(fields.supportSessions === undefined ? {} : { supportSessions: fields.supportSessions }),
      ...(fields.actionWhenLeaked === undefined
        ? {}
        : { actionWhenLeaked: fields.actionWhenLeaked })
    })
    ctx.send(201, toApiKeyJson(key, { includeValue: true }))
  } catch (error) {
    if (!(error instanceof StoreError) || error.code === 'unknown_identity') throw error
    if (error.code === 'limit') {
      return sendIdentityError(ctx, 400, 'limit_exceeded', OWN.keyLimit.code, error.message)
    }
    sendIdentityError(ctx, 409, 'conflict', OWN.duplicateValue.code, error.message)
  }
}

/**
 * @param {import('../http/context.mjs').RequestContext} ctx @param {import('../http/context.mjs').Deps} deps
 * @param {import('../state/store.mjs').Identity} caller @param {string[]} params
 */
export async function updateKey(ctx, deps, caller, [id = '']) {
  const key = manageableKey(ctx, deps, caller, id)
  if (!key) return
  const ifMatch = ctx.req.headers['if-match']
  if (typeof ifMatch !== 'string' || !ifMatch) return sendMissing(ctx, 'If-Match')
  const body = await readJsonObject(ctx)
  if (!body) return
  const parsed = parseKeyFields(body, { create: false })
  if (!parsed.ok) return sendProblem(ctx, parsed)
  const current = toApiKeyJson(key).entity_tag
  if (ifMatch !== '*' && ifMatch !== current) {
    return sendIdentityError(
      ctx,
      409,
      'conflict',
      OWN.staleEtag.code,
      `If-Match ${ifMatch} is not the current entity_tag of API key ${id}; read it again.`
    )
  }
  if (key.locked) return sendLocked(ctx, id)
  const { fields } = parsed
  deps.keys.change(key, caller.iamId, 'update', (k) => {
    if (fields.name !== undefined) k.name = fields.name
    if (fields.description !== undefined) k.description = fields.description
    if (fields.expiresAt !== undefined) k.expiresAt = fields.expiresAt
    if (fields.supportSessions !== undefined) k.supportSessions = fields.supportSessions
    if (fields.actionWhenLeaked !== undefined) k.actionWhenLeaked = fields.actionWhenLeaked
  })
  ctx.send(200, toApiKeyJson(key))
}
