// @ts-check
// What tests may do behind the API's back: make keys (backdated, expired), look them up.
import { randomBytes } from 'node:crypto'
import { parseIbmDate, toApiKeyJson } from '../identity/apikey-json.mjs'
import { StoreError } from './apikey-store.mjs'

/**
 * @typedef {object} NewKeySpec
 * @property {string} iamId a service ID's iam_id
 * @property {string} [accountId] checked against the identity's account when given
 * @property {string} [name] default `emulator-key-<hex>`
 * @property {string} [description]
 * @property {Date | string} [expiresAt] `yyyy-MM-ddTHH:mm[:ss]+0000` or anything Date parses; may be past
 * @property {Date | string} [createdAt] default now; lets tests backdate keys
 */

/** @param {Date | string} value @param {string} name */
function toDate(value, name) {
  const date = value instanceof Date ? value : (parseIbmDate(value) ?? new Date(value))
  if (Number.isNaN(date.getTime())) throw new Error(`Invalid ${name}: ${String(value)}`)
  return date
}

/**
 * @param {import('./store.mjs').Store} store
 * @param {import('./apikey-store.mjs').ApiKeyStore} keys
 */
export function createTestControls(store, keys) {
  return {
    /** @param {NewKeySpec} spec */
    createApiKey({ iamId, accountId, name, description, expiresAt, createdAt }) {
      const identity = store.identity(iamId)
      if (accountId !== undefined && identity && identity.accountId !== accountId) {
        throw new StoreError('unknown_identity', `${iamId} is not in account ${accountId}`)
      }
      const key = keys.create({
        iamId,
        name: name ?? `emulator-key-${randomBytes(4).toString('hex')}`,
        description,
        expiresAt: expiresAt === undefined ? null : toDate(expiresAt, 'expiresAt'),
        ...(createdAt === undefined ? {} : { createdAt: toDate(createdAt, 'createdAt') })
      })
      return { id: key.id, apikey: key.value }
    },
    /** @param {string} idOrValue */
    apiKeyExists: (idOrValue) => Boolean(keys.byId(idOrValue) ?? keys.byValue(idOrValue)),
    listApiKeys: () =>
      keys.active().map((key) => {
        const { apikey: _value, ...rest } = toApiKeyJson(key)
        return rest
      })
  }
}
