import { GRANT, requestToken, type IamToken } from '../iam/token.js'
import { profileForm, type ProfileRef } from './credential.js'
import type { TokenRequestContext } from './sources.js'

/**
 * An API key's identity assumes a trusted profile (IBM's IamAssumeAuthenticator): the API-key
 * grant, then the assume grant with that token. The first token is masked when it arrives
 * (requestToken) and is never published. No IBM-Cloud-Tenant on either request: the key may
 * live in another account than the profile; account-id is checked on the final token.
 */
export async function assumeWithApiKey(
  apikey: string,
  profile: ProfileRef,
  ctx: TokenRequestContext
): Promise<IamToken> {
  const io = { secrets: ctx.secrets, clock: ctx.clock }
  const own = await requestToken(
    ctx.iam,
    { grant_type: GRANT.apikey, apikey, response_type: 'cloud_iam' },
    io
  )
  return requestToken(
    ctx.iam,
    { grant_type: GRANT.assume, access_token: own.accessToken, ...profileForm(profile) },
    io
  )
}
