import { ActionError, OPERATION } from '../errors.js'
import { parseJson } from '../iam/read-body.js'
import { parseTokenResponse, type IamToken } from '../iam/token.js'
import type { ProfileRef } from './credential.js'
import type { TokenRequestContext } from './sources.js'

/** The metadata service API version IBM's VpcInstanceAuthenticator sends by default. */
export const METADATA_VERSION = '2022-03-01'
/** Seconds the instance identity token lives: it is used once, at once. */
const IDENTITY_TOKEN_LIFETIME = 300

/**
 * A VPC virtual server's trusted-profile token from the instance metadata service, as IBM's
 * VpcInstanceAuthenticator gets it: an instance identity token (PUT), then an IAM token for the
 * profile (POST; no body means the profile linked to the instance by default). Both tokens are
 * masked the moment they arrive; the expiry comes from the JWT (the answer has no `expiration`).
 */
export async function vpcInstanceToken(
  endpoint: string,
  profile: ProfileRef | undefined,
  ctx: TokenRequestContext
): Promise<IamToken> {
  const imds = ctx.connect(endpoint)
  const headers = {
    'Content-Type': 'application/json',
    Accept: 'application/json',
    'Metadata-Flavor': 'ibm'
  }
  const identity = await imds.call({
    operation: OPERATION.instanceIdentity,
    method: 'PUT',
    path: `/instance_identity/v1/token?version=${METADATA_VERSION}`,
    headers,
    body: JSON.stringify({ expires_in: IDENTITY_TOKEN_LIFETIME }),
    idempotent: true,
    ok: [200, 201]
  })
  const identityToken = accessTokenOf(identity.body)
  ctx.secrets.add(identityToken)
  if (!identityToken) {
    throw new ActionError(
      `The VPC instance metadata service at ${endpoint} answered without an instance identity ` +
        'token. Check vpc-metadata-endpoint, and that the metadata service is on for this instance.'
    )
  }
  const res = await imds.call({
    operation: OPERATION.metadataIamToken,
    method: 'POST',
    path: `/instance_identity/v1/iam_token?version=${METADATA_VERSION}`,
    headers: { ...headers, Authorization: `Bearer ${identityToken}` },
    ...(profile ? { body: JSON.stringify({ trusted_profile: metadataProfile(profile) }) } : {}),
    idempotent: true,
    ok: [200, 201]
  })
  return parseTokenResponse(res.body, ctx.secrets, ctx.clock.now())
}

/** The answer's access_token, or '' when there is none (or the body is not a JSON object). */
function accessTokenOf(body: string): string {
  const token = parseJson(body)?.access_token
  return typeof token === 'string' ? token : ''
}

/** The metadata service names a profile within the instance's account: no `account` field. */
function metadataProfile(profile: ProfileRef): Record<string, string> {
  if ('id' in profile) return { id: profile.id }
  if ('crn' in profile) return { crn: profile.crn }
  return { name: profile.name }
}
