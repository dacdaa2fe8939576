// @ts-check
// In-memory accounts, identities (service IDs, trusted profiles) and API keys.
import { randomBytes, randomUUID } from 'node:crypto'

/**
 * @typedef {object} Identity
 * @property {string} iamId `iam-ServiceId-<uuid>` or `iam-Profile-<uuid>`
 * @property {string} id `ServiceId-<uuid>` or `Profile-<uuid>` (the JWT `sub`)
 * @property {'ServiceId' | 'Profile'} subType
 * @property {string} name
 * @property {string} accountId
 * @property {string} crn
 * @property {boolean} canManageApiKeys may create/delete/lock its own API keys
 *
 * @typedef {object} ApiKeyRecord
 * @property {string} id `ApiKey-<uuid>`
 * @property {string} value the secret, only ever returned by the create call
 * @property {string} iamId
 * @property {string} accountId
 * @property {string} name
 * @property {string} description
 * @property {string} createdBy
 * @property {Date} createdAt
 * @property {Date} modifiedAt
 * @property {Date | null} expiresAt
 * @property {boolean} locked
 * @property {number} version
 * @property {boolean} deleted
 *
 * @typedef {object} NewApiKey
 * @property {string} iamId
 * @property {string} name
 * @property {string} [description]
 * @property {Date | null} [expiresAt]
 * @property {boolean} [locked]
 * @property {string} [createdBy] defaults to iamId
 * @property {Date} [createdAt] defaults to now (tests backdate keys)
 */

export class StoreError extends Error {
  /** @param {'limit' | 'unknown_identity'} code @param {string} message */
  constructor(code, message) {
    super(message)
    this.code = code
  }
}

/** 43 url-safe characters, the shape of an IBM API key. */
export const newApiKeyValue = () => randomBytes(32).toString('base64url')

export const newAccountId = () => randomBytes(16).toString('hex')

const IBM_DATE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})\+0000$/

/** IAM Identity timestamps: `yyyy-MM-ddTHH:mm+0000`. @param {Date} date */
export function formatIbmDate(date) {
  return date.toISOString().slice(0, 16) + '+0000'
}

/** @param {string} text @returns {Date | null} null unless `yyyy-MM-ddTHH:mm+0000` and a real date */
export function parseIbmDate(text) {
  const match = IBM_DATE.exec(text)
  if (!match) return null
  const date = new Date(`${text.slice(0, 16)}:00Z`)
  return Number.isNaN(date.getTime()) || formatIbmDate(date) !== text ? null : date
}

/** @param {{ apikeyLimit: number }} options */
export function createStore({ apikeyLimit }) {
  /** @type {Map<string, Identity>} */
  const identities = new Map()
  /** @type {Map<string, ApiKeyRecord>} insertion order = creation order */
  const keys = new Map()

  /** @param {'ServiceId' | 'Profile'} subType @param {string} accountId @param {string} name @param {boolean} canManageApiKeys */
  function addIdentity(subType, accountId, name, canManageApiKeys) {
    const id = `${subType}-${randomUUID()}`
    const kind = subType === 'ServiceId' ? 'serviceid' : 'profile'
    /** @type {Identity} */
    const identity = {
      iamId: `iam-${id}`,
      id,
      subType,
      name,
      accountId,
      crn: `crn:v1:bluemix:public:iam-identity::a/${accountId}::${kind}:${id}`,
      canManageApiKeys
    }
    identities.set(identity.iamId, identity)
    return identity
  }

  const activeKeys = () => [...keys.values()].filter((key) => !key.deleted)

  return {
    /** @param {string} accountId @param {string} name @param {{ canManageApiKeys: boolean }} rights */
    addServiceId: (accountId, name, { canManageApiKeys }) =>
      addIdentity('ServiceId', accountId, name, canManageApiKeys),

    /** @param {string} accountId @param {string} name */
    addProfile: (accountId, name) => addIdentity('Profile', accountId, name, false),

    /** @param {string} iamId */
    identity: (iamId) => identities.get(iamId),

    /** @param {(identity: Identity) => boolean} predicate */
    findProfile: (predicate) =>
      [...identities.values()].find((i) => i.subType === 'Profile' && predicate(i)),

    /** @param {NewApiKey} spec @returns {ApiKeyRecord} */
    createApiKey(spec) {
      const identity = identities.get(spec.iamId)
      if (!identity || identity.subType !== 'ServiceId') {
        throw new StoreError('unknown_identity', `No service ID with iam_id ${spec.iamId}`)
      }
      const owned = activeKeys().filter((key) => key.iamId === identity.iamId).length
      if (owned >= apikeyLimit) {
        throw new StoreError(
          'limit',
          `The identity already has ${apikeyLimit} API keys, the limit.`
        )
      }
      const now = spec.createdAt ?? new Date()
      /** @type {ApiKeyRecord} */
      const record = {
        id: `ApiKey-${randomUUID()}`,
        value: newApiKeyValue(),
        iamId: identity.iamId,
        accountId: identity.accountId,
        name: spec.name,
        description: spec.description ?? '',
        createdBy: spec.createdBy ?? identity.iamId,
        createdAt: now,
        modifiedAt: now,
        expiresAt: spec.expiresAt ?? null,
        locked: spec.locked ?? false,
        version: 1,
        deleted: false
      }
      keys.set(record.id, record)
      return record
    },

    /** @param {string} id */
    keyById(id) {
      const key = keys.get(id)
      return key && !key.deleted ? key : undefined
    },

    /** @param {string} value */
    keyByValue: (value) => activeKeys().find((key) => key.value === value),

    /** @param {ApiKeyRecord} key */
    deleteKey(key) {
      key.deleted = true
    },

    /** @param {ApiKeyRecord} key @param {boolean} locked */
    setLocked(key, locked) {
      key.locked = locked
      key.version += 1
      key.modifiedAt = new Date()
    },

    activeKeys
  }
}

/** @typedef {ReturnType<typeof createStore>} Store */

/** @param {ApiKeyRecord} key @param {number} [nowMs] */
export const isExpired = (key, nowMs = Date.now()) =>
  key.expiresAt !== null && key.expiresAt.getTime() <= nowMs

/**
 * The IAM Identity API representation; the value only when asked (create response).
 * @param {ApiKeyRecord} key
 * @param {{ includeValue?: boolean }} [options]
 */
export function toApiKeyJson(key, { includeValue = false } = {}) {
  return {
    id: key.id,
    entity_tag: `${key.version}-${key.id.slice(7, 15)}`,
    crn: `crn:v1:bluemix:public:iam-identity::a/${key.accountId}::apikey:${key.id}`,
    locked: key.locked,
    disabled: false,
    created_at: formatIbmDate(key.createdAt),
    created_by: key.createdBy,
    modified_at: formatIbmDate(key.modifiedAt),
    name: key.name,
    description: key.description,
    iam_id: key.iamId,
    account_id: key.accountId,
    ...(includeValue ? { apikey: key.value } : {}),
    ...(key.expiresAt ? { expires_at: formatIbmDate(key.expiresAt) } : {})
  }
}
