import type { Config } from '../config.js'
import type { Credential } from '../credentials/credential.js'
import { readNetworkRecord, type NetworkSettings } from '../network-settings.js'

/**
 * How `ibmcloud-iam-token` gets a new token, as written to its config file: never a secret.
 * A token file's path, the metadata endpoint and profile, or the NAME of the variable that
 * holds an ephemeral key (the key itself stays in the job's environment).
 */
export type RenewableCredential =
  | Extract<Credential, { kind: 'cr-token-file' }>
  | Extract<Credential, { kind: 'vpc-metadata' }>
  | { kind: 'apikey-env'; envName: string }

/** The command's config file (config.json beside it). */
export interface RenewalConfig {
  version: 1
  credential: RenewableCredential
  /** IAM's base URL. */
  endpoint: string
  accountId?: string
  timeoutMs: number
  maxAttempts: number
  /** The private file that caches the current token. */
  cache: string
  /**
   * The proxy and CA settings the main step used (network-settings.ts): the command sends no
   * credential when a later step changed them. Absent when the file was not written so.
   */
  network?: NetworkSettings
}

/**
 * The credential a later step can renew from without a long-lived secret on disk, or why not.
 * A long-lived API key is never renewable: it would have to be written down.
 */
export function renewableCredential(
  config: Config
): { credential: RenewableCredential } | { why: string } {
  const c = config.credential
  if (c.kind === 'cr-token-file' || c.kind === 'vpc-metadata') return { credential: c }
  if (config.ephemeral.enabled && config.exportEnv && c.kind === 'apikey') {
    return { credential: { kind: 'apikey-env', envName: config.ephemeral.envName } }
  }
  return {
    why:
      'renewing would need the API key, which is never written to disk (use ephemeral-key: true, ' +
      'cr-token-file or vpc-metadata for a renewable token)'
  }
}

/** Reads and checks a config file's JSON; throws an Error that says what is wrong. */
export function parseRenewalConfig(text: string): RenewalConfig {
  const json = JSON.parse(text) as Partial<RenewalConfig>
  const kind = json?.credential?.kind
  if (
    json?.version !== 1 ||
    !['cr-token-file', 'vpc-metadata', 'apikey-env'].includes(String(kind)) ||
    typeof json.endpoint !== 'string' ||
    typeof json.cache !== 'string' ||
    typeof json.timeoutMs !== 'number' ||
    typeof json.maxAttempts !== 'number'
  ) {
    throw new Error('its config file is not one this version wrote')
  }
  const network = readNetworkRecord(JSON.stringify(json.network ?? null))
  const { network: _written, ...rest } = json as RenewalConfig
  return { ...rest, ...(network ? { network } : {}) }
}
