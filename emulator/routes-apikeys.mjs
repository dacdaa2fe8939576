// @ts-check
// IAM Identity API, API keys: create, get, list, details, delete, lock/unlock.
import { URLSearchParams } from 'node:url'
import { sendIdentityError } from './errors.mjs'
import { readBody } from './http-io.mjs'
import { parseIbmDate, toApiKeyJson } from './apikey-json.mjs'
import { StoreError } from './apikey-store.mjs'

/** @typedef {import('./http-io.mjs').RequestContext} Ctx */
/** @typedef {import('./http-io.mjs').Deps} Deps */
/** @typedef {import('./store.mjs').Identity} Identity */
/** @typedef {(ctx: Ctx, deps: Deps, caller: Identity, params: string[]) => Promise<void> | void} AuthedHandler */

const DEFAULT_PAGESIZE = 20
const MAX_PAGESIZE = 100

/** @param {Ctx} ctx @param {string} message */
const sendUnauthorized = (ctx, message) =>
  sendIdentityError(ctx, 401, 'unauthorized', 'BXNIM0308E', message)

/** @param {Ctx} ctx @param {string} message */
const sendForbidden = (ctx, message) =>
  sendIdentityError(ctx, 403, 'forbidden', 'BXNIM0513E', message)

/** @param {Ctx} ctx @param {string} id */
const sendKeyNotFound = (ctx, id) =>
  sendIdentityError(ctx, 404, 'not_found', 'BXNIM0102E', `API key ${id} not found.`)

/** @param {Ctx} ctx @param {string} property */
const sendMissing = (ctx, property) =>
  sendIdentityError(
    ctx,
    400,
    'invalid_request',
    'BXNIM0109E',
    `Property '${property}' either missing or empty.`
  )

/** @param {Ctx} ctx @param {string} message */
const sendInvalid = (ctx, message) =>
  sendIdentityError(ctx, 400, 'invalid_request', 'BXNIM0110E', message)

/**
 * The caller behind `Authorization: Bearer <token>`, or undefined after answering 401.
 * A token outlives the key it came from, as in IAM: only signature and expiry count.
 * @param {Ctx} ctx @param {Deps} deps
 */
function authenticate(ctx, deps) {
  const header = ctx.req.headers.authorization
  if (!header) return void sendUnauthorized(ctx, 'No authorization header found')
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
const authed = (handler) => (ctx, deps, params) => {
  const caller = authenticate(ctx, deps)
  return caller && handler(ctx, deps, caller, params)
}

/** @param {Identity} caller @param {string} iamId */
const mayManageKeysOf = (caller, iamId) => caller.canManageApiKeys && caller.iamId === iamId

/** @param {Ctx} ctx @param {Deps} deps @param {Identity} caller */
async function createKey(ctx, deps, caller) {
  /** @type {Record<string, unknown>} */
  let body
  try {
    body = JSON.parse(await readBody(ctx.req))
  } catch {
    return sendInvalid(ctx, 'The request body must be a JSON object.')
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return sendInvalid(ctx, 'The request body must be a JSON object.')
  }
  const { name, iam_id: iamId, description, account_id: accountId, expires_at: expiresAt } = body
  if (typeof name !== 'string' || !name) return sendMissing(ctx, 'name')
  if (typeof iamId !== 'string' || !iamId) return sendMissing(ctx, 'iam_id')
  ctx.entry.keyName = name
  if (description !== undefined && typeof description !== 'string') {
    return sendInvalid(ctx, "Property 'description' must be a string.")
  }
  const expiry = expiresAt === undefined ? null : parseIbmDate(String(expiresAt))
  if (expiresAt !== undefined && !expiry) {
    return sendInvalid(
      ctx,
      "Property 'expires_at' must have the format yyyy-MM-ddTHH:mm+0000, e.g. 2026-11-22T18:30+0000."
    )
  }
  if (accountId !== undefined && accountId !== caller.accountId) {
    return sendForbidden(ctx, 'You may not create API keys in another account.')
  }
  if (!mayManageKeysOf(caller, iamId)) {
    return sendForbidden(ctx, `You are not authorized to create API keys for ${iamId}.`)
  }
  try {
    const key = deps.keys.create({
      iamId,
      name,
      description: description ?? '',
      expiresAt: expiry,
      locked: String(ctx.req.headers['entity-lock']).toLowerCase() === 'true',
      createdBy: caller.iamId
    })
    ctx.send(201, toApiKeyJson(key, { includeValue: true }))
  } catch (error) {
    if (!(error instanceof StoreError) || error.code !== 'limit') throw error
    sendIdentityError(ctx, 400, 'limit_exceeded', 'BXNIM0506E', error.message)
  }
}

/** A key visible to the caller (same account, not deleted). @param {Deps} deps @param {Identity} caller @param {string} id */
const visibleKey = (deps, caller, id) => {
  const key = deps.keys.byId(id)
  return key && key.accountId === caller.accountId ? key : undefined
}

/** @type {AuthedHandler} */
function getKey(ctx, deps, caller, [id = '']) {
  const key = visibleKey(deps, caller, id)
  if (!key) return sendKeyNotFound(ctx, id)
  ctx.send(200, toApiKeyJson(key))
}

/** @type {AuthedHandler} */
function deleteKey(ctx, deps, caller, [id = '']) {
  const key = visibleKey(deps, caller, id)
  if (!key) return sendKeyNotFound(ctx, id)
  if (!mayManageKeysOf(caller, key.iamId)) {
    return sendForbidden(ctx, `You are not authorized to delete API key ${id}.`)
  }
  if (key.locked) {
    return sendIdentityError(
      ctx,
      409,
      'entity_locked',
      'BXNIM0511E',
      `API key ${id} is locked; unlock it with DELETE /v1/apikeys/${id}/lock first.`
    )
  }
  deps.keys.delete(key)
  ctx.send(204)
}

/** @param {boolean} locked @returns {AuthedHandler} */
const setLock =
  (locked) =>
  (ctx, deps, caller, [id = '']) => {
    const key = visibleKey(deps, caller, id)
    if (!key) return sendKeyNotFound(ctx, id)
    if (!mayManageKeysOf(caller, key.iamId)) {
      return sendForbidden(ctx, `You are not authorized to change API key ${id}.`)
    }
    deps.keys.change(key, caller.iamId, locked ? 'lock' : 'unlock', (k) => {
      k.locked = locked
    })
    ctx.send(204)
  }

/** @type {AuthedHandler} */
function listKeys(ctx, deps, caller) {
  const query = ctx.url.searchParams
  const accountId = query.get('account_id') || caller.accountId
  if (accountId !== caller.accountId) {
    return sendForbidden(ctx, 'You may only list API keys of your own account.')
  }
  const pagesize = Number(query.get('pagesize') ?? DEFAULT_PAGESIZE)
  if (!Number.isInteger(pagesize) || pagesize < 1 || pagesize > MAX_PAGESIZE) {
    return sendInvalid(ctx, `Property 'pagesize' must be an integer from 1 to ${MAX_PAGESIZE}.`)
  }
  const pagetoken = query.get('pagetoken')
  const offset = pagetoken ? Number(Buffer.from(pagetoken, 'base64url').toString('utf8')) : 0
  if (!Number.isInteger(offset) || offset < 0) {
    return sendInvalid(ctx, "Property 'pagetoken' is not a token this API returned.")
  }
  const iamId = query.get('iam_id')
  const matching = deps.keys
    .active()
    .filter((key) => key.accountId === accountId && (!iamId || key.iamId === iamId))

  /** @param {number | null} pageOffset */
  const pageUrl = (pageOffset) => {
    const params = new URLSearchParams(query)
    params.set('pagesize', String(pagesize))
    params.delete('pagetoken')
    if (pageOffset) params.set('pagetoken', Buffer.from(String(pageOffset)).toString('base64url'))
    return `${ctx.origin}/v1/apikeys?${params}`
  }
  const nextOffset = offset + pagesize
  ctx.send(200, {
    offset,
    limit: pagesize,
    first: pageUrl(null),
    ...(nextOffset < matching.length ? { next: pageUrl(nextOffset) } : {}),
    apikeys: matching.slice(offset, nextOffset).map((key) => toApiKeyJson(key))
  })
}

/** @type {AuthedHandler} */
function keyDetails(ctx, deps) {
  const value = ctx.req.headers['iam-apikey']
  if (typeof value !== 'string' || !value) return sendMissing(ctx, 'IAM-ApiKey')
  const key = deps.keys.byValue(value)
  if (!key) {
    return sendIdentityError(ctx, 404, 'not_found', 'BXNIM0102E', 'API key not found.')
  }
  ctx.send(200, toApiKeyJson(key))
}

/** @type {import('./http-io.mjs').Route[]} */
export const apikeyRoutes = [
  { method: 'POST', pattern: /^\/v1\/apikeys$/, handle: authed(createKey) },
  { method: 'GET', pattern: /^\/v1\/apikeys$/, handle: authed(listKeys) },
  { method: 'GET', pattern: /^\/v1\/apikeys\/details$/, handle: authed(keyDetails) },
  { method: 'GET', pattern: /^\/v1\/apikeys\/([^/]+)$/, handle: authed(getKey) },
  { method: 'DELETE', pattern: /^\/v1\/apikeys\/([^/]+)$/, handle: authed(deleteKey) },
  { method: 'POST', pattern: /^\/v1\/apikeys\/([^/]+)\/lock$/, handle: authed(setLock(true)) },
  { method: 'DELETE', pattern: /^\/v1\/apikeys\/([^/]+)\/lock$/, handle: authed(setLock(false)) }
]
