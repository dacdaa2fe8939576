// @ts-check
// POST /identity/token (the grants in grants.mjs) and GET /identity/keys.
import { URLSearchParams } from 'node:url'
import { readBody } from '../http/context.mjs'
import { OWN } from '../own-codes.mjs'
import { sendMissing, sendTokenError } from './errors.mjs'
import { GRANT_TABLE } from './grants.mjs'

/** @typedef {import('../http/context.mjs').RequestContext} Ctx */
/** @typedef {import('../http/context.mjs').Deps} Deps */

/** JAX-RS reads form parameters only from a form body; anything else has none. @param {Ctx} ctx */
async function readForm(ctx) {
  const body = await readBody(ctx.req)
  const type = ctx.req.headers['content-type'] ?? ''
  return new URLSearchParams(type.startsWith('application/x-www-form-urlencoded') ? body : '')
}

/**
 * Basic client authentication. Returns 'none' without an Authorization header, 'ok' for a
 * known client, or undefined after answering 400 for an unknown one.
 * @param {Ctx} ctx @param {Deps} deps @returns {'none' | 'ok' | undefined}
 */
function clientAuth(ctx, deps) {
  const header = ctx.req.headers.authorization
  if (!header) return 'none'
  const match = /^Basic\s+(\S+)$/i.exec(header)
  const [id, ...rest] = Buffer.from(match?.[1] ?? '', 'base64')
    .toString('utf8')
    .split(':')
  if (match && id && deps.clients[id] !== undefined && deps.clients[id] === rest.join(':')) {
    return 'ok'
  }
  sendTokenError(
    ctx,
    400,
    OWN.clientInvalid.code,
    'The client id or secret is invalid.',
    'Send Authorization: Basic base64(client_id:client_secret) of a known client.'
  )
  return undefined
}

/** @param {Ctx} ctx @param {Deps} deps */
async function handleToken(ctx, deps) {
  if (ctx.req.method !== 'POST') {
    return sendTokenError(
      ctx,
      405,
      'BXNIM0060E',
      "Web application exception 'javax.ws.rs.ClientErrorException' during request processing.",
      'HTTP 405 Method Not Allowed',
      { Allow: 'POST' }
    )
  }
  const limited = deps.rateLimiter.hit()
  if (limited) {
    const retryAfter = limited.retryAfterSeconds
    const headers =
      typeof retryAfter === 'number' ? { 'Retry-After': String(retryAfter) } : undefined
    return sendTokenError(ctx, 429, OWN.rateLimited.code, 'Too many requests', undefined, headers)
  }
  const form = await readForm(ctx)
  const grantType = form.get('grant_type')
  if (!grantType) return sendMissing(ctx, 'grant_type')
  ctx.entry.grantType = grantType
  const client = clientAuth(ctx, deps)
  if (!client) return
  const refreshable = client === 'ok'
  const grant = GRANT_TABLE.find((g) => g.grantType === grantType)
  if (grant && (refreshable || !grant.needsClient)) {
    return grant.handle(ctx, deps, { form, refreshable })
  }
  sendTokenError(
    ctx,
    400,
    OWN.unsupportedGrant.code,
    'Unsupported grant type.',
    grant
      ? `The ${grantType} grant needs client authentication (Authorization: Basic).`
      : `Grant type '${grantType}' is not supported by the emulator.`
  )
}

/** @type {import('../http/context.mjs').Route[]} */
export const tokenRoutes = [
  { method: '*', pattern: /^\/identity\/token$/, handle: handleToken },
  {
    method: 'GET',
    pattern: /^\/identity\/keys$/,
    handle: (ctx, deps) => ctx.send(200, deps.signer.jwks())
  }
]
