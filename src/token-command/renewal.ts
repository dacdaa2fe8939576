import type { Config } from '../config.js'
import {
  isSavedCredential,
  saveForRenewal,
  type RenewableCredential
} from '../credentials/sources.js'
import { NOT_RENEWABLE } from '../credentials/source.js'

/**
 * How `ibmcloud-iam-token` gets a new token, as written to its config file: never a secret.
 * Each source's module says what it saves (credentials/source.ts, `Renewal`).
 */
export type { RenewableCredential }

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
}

/**
 * The credential a later step can renew from without a long-lived secret on disk, or why not.
 * A long-lived API key is never renewable: it would have to be written down.
 */
export function renewableCredential(
  config: Config
): { credential: RenewableCredential } | { why: string } {
  const c = config.credential
  if (c.kind === 'none') return { why: NOT_RENEWABLE }
  const saved = saveForRenewal(c, config)
  return 'why' in saved ? saved : { credential: saved }
}

/** Reads and checks a config file's JSON; throws an Error that says what is wrong. */
export function parseRenewalConfig(text: string): RenewalConfig {
  const json = JSON.parse(text) as Partial<RenewalConfig>
  if (
    json?.version !== 1 ||
    !isSavedCredential(json?.credential) ||
    typeof json.endpoint !== 'string' ||
    typeof json.cache !== 'string' ||
    typeof json.timeoutMs !== 'number' ||
    typeof json.maxAttempts !== 'number'
  ) {
    throw new Error('its config file is not one this version wrote')
  }
  return json as RenewalConfig
}
