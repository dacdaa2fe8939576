// @ts-check
// In-memory accounts, identities (service IDs, trusted profiles) and VPC instances.
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
 * @property {TrustRule[]} trust who may act as this trusted profile (empty for service IDs)
 *
 * @typedef {{ kind: 'service-ids-of-account' }
 *   | { kind: 'compute-resource', issuer: string, subject: string }
 *   | { kind: 'vpc-instance', instanceCrn: string }} TrustRule
 *   the emulator's trust rules; IAM's real rules are richer (claims, conditions, links)
 *
 * @typedef {object} Instance a VPC virtual server with the metadata service on
 * @property {string} id `0717_<uuid>`
 * @property {string} crn
 * @property {string} name
 * @property {string} accountId
 * @property {string} defaultProfileIamId the trusted profile linked by default
 *
 */

export const newAccountId = () => randomBytes(16).toString('hex')

export function createStore() {
  /** @type {Map<string, Identity>} */
  const identities = new Map()

  /** @type {Map<string, Instance>} */
  const instances = new Map()

  /**
   * @param {'ServiceId' | 'Profile'} subType @param {string} accountId @param {string} name
   * @param {boolean} canManageApiKeys @param {TrustRule[]} trust
   */
  function addIdentity(subType, accountId, name, canManageApiKeys, trust) {
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
      canManageApiKeys,
      trust
    }
    identities.set(identity.iamId, identity)
    return identity
  }

  return {
    /** @param {string} accountId @param {string} name @param {{ canManageApiKeys: boolean }} rights */
    addServiceId: (accountId, name, { canManageApiKeys }) =>
      addIdentity('ServiceId', accountId, name, canManageApiKeys, []),

    /** @param {string} accountId @param {string} name @param {TrustRule[]} trust */
    addProfile: (accountId, name, trust) => addIdentity('Profile', accountId, name, false, trust),

    /** @param {string} accountId @param {string} name @param {Identity} defaultProfile @returns {Instance} */
    addInstance(accountId, name, defaultProfile) {
      const id = `0717_${randomUUID()}`
      const crn = `crn:v1:bluemix:public:is:us-south-1:a/${accountId}::instance:${id}`
      const instance = { id, crn, name, accountId, defaultProfileIamId: defaultProfile.iamId }
      instances.set(id, instance)
      return instance
    },

    /** @param {string} id */
    instance: (id) => instances.get(id),

    /** @param {string} iamId */
    identity: (iamId) => identities.get(iamId),

    /** @param {(identity: Identity) => boolean} predicate */
    findProfile: (predicate) =>
      [...identities.values()].find((i) => i.subType === 'Profile' && predicate(i))
  }
}

/** @typedef {ReturnType<typeof createStore>} Store */
