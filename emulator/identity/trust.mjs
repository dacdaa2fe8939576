// @ts-check
// Which trusted profile a request names, and whether that profile trusts the caller.

/**
 * @typedef {import('../state/store.mjs').Identity} Identity
 * @typedef {import('../state/store.mjs').Store} Store
 * @typedef {{ kind: 'service-id', identity: Identity }
 *   | { kind: 'compute-resource', issuer: string, subject: string }
 *   | { kind: 'vpc-instance', instance: import('../state/store.mjs').Instance }} Actor
 * @typedef {{ id?: string | null, crn?: string | null, name?: string | null, account?: string | null }} ProfileRef
 */

/**
 * The profile a request names: by id, by CRN, or by name (within `account` when given).
 * @param {Store} store @param {ProfileRef} ref @param {(p: Identity) => boolean} [inScope]
 *   narrows a by-name lookup when no account was given
 */
export function findProfile(store, ref, inScope = () => true) {
  if (ref.id) return store.findProfile((p) => p.id === ref.id)
  if (ref.crn) return store.findProfile((p) => p.crn === ref.crn)
  if (!ref.name) return undefined
  return store.findProfile(
    (p) => p.name === ref.name && (ref.account ? p.accountId === ref.account : inScope(p))
  )
}

/** @param {Identity} profile @param {Actor} actor */
export function trusts(profile, actor) {
  return profile.trust.some((rule) => {
    if (rule.kind === 'service-ids-of-account') {
      return (
        actor.kind === 'service-id' &&
        actor.identity.subType === 'ServiceId' &&
        actor.identity.accountId === profile.accountId
      )
    }
    if (rule.kind === 'compute-resource') {
      return (
        actor.kind === 'compute-resource' &&
        actor.issuer === rule.issuer &&
        actor.subject === rule.subject
      )
    }
    return actor.kind === 'vpc-instance' && actor.instance.crn === rule.instanceCrn
  })
}
