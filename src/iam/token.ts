import type { Clock } from '../clock.js'
import { ActionError, OPERATION } from '../errors.js'
import type { Secrets } from '../secrets.js'
import { oneLine } from '../untrusted.js'
import type { IamClient } from './client.js'
import { decodeJwtClaims, type IamClaims } from './jwt.js'

/** What IAM returns as refresh_token without a client id: not a secret, never masked. */
const NO_REFRESH_TOKEN = 'not_supported'

export interface IamToken {
  accessToken: string
  tokenType: string
  expiresIn: number
  /** Epoch seconds. */
  expiration: number
  claims: IamClaims
  accountId: string
  iamId: string
}

/**
 * POSTs one grant's form to the token endpoint. The token (and any real refresh token) is
 * handed to `secrets` the moment the body is parsed, before it is validated or anything is
 * written. `tenant` becomes IBM-Cloud-Tenant: IAM then issues tokens only for that account.
 */
export async function requestToken(
  iam: IamClient,
  form: Record<string, string>,
  ctx: { secrets: Secrets; clock: Pick<Clock, 'now'>; tenant?: string }
): Promise<IamToken> {
  const headers: Record<string, string> = {
    'Content-Type': 'application/x-www-form-urlencoded',
    Accept: 'application/json'
  }
  if (ctx.tenant) headers['IBM-Cloud-Tenant'] = ctx.tenant
  const res = await iam.call({
    operation: OPERATION.token,
    method: 'POST',
    path: '/identity/token',
    headers,
    body: new URLSearchParams(form).toString(),
    idempotent: true,
    ok: [200]
  })
  return parseTokenResponse(res.body, ctx.secrets, ctx.clock.now())
}

export function parseTokenResponse(body: string, secrets: Secrets, nowMs: number): IamToken {
  let json: Record<string, unknown>
  try {
    json = JSON.parse(body) as Record<string, unknown>
  } catch {
    throw new ActionError(
      'IBM Cloud IAM answered 200 but the body is not JSON. Check that `iam-endpoint` points at IAM itself, not at a proxy or portal page.'
    )
  }
  const accessToken = json?.access_token
  if (typeof accessToken === 'string') secrets.add(accessToken)
  const refresh = json?.refresh_token
  if (typeof refresh === 'string' && refresh !== NO_REFRESH_TOKEN) secrets.add(refresh)

  if (typeof accessToken !== 'string' || accessToken.length === 0) {
    throw new ActionError(
      'IBM Cloud IAM answered 200 without an access_token. Check `iam-endpoint`.'
    )
  }
  const claims = decodeJwtClaims(accessToken)
  if (!claims) {
    throw new ActionError(
      'IBM Cloud IAM returned an access_token that is not a JWT. Check `iam-endpoint`.'
    )
  }
  const { expiration, expiresIn } = checkExpiry(json, claims, nowMs)
  return {
    accessToken,
    tokenType: typeof json.token_type === 'string' ? json.token_type : 'Bearer',
    expiresIn,
    expiration,
    claims,
    accountId: claims.account?.bss ?? '',
    iamId: claims.iam_id ?? claims.sub ?? ''
  }
}

/** IAM's tokens live an hour; anything claiming more than this is not an IAM token. */
export const MAX_TOKEN_LIFETIME_S = 3 * 3600
/** How far this runner's clock and IAM's may disagree before a token is called expired. */
export const CLOCK_SKEW_S = 5 * 60

/**
 * The token's lifetime and expiry, checked before anything is published: finite, positive,
 * at most MAX_TOKEN_LIFETIME_S, and not already expired by this runner's clock (give or take
 * CLOCK_SKEW_S). When the clocks disagree the message says which way.
 */
function checkExpiry(
  json: Record<string, unknown>,
  claims: IamClaims,
  nowMs: number
): { expiration: number; expiresIn: number } {
  const now = Math.floor(nowMs / 1000)
  const refuse = (what: string) =>
    new ActionError(`IBM Cloud IAM returned a token ${what}. Check \`iam-endpoint\`.`)
  const givenIn = json.expires_in
  if (givenIn !== undefined && !lifetime(givenIn)) {
    throw refuse(`whose expires_in (${oneLine(givenIn)}) is not a lifetime of 1 s to 3 hours`)
  }
  if (json.expiration !== undefined && !epochSeconds(json.expiration)) {
    throw refuse(`whose expiration (${oneLine(json.expiration)}) is not a time in epoch seconds`)
  }
  const expiration = epochSeconds(json.expiration) ?? epochSeconds(claims.exp)
  if (expiration === undefined) throw refuse('without an expiry (expiration/exp)')
  const expiresIn = lifetime(givenIn) ?? expiration - now
  // When IAM issued the token, by IAM's clock: from expires_in, else from the JWT's iat.
  const issued = lifetime(givenIn) !== undefined ? expiration - expiresIn : epochSeconds(claims.iat)
  const ahead = issued === undefined ? undefined : Math.round((now - issued) / 60)
  const clocks =
    ahead === undefined || Math.abs(ahead) < 1
      ? "IAM's clock or this runner's is wrong"
      : `This runner's clock is about ${Math.abs(ahead)} min ${ahead > 0 ? 'ahead of' : 'behind'} ` +
        "IAM's: check the runner's time (NTP)"
  if (expiration <= now - CLOCK_SKEW_S || expiresIn <= 0) {
    throw new ActionError(
      `IBM Cloud IAM returned a token that expired at ${iso(expiration)}, but this runner's clock ` +
        `says it is ${iso(now)}. ${clocks}, or check \`iam-endpoint\`.`
    )
  }
  if (expiration > now + MAX_TOKEN_LIFETIME_S + CLOCK_SKEW_S) {
    throw new ActionError(
      `IBM Cloud IAM returned a token that expires at ${iso(expiration)}, more than 3 hours after ` +
        `this runner's ${iso(now)}; IAM tokens live at most an hour. ${clocks}, or check \`iam-endpoint\`.`
    )
  }
  return { expiration, expiresIn }
}

function lifetime(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) && v >= 1 && v <= MAX_TOKEN_LIFETIME_S
    ? Math.floor(v)
    : undefined
}

/** Epoch seconds Date can show (to year 9999). */
function epochSeconds(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) && v > 0 && v < 253_402_300_800
    ? Math.floor(v)
    : undefined
}

function iso(seconds: number): string {
  return new Date(seconds * 1000).toISOString()
}

/** The token must be for the pinned account: IAM checks IBM-Cloud-Tenant, and so do we. */
export function checkAccount(token: IamToken, pinned: string | undefined): void {
  if (!pinned || token.accountId === pinned) return
  const actual = token.accountId ? oneLine(token.accountId) : '(none in the token)'
  const profile = token.claims.sub_type === 'Profile'
  throw new ActionError(
    `The token is for account ${actual}, but account-id pins account ${pinned}. ` +
      (profile
        ? `Use a trusted profile of account ${pinned}, or correct account-id.`
        : `Use a key from account ${pinned}, or correct account-id.`)
  )
}
