import { GRANT, requestToken, type IamToken } from '../iam/token.js'
import type { TokenRequestContext } from './sources.js'

/** An API key (a user's or a service ID's) exchanged for a token: IAM's apikey grant. */
export function exchangeApiKey(
  apikey: string,
  ctx: Pick<TokenRequestContext, 'iam' | 'secrets' | 'clock' | 'accountId'>
): Promise<IamToken> {
  return requestToken(
    ctx.iam,
    { grant_type: GRANT.apikey, apikey, response_type: 'cloud_iam' },
    { secrets: ctx.secrets, clock: ctx.clock, tenant: ctx.accountId }
  )
}
