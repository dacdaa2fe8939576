import { requestToken, type IamToken } from '../iam/token.js'
import { APIKEY_GRANT } from './apikey.js'
import { profileForm, type ProfileRef } from './credential.js'
import type { CredentialOf, CredentialSource, TokenRequestContext } from './source.js'

/** IAM's assume grant: a trusted profile, assumed with another identity's access token. */
export const ASSUME_GRANT = 'urn:ibm:params:oauth:grant-type:assume'

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
    { grant_type: APIKEY_GRANT, apikey, response_type: 'cloud_iam' },
    io
  )
  return requestToken(
    ctx.iam,
    { grant_type: ASSUME_GRANT, access_token: own.accessToken, ...profileForm(profile) },
    io
  )
}

/** `apikey` with a profile: never renewable (the long-lived key would have to be written down). */
export const assumeSource: CredentialSource<CredentialOf<'apikey-profile'>, never> = {
  kind: 'apikey-profile',
  exchange: (c, ctx) => assumeWithApiKey(c.apikey, c.profile, ctx)
}
