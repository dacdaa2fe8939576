import type { Clock } from '../clock.js'
import type { EphemeralConfig } from '../config.js'
import { createApiKey, formatExpiresAt, parseIamTime, roundUpToMinute } from '../iam/apikeys.js'
import type { IamClient } from '../iam/client.js'
import type { IamToken } from '../iam/token.js'
import type { Runner } from '../runner/runner.js'
import type { Secrets } from '../secrets.js'
import { keyDescription, keyName, type RunFacts } from './naming.js'

/**
 * Names of the values the main step saves for the post step. Only `keyValue` is a secret (the
 * ephemeral key, masked since it arrived): the post step revokes the key with the key itself,
 * so it never needs the long-lived `apikey`. A later step cannot change a value main saved
 * (state overrides env for these names); it can plant the names main did not save.
 */
export const STATE = {
  keyId: 'ephemeral-key-id',
  keyValue: 'ephemeral-key-value',
  keyExpiresAt: 'ephemeral-key-expires-at',
  endpoint: 'iam-endpoint',
  /** The proxy and CA settings the main step used (network-settings.ts), as JSON. */
  network: 'network-settings'
} as const

export interface IssuedKey {
  id: string
  value: string
  expiresAtMs: number
}

/**
 * Creates the ephemeral key for the token's own identity. Its value is masked on arrival
 * (createApiKey) and its id saved as state before the caller exports anything, so that the
 * post step can delete it even if a later part of the main step fails.
 */
export async function issueEphemeralKey(
  iam: IamClient,
  token: IamToken,
  config: EphemeralConfig,
  ctx: {
    runner: Runner
    clock: Clock
    secrets: Secrets
    facts: RunFacts
    /** The longest this job can run (sweep.ts longestJobMinutes). */
    longestJobMinutes: number
    /** The network settings this step used, as recorded for the post step (network-settings.ts). */
    network: string
  }
): Promise<IssuedKey> {
  const now = ctx.clock.now()
  const expiresAtMs = now + config.ttlMinutes * 60_000
  const usableUntilMs = Math.min(roundUpToMinute(expiresAtMs), now + ctx.longestJobMinutes * 60_000)
  const created = await createApiKey(
    iam,
    token.accessToken,
    {
      name: keyName(ctx.facts, ctx.clock.random),
      description: keyDescription(ctx.facts, usableUntilMs),
      iamId: token.iamId,
      accountId: token.accountId,
      expiresAt: formatExpiresAt(expiresAtMs)
    },
    ctx.secrets
  )
  const expires = parseIamTime(created.expiresAt) ?? roundUpToMinute(expiresAtMs)
  ctx.runner.saveState(STATE.keyId, created.id)
  // Masked on arrival (createApiKey): the post step revokes the key with itself.
  ctx.runner.saveState(STATE.keyValue, created.value)
  ctx.runner.saveState(STATE.network, ctx.network)
  ctx.runner.saveState(STATE.keyExpiresAt, String(expires))
  ctx.runner.saveState(STATE.endpoint, iam.endpoint)
  return { id: created.id, value: created.value, expiresAtMs: expires }
}
