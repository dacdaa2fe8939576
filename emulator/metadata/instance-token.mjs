// @ts-check
// VPC instance identity tokens: what the metadata service hands the instance before it asks
// for an IAM token, signed by the emulator with an issuer of their own so they never pass for
// an IAM access token or a compute-resource token.
import { randomUUID } from 'node:crypto'

/** Issuer of VPC instance identity tokens (an emulator name, not IBM's). */
export const INSTANCE_ISSUER = 'https://iam-emulator.invalid/instance_identity'

/** @typedef {import('../token/jwt.mjs').TokenSigner} TokenSigner */

/**
 * @param {TokenSigner} signer @param {import('../state/store.mjs').Instance} instance
 * @param {number} expiresIn seconds
 */
export function mintInstanceToken(signer, instance, expiresIn) {
  const iat = Math.floor(Date.now() / 1000)
  const exp = iat + expiresIn
  const token = signer.sign({
    iss: INSTANCE_ISSUER,
    sub: instance.crn,
    instance_id: instance.id,
    account_id: instance.accountId,
    iat,
    exp,
    jti: randomUUID()
  })
  return { token, iat, exp }
}

/**
 * The instance id inside an instance identity token, or why not.
 * @param {TokenSigner} signer @param {string} token
 * @returns {{ ok: true, instanceId: string } | { ok: false, reason: string }}
 */
export function verifyInstanceToken(signer, token) {
  const verified = signer.verify(token)
  if (!verified.ok) return { ok: false, reason: `the token is ${verified.reason}` }
  const { iss, instance_id: instanceId } = verified.claims
  if (iss !== INSTANCE_ISSUER || typeof instanceId !== 'string') {
    return { ok: false, reason: 'the token is not an instance identity token' }
  }
  return { ok: true, instanceId }
}
