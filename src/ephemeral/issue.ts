import type { Clock } from '../clock.js'
import type { EphemeralConfig } from '../config.js'
import { createApiKey, formatExpiresAt, parseIamTime, roundUpToMinute } from '../iam/apikeys.js'
import type { IamClient } from '../iam/client.js'
import type { IamToken } from '../iam/token.js'
import type { Runner } from '../runner/runner.js'
import type { Secrets } from '../secrets.js'
import { keyDescription, keyName, type RunFacts } from './naming.js'
import { STATE } from './state.js'

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
