import type { Clock } from '../clock.js'
import { ActionError, OPERATION } from '../errors.js'
import type { Secrets } from '../secrets.js'
import type { IamClient } from './client.js'
import { decodeJwtClaims, type IamClaims } from './jwt.js'

/** The grant types of IAM's token endpoint, as the form's grant_type. */
export const GRANT = {
  apikey: 'urn:ibm:params:oauth:grant-type:apikey'
} as const

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
  const nowSeconds = Math.floor(nowMs / 1000)
  const expiration = positiveInt(json.expiration) ?? positiveInt(claims.exp)
  const expiresIn =
    positiveInt(json.expires_in) ?? (expiration ? expiration - nowSeconds : undefined)
  if (!expiration || !expiresIn) {
    throw new ActionError(
      'IBM Cloud IAM returned a token without an expiry (expiration/exp). Check `iam-endpoint`.'
    )
  }
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

function positiveInt(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? Math.floor(v) : undefined
}

/** The token must be for the pinned account: IAM checks IBM-Cloud-Tenant, and so do we. */
export function checkAccount(token: IamToken, pinned: string | undefined): void {
  if (!pinned || token.accountId === pinned) return
  throw new ActionError(
    `The API key belongs to account ${token.accountId || '(none in the token)'}, but account-id ` +
      `pins account ${pinned}. Use a key from account ${pinned}, or correct account-id.`
  )
}
