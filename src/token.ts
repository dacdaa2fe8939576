import { ActionError } from './errors.js'
import type { IamClient } from './iam.js'
import { decodeJwtClaims, type IamClaims } from './jwt.js'
import type { Secrets } from './secrets.js'

export const APIKEY_GRANT = 'urn:ibm:params:oauth:grant-type:apikey'
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
 * Exchanges an API key for an access token. The token (and any real refresh token) is handed
 * to `secrets` the moment the body is parsed, before it is validated or anything is written.
 */
export async function exchangeApiKey(
  iam: IamClient,
  apikey: string,
  secrets: Secrets,
  options: { accountId?: string } = {}
): Promise<IamToken> {
  const headers: Record<string, string> = {
    'Content-Type': 'application/x-www-form-urlencoded',
    Accept: 'application/json'
  }
  if (options.accountId) headers['IBM-Cloud-Tenant'] = options.accountId
  const body = new URLSearchParams({
    grant_type: APIKEY_GRANT,
    apikey,
    response_type: 'cloud_iam'
  }).toString()
  const res = await iam.call(
    'token exchange',
    { method: 'POST', path: '/identity/token', headers, body },
    [200]
  )
  return parseTokenResponse(res.body, secrets, iam.options.clock.now())
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
