// @ts-check
// RS256 JWTs signed with an emulator key, published as a JWKS like IBM's /identity/keys.
import { createPrivateKey, createPublicKey, sign, verify } from 'node:crypto'
import { generateRsaKeyPair } from '../http/certs.mjs'

/**
 * @typedef {Record<string, unknown> & { exp: number, iat: number }} Claims
 * @typedef {{ ok: true, claims: Claims } | { ok: false, reason: 'invalid' | 'expired' }} VerifyResult
 * @typedef {{ kty: string, n: string, e: string, alg: 'RS256', use: 'sig', kid: string }} Jwk
 * @typedef {{ kid: string, jwks(): { keys: Jwk[] }, sign(claims: Claims): string, verify(token: string, nowMs?: number): VerifyResult }} TokenSigner
 */

/** @param {unknown} value */
const b64url = (value) => Buffer.from(JSON.stringify(value)).toString('base64url')

/** IBM key ids are UTC timestamps (yyyyMMddHHmmss). @param {Date} date */
const kidFor = (date) => date.toISOString().replace(/\D/g, '').slice(0, 14)

/** @returns {Promise<TokenSigner>} */
export async function createTokenSigner() {
  const pair = await generateRsaKeyPair()
  const privateKey = createPrivateKey(pair.privateKey)
  const publicKey = createPublicKey(pair.publicKey)
  const kid = kidFor(new Date())
  const { n, e, kty } = publicKey.export({ format: 'jwk' })

  return {
    kid,
    jwks: () => ({
      keys: [{ kty: String(kty), n: String(n), e: String(e), alg: 'RS256', use: 'sig', kid }]
    }),
    sign(claims) {
      const signingInput = `${b64url({ kid, alg: 'RS256' })}.${b64url(claims)}`
      const signature = sign('sha256', Buffer.from(signingInput), privateKey)
      return `${signingInput}.${signature.toString('base64url')}`
    },
    verify(token, nowMs = Date.now()) {
      const parts = token.split('.')
      if (parts.length !== 3) return { ok: false, reason: 'invalid' }
      const [header, payload, signature] = /** @type {[string, string, string]} */ (parts)
      try {
        const head = JSON.parse(Buffer.from(header, 'base64url').toString('utf8'))
        if (head.alg !== 'RS256' || head.kid !== kid) return { ok: false, reason: 'invalid' }
        const data = Buffer.from(`${header}.${payload}`)
        if (!verify('sha256', data, publicKey, Buffer.from(signature, 'base64url'))) {
          return { ok: false, reason: 'invalid' }
        }
        const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'))
        if (typeof claims.exp !== 'number') return { ok: false, reason: 'invalid' }
        if (claims.exp * 1000 <= nowMs) return { ok: false, reason: 'expired' }
        return { ok: true, claims }
      } catch {
        return { ok: false, reason: 'invalid' }
      }
    }
  }
}
