import type { Clock } from '../clock.js'
import type { IamClient } from '../iam/client.js'
import type { IamToken } from '../iam/token.js'
import type { Secrets } from '../secrets.js'
import { exchangeApiKey } from './apikey.js'
import { assumeWithApiKey } from './assume.js'
import type { Credential, CredentialKind } from './credential.js'
import { exchangeCrToken, readCrToken } from './cr-token.js'
import { vpcInstanceToken } from './vpc-metadata.js'

/** What any credential source needs to get a token. */
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

type Of<K extends CredentialKind> = Extract<Credential, { kind: K }>
type Sources = {
  [K in Exclude<CredentialKind, 'none'>]: (c: Of<K>, ctx: TokenRequestContext) => Promise<IamToken>
}

/**
 * The ways the action can prove who it is, one row per kind of credential (credential.ts),
 * each backed by a module that yields a token.
 */
const SOURCES: Sources = {
  apikey: (c, ctx) => exchangeApiKey(c.apikey, ctx),
  'apikey-profile': (c, ctx) => assumeWithApiKey(c.apikey, c.profile, ctx),
  'cr-token-file': (c, ctx) =>
    exchangeCrToken(readCrToken(c.path, ctx.secrets, ctx.readFile), c.profile, ctx),
  'vpc-metadata': (c, ctx) => vpcInstanceToken(c.endpoint, c.profile, ctx)
}

export type TokenSource = (ctx: TokenRequestContext) => Promise<IamToken>

/** A credential that names a source: any kind but `none`. */
export type SourcedCredential = Exclude<Credential, { kind: 'none' }>

/** The source of `credential`, or undefined when the inputs name none (an empty `apikey`). */
export function credentialSource(credential: SourcedCredential): TokenSource
export function credentialSource(credential: Credential): TokenSource | undefined
export function credentialSource(credential: Credential): TokenSource | undefined {
  if (credential.kind === 'none') return undefined
  const source = SOURCES[credential.kind] as (
    c: Credential,
    ctx: TokenRequestContext
  ) => Promise<IamToken>
  return (ctx) => source(credential, ctx)
}
