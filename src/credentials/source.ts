import type { Clock } from '../clock.js'
import type { IamClient } from '../iam/client.js'
import type { IamToken } from '../iam/token.js'
import type { Secrets } from '../secrets.js'
import type { Credential, CredentialKind, ProfileRef } from './credential.js'

/** What any credential source needs to get a token (built once, in step-context.ts). */
export interface TokenRequestContext {
  iam: IamClient
  secrets: Secrets
  clock: Pick<Clock, 'now'>
  /** Sent as IBM-Cloud-Tenant when account-id pins an account (single-grant sources). */
  accountId?: string
  /** A client for another endpoint with the same limits (the VPC instance metadata service). */
  connect: (endpoint: string) => IamClient
  /** Reads a file as UTF-8 (the compute-resource token). */
  readFile: (path: string) => string
}

/** Why a source without a renewal rule (a long-lived API key) is not renewable. */
export const NOT_RENEWABLE =
  'renewing would need the API key, which is never written to disk (use ephemeral-key: true, ' +
  'cr-token-file or vpc-metadata for a renewable token)'

/** A credential that names a source: any kind but `none`. */
export type SourcedCredential = Exclude<Credential, { kind: 'none' }>
export type SourceKind = SourcedCredential['kind']
export type CredentialOf<K extends CredentialKind> = Extract<Credential, { kind: K }>

/**
 * What `ibmcloud-iam-token`'s config file holds to renew from: never a secret. A token file's
 * path, the metadata endpoint and profile, or the NAME of the variable holding an ephemeral key.
 */
export interface SavedCredential {
  kind: string
}

/** What a source's renewal rule sees of the step's configuration. */
export interface RenewalFacts {
  ephemeral: { enabled: boolean; envName: string }
  exportEnv: boolean
}

/** How a later step renews a source's token without a long-lived secret on disk. */
export interface Renewal<C extends SourcedCredential, S extends SavedCredential> {
  /** The `kind` this source writes into the command's config file. */
  saved: S['kind']
  /** What the config file holds for `credential`, or why it cannot be renewed. */
  save: (credential: C, facts: RenewalFacts) => S | { why: string }
  /** The credential to exchange again, from the config file (and the step's environment). */
  load: (saved: S, env: Record<string, string | undefined>, secrets: Secrets) => C
  /** How the install message says the token is renewed ("from /path, re-read each time"). */
  describe: (saved: S) => string
}

/**
 * One way the action proves who it is: its kind (credential.ts), its exchange for a token, and
 * whether (and how) the token command renews it. Every source is one module that exports one of
 * these; sources.ts is the table of them.
 */
export interface CredentialSource<C extends SourcedCredential, S extends SavedCredential> {
  kind: C['kind']
  exchange: (credential: C, ctx: TokenRequestContext) => Promise<IamToken>
  /** Absent: the token is never renewable (its secret would have to be written down). */
  renewal?: Renewal<C, S>
}

/** The inputs as the credential parser sees them (credentials/parse.ts). */
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

/** What a source's input rules are given after the shared inputs (the profile) are parsed. */
export interface ParseState {
  inputs: CredentialInputs
  /** Whether this source's own input selects it. */
  chosen: boolean
  profile?: ProfileRef
  /** Whether any of profile-id, profile-crn, profile-name is set (valid or not). */
  profileGiven: boolean
  /** Records a problem: the step reports all of them together, before any request. */
  refuse: (message: string) => void
}

/**
 * A source's inputs: whether they select it, what it refuses, and the credential it yields.
 * Rows of INPUT_SOURCES (sources.ts), in the order their problems are reported.
 */
export interface SourceInputs {
  /** How "give exactly one" names this source when its input selects it; undefined when not. */
  selected: (inputs: CredentialInputs, refuse: (message: string) => void) => string | undefined
  /** Its refusals, run whether or not it is chosen (a setting given without its source). */
  check?: (state: ParseState) => void
  /** The credential, once it is chosen and nothing was refused. */
  credential: (state: ParseState) => SourcedCredential
  /** Whether ephemeral-key may be used with it (a trusted profile cannot own API keys). */
  ownsApiKeys: boolean
}
