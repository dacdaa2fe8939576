// @ts-check
// Seed data created at every start; every id and key value is random per start.
import { CR_ISSUER, DEFAULT_CR_SUBJECT, mintCrToken } from '../token/compute-resource.mjs'
import { newAccountId } from './store.mjs'

/**
 * @typedef {object} Seed
 * @property {string} apikey key of service ID `ci-deployer`, which may manage its own API keys
 * @property {string} apikeyId
 * @property {string} readonlyApikey key of service ID `ci-readonly`, which may not manage API keys
 * @property {string} otherAccountApikey key of service ID `other-account-deployer` in otherAccountId
 * @property {string} accountId
 * @property {string} otherAccountId
 * @property {string} iamId iam_id of `ci-deployer`
 * @property {string} readonlyIamId
 * @property {string} profileId trusted profile `ci-profile`: trusts the service IDs of accountId (assume grant)
 * @property {string} profileName
 * @property {string} profileCrn
 * @property {string} crProfileId trusted profile `ci-runner-profile`: trusts the seeded compute
 *   resource (cr token) and the seeded VPC instance
 * @property {string} crProfileName
 * @property {string} crProfileCrn
 * @property {string} crToken compute-resource token (a JWT for 24 h) of the seeded runner's
 *   service account; write it to a file for `cr-token-file`
 * @property {string} crTokenSubject its `sub`: `system:serviceaccount:arc-runners:arc-runner-set`
 * @property {string} vsiProfileId trusted profile `ci-vsi-profile`, linked to the VPC instance by default
 * @property {string} vsiProfileName
 * @property {string} vsiProfileCrn
 * @property {string} instanceId VPC instance `ci-runner-vsi` behind the metadata service
 * @property {string} instanceCrn
 */

/**
 * @param {import('./store.mjs').Store} store
 * @param {import('./apikey-store.mjs').ApiKeyStore} keys
 * @param {import('../token/jwt.mjs').TokenSigner} signer
 * @returns {Seed}
 */
export function seedStore(store, keys, signer) {
  const accountId = newAccountId()
  const otherAccountId = newAccountId()

  const deployer = store.addServiceId(accountId, 'ci-deployer', { canManageApiKeys: true })
  const readonly = store.addServiceId(accountId, 'ci-readonly', { canManageApiKeys: false })
  const other = store.addServiceId(otherAccountId, 'other-account-deployer', {
    canManageApiKeys: true
  })
  const profile = store.addProfile(accountId, 'ci-profile', [{ kind: 'service-ids-of-account' }])
  const vsiProfile = store.addProfile(accountId, 'ci-vsi-profile', [])
  const instance = store.addInstance(accountId, 'ci-runner-vsi', vsiProfile)
  vsiProfile.trust.push({ kind: 'vpc-instance', instanceCrn: instance.crn })
  const crProfile = store.addProfile(accountId, 'ci-runner-profile', [
    { kind: 'compute-resource', issuer: CR_ISSUER, subject: DEFAULT_CR_SUBJECT },
    { kind: 'vpc-instance', instanceCrn: instance.crn }
  ])

  const deployerKey = keys.create({ iamId: deployer.iamId, name: 'ci-deployer-key' })
  const readonlyKey = keys.create({ iamId: readonly.iamId, name: 'ci-readonly-key' })
  const otherKey = keys.create({ iamId: other.iamId, name: 'other-account-key' })

  return {
    apikey: deployerKey.value,
    apikeyId: deployerKey.id,
    readonlyApikey: readonlyKey.value,
    otherAccountApikey: otherKey.value,
    accountId,
    otherAccountId,
    iamId: deployer.iamId,
    readonlyIamId: readonly.iamId,
    profileId: profile.id,
    profileName: profile.name,
    profileCrn: profile.crn,
    crProfileId: crProfile.id,
    crProfileName: crProfile.name,
    crProfileCrn: crProfile.crn,
    crToken: mintCrToken(signer),
    crTokenSubject: DEFAULT_CR_SUBJECT,
    vsiProfileId: vsiProfile.id,
    vsiProfileName: vsiProfile.name,
    vsiProfileCrn: vsiProfile.crn,
    instanceId: instance.id,
    instanceCrn: instance.crn
  }
}
