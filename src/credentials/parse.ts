import type { Credential, ProfileRef } from './credential.js'
import type { CredentialInputs, ParseState, SourceInputs } from './source.js'
import { INPUT_SOURCES } from './sources.js'
import { oneLine } from '../untrusted.js'

export type { CredentialInputs } from './source.js'

/**
 * The credential the inputs name. Every refusal is pushed onto `problems` (so that the step
 * reports it with the other input problems, before any request); then the result is
 * `{ kind: 'none' }`. Each source's inputs are its module's (INPUT_SOURCES in sources.ts); only
 * the trusted profile, shared by several, and the rules across sources are parsed here.
 */
export function parseCredential(inputs: CredentialInputs, problems: string[]): Credential {
  const before = problems.length
  const refuse = (message: string) => problems.push(message)
  const rows = INPUT_SOURCES.map((row) => ({ row, label: row.selected(inputs, refuse) }))
  const chosen = rows.filter(({ label }) => label !== undefined)
  if (chosen.length > 1) {
    refuse(
      `${chosen.map(({ label }) => label).join(' and ')} are each a credential source: give exactly one (apikey, with or ` +
        'without a profile; cr-token-file with a profile; or vpc-metadata: true).'
    )
  }
  const profile = parseProfile(inputs, refuse)
  const profileGiven = ['profile-id', 'profile-crn', 'profile-name'].some((name) =>
    inputs.get(name)
  )
  const state = (row: SourceInputs): ParseState => ({
    inputs,
    chosen: chosen.some((c) => c.row === row),
    ...(profile ? { profile } : {}),
    profileGiven,
    refuse
  })
  for (const { row } of rows) row.check?.(state(row))
  if (inputs.ephemeralKey && (profile || chosen.some(({ row }) => !row.ownsApiKeys))) {
    refuse(
      'ephemeral-key: true cannot be used with a trusted profile (profile-id, profile-crn, ' +
        'profile-name, cr-token-file or vpc-metadata): trusted profiles cannot own API keys. Remove ' +
        'ephemeral-key and run `ibmcloud-iam-token` in later steps for a fresh token (see ' +
        "token-command), or drop the profile to get an ephemeral key for the API key's own service ID."
    )
  }
  if (problems.length > before || chosen.length !== 1) return { kind: 'none' }
  return chosen[0]!.row.credential(state(chosen[0]!.row))
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
