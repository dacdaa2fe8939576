// @ts-check
// IAM Identity API, API keys: every operation of IamIdentityV1's API-key group.
import { URLSearchParams } from 'node:url'
import { toApiKeyJson } from './apikey-json.mjs'
import { createKey, updateKey } from './apikey-write.mjs'
import { authed, flag, manageableKey, visibleKey } from './auth.mjs'
import { sendForbidden, sendInvalid, sendKeyNotFound, sendLocked, sendMissing } from './errors.mjs'

/** @typedef {import('./auth.mjs').AuthedHandler} AuthedHandler */
/** @typedef {import('../state/apikey-store.mjs').ApiKeyRecord} ApiKeyRecord */

const DEFAULT_PAGESIZE = 20
const MAX_PAGESIZE = 100
const SORTS = /** @type {const} */ (['name', 'description', 'created_at', 'created_by'])

/** @type {AuthedHandler} */
function getKey(ctx, deps, caller, [id = '']) {
  const key = visibleKey(deps, caller, id)
  if (!key) return sendKeyNotFound(ctx, id)
  ctx.send(
    200,
    toApiKeyJson(key, {
      includeHistory: flag(ctx, 'include_history'),
      includeActivity: flag(ctx, 'include_activity')
    })
  )
}

/** @type {AuthedHandler} */
function deleteKey(ctx, deps, caller, [id = '']) {
  const key = manageableKey(ctx, deps, caller, id)
  if (!key) return
  if (key.locked) return sendLocked(ctx, id)
  deps.keys.delete(key)
  ctx.send(204)
}

/**
 * @param {'lock' | 'unlock' | 'disable' | 'enable'} action
 * @returns {AuthedHandler}
 */
const setState =
  (action) =>
  (ctx, deps, caller, [id = '']) => {
    const key = manageableKey(ctx, deps, caller, id)
    if (!key) return
    deps.keys.change(key, caller.iamId, action, (k) => {
      if (action === 'lock' || action === 'unlock') k.locked = action === 'lock'
      else k.disabled = action === 'disable'
    })
    ctx.send(204)
  }

/** @param {URLSearchParams} query @returns {string | ((a: ApiKeyRecord, b: ApiKeyRecord) => number)} */
function sorter(query) {
  const sort = query.get('sort')
  const order = query.get('order') ?? 'asc'
  if (order !== 'asc' && order !== 'desc') return "Property 'order' must be asc or desc."
  if (sort === null) return () => 0
  const field = SORTS.find((s) => s === sort)
  if (!field) return `Property 'sort' must be one of ${SORTS.join(', ')}.`
  /** @param {ApiKeyRecord} k */
  const value = (k) =>
    field === 'created_at'
      ? k.createdAt.toISOString()
      : field === 'created_by'
        ? k.createdBy
        : k[field]
  const sign = order === 'desc' ? -1 : 1
  return (a, b) => sign * value(a).localeCompare(value(b))
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
  const scope = query.get('scope') ?? 'entity'
  const type = query.get('type')
  if (!['entity', 'account'].includes(scope)) {
    return sendInvalid(ctx, "Property 'scope' must be entity or account.")
  }
  if (type !== null && !['user', 'serviceid'].includes(type)) {
    return sendInvalid(ctx, "Property 'type' must be user or serviceid.")
  }
  const compare = sorter(query)
  if (typeof compare === 'string') return sendInvalid(ctx, compare)
  const iamId = query.get('iam_id')
  // Every emulated key belongs to a service ID: type=user matches none.
  const matching = deps.keys
    .active()
    .filter((key) => key.accountId === accountId && (!iamId || key.iamId === iamId))
    .filter(() => type !== 'user')
    .sort(compare)

  /** @param {number} pageOffset */
  const pageUrl = (pageOffset) => {
    const params = new URLSearchParams(query)
    params.set('pagesize', String(pagesize))
    params.delete('pagetoken')
    if (pageOffset) params.set('pagetoken', Buffer.from(String(pageOffset)).toString('base64url'))
    return `${ctx.origin}/v1/apikeys?${params}`
  }
  const nextOffset = offset + pagesize
  const includeHistory = flag(ctx, 'include_history')
  ctx.send(200, {
    offset,
    limit: pagesize,
    first: pageUrl(0),
    ...(offset > 0 ? { previous: pageUrl(Math.max(offset - pagesize, 0)) } : {}),
    ...(nextOffset < matching.length ? { next: pageUrl(nextOffset) } : {}),
    apikeys: matching.slice(offset, nextOffset).map((key) => toApiKeyJson(key, { includeHistory }))
  })
}

/** @type {AuthedHandler} */
function keyDetails(ctx, deps) {
  const value = ctx.req.headers['iam-apikey']
  if (typeof value !== 'string' || !value) return sendMissing(ctx, 'IAM-ApiKey')
  const key = deps.keys.byValue(value)
  if (!key) return sendKeyNotFound(ctx, 'with this value')
  ctx.send(200, toApiKeyJson(key, { includeHistory: flag(ctx, 'include_history') }))
}

const ID = '([^/]+)'

/** @type {import('../http/context.mjs').Route[]} */
export const apikeyRoutes = [
  { method: 'POST', pattern: /^\/v1\/apikeys$/, handle: authed(createKey) },
  { method: 'GET', pattern: /^\/v1\/apikeys$/, handle: authed(listKeys) },
  { method: 'GET', pattern: /^\/v1\/apikeys\/details$/, handle: authed(keyDetails) },
  { method: 'GET', pattern: new RegExp(`^/v1/apikeys/${ID}$`), handle: authed(getKey) },
  { method: 'PUT', pattern: new RegExp(`^/v1/apikeys/${ID}$`), handle: authed(updateKey) },
  { method: 'DELETE', pattern: new RegExp(`^/v1/apikeys/${ID}$`), handle: authed(deleteKey) },
  {
    method: 'POST',
    pattern: new RegExp(`^/v1/apikeys/${ID}/lock$`),
    handle: authed(setState('lock'))
  },
  {
    method: 'DELETE',
    pattern: new RegExp(`^/v1/apikeys/${ID}/lock$`),
    handle: authed(setState('unlock'))
  },
  {
    method: 'POST',
    pattern: new RegExp(`^/v1/apikeys/${ID}/disable$`),
    handle: authed(setState('disable'))
  },
  {
    method: 'DELETE',
    pattern: new RegExp(`^/v1/apikeys/${ID}/disable$`),
    handle: authed(setState('enable'))
  }
]
