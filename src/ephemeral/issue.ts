import type { Clock } from '../clock.js'
import type { EphemeralConfig } from '../config.js'
import { createApiKey, formatExpiresAt, parseIamTime, roundUpToMinute } from '../iam/apikeys.js'
import type { IamClient } from '../iam/client.js'
import type { IamToken } from '../iam/token.js'
import type { Runner } from '../runner/runner.js'
import type { Secrets } from '../secrets.js'
import { keyDescription, keyName, type RunFacts } from './naming.js'

/** Names of the values the main step saves for the post step. None of them is a secret. */
export const STATE = {
  keyId: 'ephemeral-key-id',
  keyExpiresAt: 'ephemeral-key-expires-at',
  endpoint: 'iam-endpoint'
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
  ctx: { runner: Runner; clock: Clock; secrets: Secrets; facts: RunFacts }
): Promise<IssuedKey> {
  const expiresAtMs = ctx.clock.now() + config.ttlMinutes * 60_000
  const created = await createApiKey(
    iam,
    token.accessToken,
    {
      name: keyName(ctx.facts, ctx.clock.random),
      description: keyDescription(ctx.facts),
      iamId: token.iamId,
      accountId: token.accountId,
      expiresAt: formatExpiresAt(expiresAtMs)
    },
    ctx.secrets
  )
  const expires = parseIamTime(created.expiresAt) ?? roundUpToMinute(expiresAtMs)
  ctx.runner.saveState(STATE.keyId, created.id)
  ctx.runner.saveState(STATE.keyExpiresAt, String(expires))
  ctx.runner.saveState(STATE.endpoint, iam.endpoint)
  return { id: created.id, value: created.value, expiresAtMs: expires }
}
