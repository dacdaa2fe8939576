// @ts-check
// IAM access tokens: the claims IAM puts in them and the 200 body of POST /identity/token.
import { randomBytes, randomUUID } from 'node:crypto'

export const ISSUER = 'https://iam.cloud.ibm.com/identity'

/** @typedef {import('../state/store.mjs').Identity} Identity */
/** @typedef {import('../http/context.mjs').Deps} Deps */

/**
 * @typedef {object} Authn who proved who they are (a service ID, a compute resource, ...)
 * @property {string} sub
 * @property {string} iamId
 * @property {string} subType `ServiceId`, `CRN` (compute resource), ...
 * @property {string} name
 */

/** @param {Identity} identity @returns {Authn} */
export const authnOf = (identity) => ({
  sub: identity.id,
  iamId: identity.iamId,
  subType: identity.subType,
  name: identity.name
})

/**
 * Signs an RS256 access token for `subject`.
 * @param {Deps} deps @param {Identity} subject @param {Authn} authn @param {string} grantType
 */
export function mintAccessToken(deps, subject, authn, grantType) {
  const iat = Math.floor(Date.now() / 1000)
  const exp = iat + deps.tokenLifetimeSeconds
  const accessToken = deps.signer.sign({
    iam_id: subject.iamId,
    id: subject.iamId,
    realmid: 'iam',
    sid: randomUUID(),
    jti: randomUUID(),
    identifier: subject.id,
    name: subject.name,
    sub: subject.id,
    sub_type: subject.subType,
    authn: { sub: authn.sub, iam_id: authn.iamId, sub_type: authn.subType, name: authn.name },
    account: { valid: true, bss: subject.accountId, frozen: true },
    iat,
    exp,
    iss: ISSUER,
    grant_type: grantType,
    scope: 'ibm openid',
    client_id: 'default',
    acr: 1,
    amr: ['pwd']
  })
  return { accessToken, iat, exp }
}

/**
 * Answers 200 with IAM's token body. `refresh_token` is the literal `not_supported`
 * unless the client authenticated with a client id and secret (then an opaque token).
 * @param {import('../http/context.mjs').RequestContext} ctx @param {Deps} deps
 * @param {Identity} subject @param {Authn} authn @param {string} grantType
 * @param {{ refreshable?: boolean }} [options]
 */
export function sendToken(ctx, deps, subject, authn, grantType, { refreshable = false } = {}) {
  const { accessToken, exp } = mintAccessToken(deps, subject, authn, grantType)
  if (subject.subType === 'Profile') ctx.entry.profileId = subject.id
  ctx.send(200, {
    access_token: accessToken,
    refresh_token: refreshable
      ? deps.refreshTokens.issue({ iamId: subject.iamId, authn, grantType })
      : 'not_supported',
    token_type: 'Bearer',
    expires_in: deps.tokenLifetimeSeconds,
    expiration: exp,
    scope: 'ibm openid'
  })
}

/**
 * Opaque refresh tokens handed out with client id/secret authentication.
 * @returns {{ issue(entry: { iamId: string, authn: Authn, grantType: string }): string, take(token: string): { iamId: string, authn: Authn, grantType: string } | undefined }}
 */
export function createRefreshTokens() {
  /** @type {Map<string, { iamId: string, authn: Authn, grantType: string }>} */
  const tokens = new Map()
  return {
    issue(entry) {
      const token = randomBytes(48).toString('base64url')
      tokens.set(token, entry)
      return token
    },
    take(token) {
      const entry = tokens.get(token)
      tokens.delete(token)
      return entry
    }
  }
}
