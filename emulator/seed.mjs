// @ts-check
// Seed data created at every start; every id and key value is random per start.
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
 * @property {string} profileId trusted profile `ci-profile` in accountId
 * @property {string} profileName
 */

/** @param {import('./store.mjs').Store} store @returns {Seed} */
export function seedStore(store) {
  const accountId = newAccountId()
  const otherAccountId = newAccountId()

  const deployer = store.addServiceId(accountId, 'ci-deployer', { canManageApiKeys: true })
  const readonly = store.addServiceId(accountId, 'ci-readonly', { canManageApiKeys: false })
  const other = store.addServiceId(otherAccountId, 'other-account-deployer', {
    canManageApiKeys: true
  })
  const profile = store.addProfile(accountId, 'ci-profile')

  const deployerKey = store.createApiKey({ iamId: deployer.iamId, name: 'ci-deployer-key' })
  const readonlyKey = store.createApiKey({ iamId: readonly.iamId, name: 'ci-readonly-key' })
  const otherKey = store.createApiKey({ iamId: other.iamId, name: 'other-account-key' })

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
    profileName: profile.name
  }
}
