// @ts-check
// IBM Cloud Container Registry's token service, as a registry client meets it: the token-auth
// realm `GET /oauth/token?service=…&scope=…` named in the registry's `WWW-Authenticate`
// challenge. It takes HTTP Basic `iambearer:<IAM access token>` or `iamapikey:<API key>` (the
// user names IBM documents for `docker login` to icr.io), answers 401 to anything else, and
// issues registry tokens in the format the CNCF distribution registry verifies
// (registry/auth/token: an RS256 JWT with an `x5c` header whose chain ends at the
// `rootcertbundle`, claims iss, aud = service, exp, nbf, iat, jti, sub and `access`).
// Sources: emulator/CONTRACT.md, "Container Registry token service".
import { createPrivateKey, randomUUID, sign } from 'node:crypto'
import { generateRsaKeyPair, signCertificate } from '../http/certs.mjs'
import { isExpired } from '../state/apikey-store.mjs'

/** The `issuer` a registry must be configured with to accept these tokens. */
export const REGISTRY_TOKEN_ISSUER = 'IAM emulator Container Registry token service'
/** How long a registry token lives; ICR's are short too (the client asks again per operation). */
export const REGISTRY_TOKEN_SECONDS = 300

/** @param {unknown} value */
const b64url = (value) => Buffer.from(JSON.stringify(value)).toString('base64url')
/** @param {string} pem */
const derBase64 = (pem) => pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '')

/**
 * A signing key with a certificate chain: a root (the registry's `rootcertbundle`) and the
 * leaf that signs, sent in each token's `x5c` header.
 * @returns {Promise<{ rootCertPem: string, sign: (claims: object) => string }>}
 */
export async function createRegistryTokenSigner() {
  const [root, leaf] = await Promise.all([generateRsaKeyPair(), generateRsaKeyPair()])
  const rootCn = 'IAM emulator registry token root'
  const rootCertPem = signCertificate({
    subjectCn: rootCn,
    issuerCn: rootCn,
    publicKeyPem: root.publicKey,
    signingKeyPem: root.privateKey,
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, digitalSignature: true, critical: true }
    ]
  })
  const leafCertPem = signCertificate({
    subjectCn: 'IAM emulator registry token signer',
    issuerCn: rootCn,
    publicKeyPem: leaf.publicKey,
    signingKeyPem: root.privateKey,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, critical: true }
    ]
  })
  const key = createPrivateKey(leaf.privateKey)
  const header = b64url({ typ: 'JWT', alg: 'RS256', x5c: [derBase64(leafCertPem)] })
  return {
    rootCertPem,
    sign(claims) {
      const input = `${header}.${b64url(claims)}`
      return `${input}.${sign('sha256', Buffer.from(input), key).toString('base64url')}`
    }
  }
}

/**
 * `scope=repository:ns/name:pull,push` (repeatable) as the distribution spec's `access` claim.
 * The emulator models no IAM policies: every requested action is granted.
 * @param {string[]} scopes
 */
export function parseScopes(scopes) {
  return scopes.flatMap((scope) =>
    scope
      .split(' ')
      .filter(Boolean)
      .flatMap((one) => {
        const first = one.indexOf(':')
        const last = one.lastIndexOf(':')
        if (first < 0 || last === first) return []
        const actions = one
          .slice(last + 1)
          .split(',')
          .filter(Boolean)
        return [{ type: one.slice(0, first), name: one.slice(first + 1, last), actions }]
      })
  )
}

/** @param {string | undefined} header @returns {{ user: string, password: string } | undefined} */
function basicCredentials(header) {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '')
  if (!match?.[1]) return undefined
  const text = Buffer.from(match[1], 'base64').toString('utf8')
  const colon = text.indexOf(':')
  if (colon < 0) return undefined
  return { user: text.slice(0, colon), password: text.slice(colon + 1) }
}

/**
 * @param {import('../http/context.mjs').RequestContext} ctx @param {string} message
 */
function unauthorized(ctx, message) {
  ctx.send(
    401,
    { errors: [{ code: 'UNAUTHORIZED', message, detail: null }] },
    { 'WWW-Authenticate': `Basic realm="${ctx.origin}/oauth/token"` }
  )
}

/**
 * The identity behind the Basic credentials, or a reason for 401.
 * @param {import('../http/context.mjs').Deps} deps @param {{ user: string, password: string }} basic
 * @returns {{ sub: string, jti?: string } | { refused: string }}
 */
function authenticate(deps, { user, password }) {
  if (user === 'iambearer') {
    const verified = deps.signer.verify(password)
    if (!verified.ok) return { refused: `the IAM access token is ${verified.reason}` }
    return { sub: String(verified.claims.iam_id), jti: String(verified.claims.jti) }
  }
  if (user === 'iamapikey') {
    const key = deps.keys.byValue(password)
    if (!key || isExpired(key) || key.disabled) return { refused: 'the API key is not valid' }
    deps.keys.authenticated(key)
    return { sub: key.iamId }
  }
  return { refused: 'the user name must be iambearer or iamapikey' }
}

/** @type {import('../http/context.mjs').Route[]} */
export const registryRoutes = [
  {
    method: 'GET',
    pattern: /^\/oauth\/token$/,
    handle(ctx, deps) {
      const service = ctx.url.searchParams.get('service')
      if (!deps.registry) return ctx.send(404, { error: 'no registry token service' })
      const basic = basicCredentials(ctx.req.headers.authorization)
      if (!basic) return unauthorized(ctx, 'authentication required (HTTP Basic)')
      const who = authenticate(deps, basic)
      const entry = /** @type {Record<string, unknown>} */ (/** @type {unknown} */ (ctx.entry))
      entry.registryUser = basic.user
      if ('refused' in who) return unauthorized(ctx, who.refused)
      if (who.jti) entry.iamTokenJti = who.jti
      if (!service) return ctx.send(400, { errors: [{ code: 'INVALID', message: 'no service' }] })
      const now = Math.floor(Date.now() / 1000)
      const lifetime = deps.registry.tokenSeconds
      const token = deps.registry.signer.sign({
        iss: REGISTRY_TOKEN_ISSUER,
        sub: who.sub,
        aud: service,
        exp: now + lifetime,
        nbf: now - 5,
        iat: now,
        jti: randomUUID(),
        access: parseScopes(ctx.url.searchParams.getAll('scope'))
      })
      ctx.send(200, {
        token,
        access_token: token,
        expires_in: lifetime,
        issued_at: new Date(now * 1000).toISOString()
      })
    }
  },
  {
    method: '*',
    pattern: /^\/oauth\/token$/,
    handle: (ctx) => ctx.send(405, { errors: [{ code: 'UNSUPPORTED', message: 'GET only' }] })
  }
]
