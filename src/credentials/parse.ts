import { ConfigError } from '../errors.js'
import { parseBoolean } from '../inputs.js'
import type { Credential, ProfileRef } from './credential.js'
import { DEFAULT_METADATA_ENDPOINT, parseMetadataEndpoint } from './metadata-endpoint.js'
import { oneLine } from '../untrusted.js'

export interface CredentialInputs {
  /** A trimmed input ('' when unset). */
  get: (name: string) => string
  /** The validated `apikey` ('' when empty). */
  apikey: string
  accountId?: string
  ephemeralKey: boolean
  /** Reads a file as UTF-8; throws Node's error (with its code) when it cannot. */
  readFile: (path: string) => string
}

/**
 * The credential the inputs name. Every refusal is pushed onto `problems` (so that the step
 * reports it with the other input problems, before any request); then the result is
 * `{ kind: 'none' }`. A token file is read only to check it: its content is never kept here
 * nor quoted, and the source module reads it again when it needs it.
 */
export function parseCredential(inputs: CredentialInputs, problems: string[]): Credential {
  const { get, apikey } = inputs
  const before = problems.length
  const refuse = (message: string) => problems.push(message)
  const crFile = get('cr-token-file')
  let vpc = false
  try {
    vpc = parseBoolean('vpc-metadata', get('vpc-metadata'), false)
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err
    refuse(err.message)
  }
  const sources = [
    apikey ? 'apikey' : '',
    crFile ? 'cr-token-file' : '',
    vpc ? 'vpc-metadata: true' : ''
  ].filter(Boolean)
  if (sources.length > 1) {
    refuse(
      `${sources.join(' and ')} are each a credential source: give exactly one (apikey, with or ` +
        'without a profile; cr-token-file with a profile; or vpc-metadata: true).'
    )
  }
  const profile = parseProfile(inputs, refuse)
  const profileGiven = ['profile-id', 'profile-crn', 'profile-name'].some((name) => get(name))
  if (crFile && !profileGiven) {
    refuse(
      'cr-token-file needs a trusted profile: set profile-id (or profile-crn, or profile-name with ' +
        "account-id) to the profile whose compute-resource trust rule admits this runner's token."
    )
  }
  if (crFile) checkTokenFile(crFile, inputs.readFile, refuse)
  const endpointInput = get('vpc-metadata-endpoint')
  let endpoint = DEFAULT_METADATA_ENDPOINT
  if (endpointInput && !vpc) {
    refuse(
      'vpc-metadata-endpoint is set but vpc-metadata is not true: set vpc-metadata: true, or remove vpc-metadata-endpoint.'
    )
  } else if (endpointInput) {
    try {
      endpoint = parseMetadataEndpoint(endpointInput)
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err
      refuse(err.message)
    }
  }
  if (inputs.ephemeralKey && (profile || crFile || vpc)) {
    refuse(
      'ephemeral-key: true cannot be used with a trusted profile (profile-id, profile-crn, ' +
        'profile-name, cr-token-file or vpc-metadata): trusted profiles cannot own API keys. Remove ' +
        'ephemeral-key and run `ibmcloud-iam-token` in later steps for a fresh token (see ' +
        "token-command), or drop the profile to get an ephemeral key for the API key's own service ID."
    )
  }
  if (problems.length > before) return { kind: 'none' }
  if (vpc) return { kind: 'vpc-metadata', endpoint, ...(profile ? { profile } : {}) }
  if (crFile && profile) return { kind: 'cr-token-file', path: crFile, profile }
  if (apikey && profile) return { kind: 'apikey-profile', apikey, profile }
  if (apikey) return { kind: 'apikey', apikey }
  return { kind: 'none' }
}

/** At most one of profile-id, profile-crn, profile-name (which needs account-id). */
function parseProfile(
  { get, accountId }: CredentialInputs,
  refuse: (message: string) => void
): ProfileRef | undefined {
  const id = get('profile-id')
  const crn = get('profile-crn')
  const name = get('profile-name')
  const given = (
    [
      ['profile-id', id],
      ['profile-crn', crn],
      ['profile-name', name]
    ] as const
  ).filter(([, value]) => value)
  if (given.length > 1) {
    refuse(
      `${given.map(([input]) => input).join(' and ')} each name a trusted profile: give only one.`
    )
    return undefined
  }
  // eslint-disable-next-line no-control-regex -- control characters are what is refused
  const odd = (value: string) => /[\u0000-\u001f\u007f-\u009f]/.test(value) || value.length > 512
  if (id && (odd(id) || !/^Profile-[A-Za-z0-9-]+$/.test(id))) {
    refuse(
      `profile-id "${oneLine(id.slice(0, 80))}" is not a trusted profile id (Profile-<uuid>, as ` +
        '`ibmcloud iam trusted-profile NAME --id` prints). For a name, use profile-name with account-id.'
    )
  } else if (crn && (odd(crn) || !crn.startsWith('crn:'))) {
    refuse(`profile-crn "${oneLine(crn.slice(0, 80))}" is not a CRN (crn:v1:...).`)
  } else if (name && odd(name)) {
    refuse('profile-name contains a control character or is over 512 characters long.')
  } else if (name && !accountId) {
    refuse(
      'profile-name needs account-id: a profile name is unique only within an account. Set ' +
        'account-id to the account of the profile, or use profile-id instead.'
    )
  } else if (id) return { id }
  else if (crn) return { crn }
  else if (name && accountId) return { name, account: accountId }
  return undefined
}

/** The token file must exist, be readable and not be empty; its content is not kept. */
function checkTokenFile(
  path: string,
  readFile: (path: string) => string,
  refuse: (message: string) => void
): void {
  const shown = oneLine(path)
  let content: string
  try {
    content = readFile(path)
  } catch (err) {
    const code = (err as { code?: unknown }).code
    refuse(
      code === 'ENOENT'
        ? `cr-token-file ${shown} does not exist. On Kubernetes, project a service-account token ` +
            'there (a projected volume, see README "Keyless on self-hosted runners"); check the path ' +
            'inside the runner container.'
        : `cr-token-file ${shown} cannot be read (${typeof code === 'string' ? code : 'error'}): ` +
            'check that it is a file the runner user may read.'
    )
    return
  }
  if (content.trim() === '') {
    refuse(
      `cr-token-file ${shown} is empty: the platform has not written a compute-resource token ` +
        'there (yet). Check the projected volume or the path.'
    )
  }
}
