// @ts-check
// Compute-resource tokens (what a Kubernetes cluster projects into a pod, what Code Engine
// mounts), signed by the emulator so it can recognise them, with an issuer of their own so
// they never pass for an IAM access token (nor for a VPC instance identity token).
import { randomUUID } from 'node:crypto'

const CLUSTER_ISSUERS = 'https://iam-emulator.invalid/clusters/'
/** Issuer of the seeded cluster's service-account tokens (an emulator name, not IBM's). */
export const CR_ISSUER = `${CLUSTER_ISSUERS}ci-cluster`

/** @typedef {import('./jwt.mjs').TokenSigner} TokenSigner */

/**
 * @typedef {object} CrTokenSpec
 * @property {string} [subject] default the seeded runner service account
 * @property {string} [issuer] default CR_ISSUER
 * @property {number} [lifetimeSeconds] default 86400; negative gives an expired token
 */

export const DEFAULT_CR_SUBJECT = 'system:serviceaccount:arc-runners:arc-runner-set'

/** @param {TokenSigner} signer @param {CrTokenSpec} [spec] */
export function mintCrToken(signer, spec = {}) {
  const iat = Math.floor(Date.now() / 1000)
  const sub = spec.subject ?? DEFAULT_CR_SUBJECT
  const [, , namespace = '', serviceAccount = ''] = sub.split(':')
  return signer.sign({
    iss: spec.issuer ?? CR_ISSUER,
    sub,
    aud: ['iam'],
    iat,
    nbf: iat,
    exp: iat + (spec.lifetimeSeconds ?? 86400),
    jti: randomUUID(),
    'kubernetes.io': { namespace, serviceaccount: { name: serviceAccount, uid: randomUUID() } }
  })
}

/**
 * The claims of a compute-resource token the emulator signed, or why not.
 * @param {TokenSigner} signer @param {string} token
 * @returns {{ ok: true, iss: string, sub: string } | { ok: false, reason: string }}
 */
export function verifyCrToken(signer, token) {
  const verified = signer.verify(token)
  if (!verified.ok) return { ok: false, reason: `the token is ${verified.reason}` }
  const { iss, sub } = verified.claims
  const fromCluster = typeof iss === 'string' && iss.startsWith(CLUSTER_ISSUERS)
  if (!fromCluster || typeof sub !== 'string') {
    return { ok: false, reason: 'the token is not a compute-resource token' }
  }
  return { ok: true, iss, sub }
}
