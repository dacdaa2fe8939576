import { ActionError, OPERATION } from '../errors.js'
import { parseJson } from '../iam/read-body.js'
import { parseTokenResponse, type IamToken } from '../iam/token.js'
import type { ProfileRef } from './credential.js'
import { ConfigError } from '../errors.js'
import { parseBoolean } from '../inputs.js'
import { DEFAULT_METADATA_ENDPOINT, parseMetadataEndpoint } from './metadata-endpoint.js'
import type { CredentialOf, CredentialSource, SourceInputs, TokenRequestContext } from './source.js'

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

type VpcMetadata = CredentialOf<'vpc-metadata'>

/** `vpc-metadata: true`. Renewable: the config file holds the endpoint and profile. */
export const vpcMetadataSource: CredentialSource<VpcMetadata, VpcMetadata> = {
  kind: 'vpc-metadata',
  exchange: (c, ctx) => vpcInstanceToken(c.endpoint, c.profile, ctx),
  renewal: {
    saved: 'vpc-metadata',
    save: (c) => c,
    load: (saved) => saved,
    describe: () => 'from the VPC instance metadata service'
  }
}

/** A ConfigError becomes a refusal; anything else is a bug and is thrown. */
function refused(refuse: (message: string) => void, parse: () => void): void {
  try {
    parse()
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err
    refuse(err.message)
  }
}

/** `vpc-metadata: true`, and `vpc-metadata-endpoint`, which means nothing without it. */
export const vpcMetadataInputs: SourceInputs = {
  selected: ({ get }, refuse) => {
    let vpc = false
    refused(refuse, () => (vpc = parseBoolean('vpc-metadata', get('vpc-metadata'), false)))
    return vpc ? 'vpc-metadata: true' : undefined
  },
  check: ({ inputs, chosen, refuse }) => {
    const endpoint = inputs.get('vpc-metadata-endpoint')
    if (endpoint && !chosen) {
      refuse(
        'vpc-metadata-endpoint is set but vpc-metadata is not true: set vpc-metadata: true, or remove vpc-metadata-endpoint.'
      )
    } else if (endpoint) {
      refused(refuse, () => parseMetadataEndpoint(endpoint))
    }
  },
  credential: ({ inputs, profile }) => {
    const endpoint = inputs.get('vpc-metadata-endpoint')
    return {
      kind: 'vpc-metadata',
      endpoint: endpoint ? parseMetadataEndpoint(endpoint) : DEFAULT_METADATA_ENDPOINT,
      ...(profile ? { profile } : {})
    }
  },
  ownsApiKeys: false
}
