// @ts-check
// In-memory API keys of service IDs: values, state (locked, disabled), history, activity.
import { randomBytes, randomUUID } from 'node:crypto'
import { formatIbmDate } from '../identity/apikey-json.mjs'

/**
 * @typedef {object} ApiKeyRecord
 * @property {string} id `ApiKey-<uuid>`
 * @property {string} value the secret; returned by create, and by get/details when storeValue
 * @property {string} iamId
 * @property {string} accountId
 * @property {string} name
 * @property {string} description
 * @property {string} createdBy
 * @property {Date} createdAt
 * @property {Date} modifiedAt
 * @property {Date | null} expiresAt
 * @property {boolean} locked
 * @property {boolean} disabled
 * @property {boolean} storeValue
 * @property {boolean} supportSessions
 * @property {'none' | 'disable' | 'delete'} actionWhenLeaked
 * @property {number} version part of entity_tag; bumped by every change
 * @property {boolean} deleted
 * @property {import('../identity/apikey-json.mjs').HistoryRecord[]} history
 * @property {{ authn_count: number, last_authn?: string }} activity
 *
 * @typedef {object} NewApiKey
 * @property {string} iamId
 * @property {string} name
 * @property {string} [value] passed through by the caller; default 43 random url-safe characters
 * @property {string} [description]
 * @property {Date | null} [expiresAt]
 * @property {boolean} [locked]
 * @property {boolean} [disabled]
 * @property {boolean} [storeValue]
 * @property {boolean} [supportSessions]
 * @property {'none' | 'disable' | 'delete'} [actionWhenLeaked] default 'none' (unverified)
 * @property {string} [createdBy] defaults to iamId
 * @property {Date} [createdAt] defaults to now (tests backdate keys)
 */

export class StoreError extends Error {
  /** @param {'limit' | 'unknown_identity' | 'duplicate_value'} code @param {string} message */
  constructor(code, message) {
    super(message)
    this.code = code
  }
}

/** 43 url-safe characters, the shape of an IBM API key. */
export const newApiKeyValue = () => randomBytes(32).toString('base64url')

/** @param {ApiKeyRecord} key @param {number} [nowMs] */
export const isExpired = (key, nowMs = Date.now()) =>
  key.expiresAt !== null && key.expiresAt.getTime() <= nowMs

/**
 * @param {{ apikeyLimit: number, store: import('./store.mjs').Store }} options
 */
export function createApiKeyStore({ apikeyLimit, store }) {
  /** @type {Map<string, ApiKeyRecord>} insertion order = creation order */
  const keys = new Map()
  const active = () => [...keys.values()].filter((key) => !key.deleted)

  /** @param {ApiKeyRecord} key @param {string} iamId who acted @param {string} action @param {string} message */
  function record(key, iamId, action, message) {
    const actor = store.identity(iamId)
    key.history.push({
      timestamp: formatIbmDate(new Date()),
      iam_id: iamId,
      iam_id_account: actor?.accountId ?? key.accountId,
      action,
      params: [key.id],
      message
    })
  }

  return {
    /** @param {NewApiKey} spec @returns {ApiKeyRecord} */
    create(spec) {
      const identity = store.identity(spec.iamId)
      if (!identity || identity.subType !== 'ServiceId') {
        throw new StoreError('unknown_identity', `No service ID with iam_id ${spec.iamId}`)
      }
      const owned = active().filter((key) => key.iamId === identity.iamId).length
      if (owned >= apikeyLimit) {
        throw new StoreError(
          'limit',
          `The identity already has ${apikeyLimit} API keys, the limit.`
        )
      }
      if (spec.value !== undefined && active().some((key) => key.value === spec.value)) {
        throw new StoreError('duplicate_value', 'An API key with this value already exists.')
      }
      const now = spec.createdAt ?? new Date()
      /** @type {ApiKeyRecord} */
      const key = {
        id: `ApiKey-${randomUUID()}`,
        value: spec.value ?? newApiKeyValue(),
        iamId: identity.iamId,
        accountId: identity.accountId,
        name: spec.name,
        description: spec.description ?? '',
        createdBy: spec.createdBy ?? identity.iamId,
        createdAt: now,
        modifiedAt: now,
        expiresAt: spec.expiresAt ?? null,
        locked: spec.locked ?? false,
        disabled: spec.disabled ?? false,
        storeValue: spec.storeValue ?? false,
        supportSessions: spec.supportSessions ?? false,
        actionWhenLeaked: spec.actionWhenLeaked ?? 'none',
        version: 1,
        deleted: false,
        history: [],
        activity: { authn_count: 0 }
      }
      record(key, key.createdBy, 'create', 'Created API key')
      keys.set(key.id, key)
      return key
    },

    /** @param {string} id */
    byId(id) {
      const key = keys.get(id)
      return key && !key.deleted ? key : undefined
    },

    /** @param {string} value */
    byValue: (value) => active().find((key) => key.value === value),

    /**
     * Applies a change, bumps the version and records it.
     * @param {ApiKeyRecord} key @param {string} iamId who acted @param {string} action
     * @param {(key: ApiKeyRecord) => void} change
     */
    change(key, iamId, action, change) {
      change(key)
      key.version += 1
      key.modifiedAt = new Date()
      record(key, iamId, action, `${action[0]?.toUpperCase()}${action.slice(1)}d API key`)
    },

    /** @param {ApiKeyRecord} key */
    delete(key) {
      key.deleted = true
    },

    /** @param {ApiKeyRecord} key */
    authenticated(key) {
      key.activity.authn_count += 1
      key.activity.last_authn = formatIbmDate(new Date())
    },

    active
  }
}

/** @typedef {ReturnType<typeof createApiKeyStore>} ApiKeyStore */
