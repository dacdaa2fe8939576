/**
 * The credential the inputs name, parsed once (credentials/parse.ts). Each kind is one row of
 * the table in sources.ts and one module that turns it into a token.
 */

/** The trusted profile to act as: by id, by CRN, or by name within an account. */
export type ProfileRef = { id: string } | { crn: string } | { name: string; account: string }

export type Credential =
  /** No source given (an empty `apikey` on a fork pull request): on-missing-apikey decides. */
  | { kind: 'none' }
  | { kind: 'apikey'; apikey: string }
  /** The API-key grant, then the assume grant with that (never published) token. */
  | { kind: 'apikey-profile'; apikey: string; profile: ProfileRef }
  /** A compute-resource token read from `path` (re-read at every use: platforms rotate it). */
  | { kind: 'cr-token-file'; path: string; profile: ProfileRef }
  /** The VPC instance metadata service; without a profile, the instance's default linked one. */
  | { kind: 'vpc-metadata'; endpoint: string; profile?: ProfileRef }

export type CredentialKind = Credential['kind']

/** The form fields that name a profile on IAM's token endpoint. */
export function profileForm(profile: ProfileRef): Record<string, string> {
  if ('id' in profile) return { profile_id: profile.id }
  if ('crn' in profile) return { profile_crn: profile.crn }
  return { profile_name: profile.name, account: profile.account }
}

/** The `apikey` input's key when the credential is one ('' for keyless sources and none). */
export function apiKeyOf(credential: Credential): string {
  return credential.kind === 'apikey' || credential.kind === 'apikey-profile'
    ? credential.apikey
    : ''
}
