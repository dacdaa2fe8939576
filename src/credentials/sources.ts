import type { IamToken } from '../iam/token.js'
import type { Secrets } from '../secrets.js'
import { apikeyInputs, apikeySource } from './apikey.js'
import { assumeSource } from './assume.js'
import { crTokenInputs, crTokenSource } from './cr-token.js'
import type { Credential } from './credential.js'
import {
  NOT_RENEWABLE,
  type CredentialOf,
  type CredentialSource,
  type RenewalFacts,
  type SavedCredential,
  type SourceKind,
  type SourceInputs,
  type SourcedCredential,
  type TokenRequestContext
} from './source.js'
import { vpcMetadataInputs, vpcMetadataSource } from './vpc-metadata.js'

export type { SourcedCredential, TokenRequestContext } from './source.js'

/** Each row is its kind's source; what it saves for renewal is its own (see RenewableCredential). */
type Table = {
  [K in SourceKind]: Omit<CredentialSource<CredentialOf<K>, never>, 'renewal'> & {
    renewal?: object
  }
}

/**
 * The ways the action can prove who it is, one row per kind of credential (credential.ts),
 * each the `source` its module exports. A new source is a new module and a new row here.
 */
export const SOURCES = {
  apikey: apikeySource,
  'apikey-profile': assumeSource,
  'cr-token-file': crTokenSource,
  'vpc-metadata': vpcMetadataSource
} satisfies Table

/** What the token command's config file may hold: the union of what the sources save. */
export type RenewableCredential = {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- infers each row's own shape
  [K in SourceKind]: (typeof SOURCES)[K] extends CredentialSource<any, infer S> ? S : never
}[SourceKind]

/**
 * The sources' inputs, in the order their problems are reported: `apikey` (with a profile, the
 * assume source), `cr-token-file`, `vpc-metadata`. parse.ts loops over these.
 */
export const INPUT_SOURCES: readonly SourceInputs[] = [
  apikeyInputs,
  crTokenInputs,
  vpcMetadataInputs
]

/** Any row, typed loosely: the loops below never mix one row's credential with another's. */
type AnySource = CredentialSource<SourcedCredential, SavedCredential>
const rows = Object.values(SOURCES) as AnySource[]
const rowOf = (kind: SourceKind) => SOURCES[kind] as AnySource

export type TokenSource = (ctx: TokenRequestContext) => Promise<IamToken>

/** The source of `credential`, or undefined when the inputs name none (an empty `apikey`). */
export function credentialSource(credential: SourcedCredential): TokenSource
export function credentialSource(credential: Credential): TokenSource | undefined
export function credentialSource(credential: Credential): TokenSource | undefined {
  if (credential.kind === 'none') return undefined
  const source = rowOf(credential.kind)
  return (ctx) => source.exchange(credential, ctx)
}

/** What the token command's config file holds for `credential`, or why it is not renewable. */
export function saveForRenewal(
  credential: SourcedCredential,
  facts: RenewalFacts
): RenewableCredential | { why: string } {
  const renewal = rowOf(credential.kind).renewal
  return renewal
    ? (renewal.save(credential, facts) as RenewableCredential | { why: string })
    : { why: NOT_RENEWABLE }
}

/** The row that wrote `saved` into a config file, or undefined when none did. */
function renewalOf(saved: SavedCredential) {
  return rows.find((row) => row.renewal?.saved === saved.kind)?.renewal
}

/** Whether a config file's credential is one some source wrote. */
export function isSavedCredential(saved: unknown): saved is RenewableCredential {
  const kind = (saved as { kind?: unknown } | null | undefined)?.kind
  return rows.some((row) => row.renewal !== undefined && row.renewal.saved === kind)
}

/** The credential to renew from, given what the config file saved. */
export function loadForRenewal(
  saved: SavedCredential,
  env: Record<string, string | undefined>,
  secrets: Secrets
): SourcedCredential {
  return renewalOf(saved)!.load(saved, env, secrets)
}

/** How the install message says the token is renewed. */
export function describeRenewal(saved: SavedCredential): string {
  return renewalOf(saved)!.describe(saved)
}
