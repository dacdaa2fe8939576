import type { Clock } from '../clock.js'
import { deleteApiKey, listApiKeys, parseIamTime } from '../iam/apikeys.js'
import type { IamClient } from '../iam/client.js'
import type { IamToken } from '../iam/token.js'
import type { Runner } from '../runner/runner.js'
import { oneLine } from '../untrusted.js'
import { isOurs, type RunFacts } from './naming.js'

/**
 * The longest a job runs (6 hours on GitHub-hosted runners, 5 days on self-hosted ones): a
 * key of ours older than this has no job left that could use it.
 */
export function longestJobMinutes(env: Record<string, string | undefined>): number {
  return env.RUNNER_ENVIRONMENT === 'github-hosted' ? 360 : 5 * 24 * 60
}

/**
 * Deletes keys this action made for this repository in earlier runs that can no longer be
 * in use: past their expiry, or older than the longest job. Never touches anything else.
 */
export async function sweepStaleKeys(
  iam: IamClient,
  token: IamToken,
  ctx: { runner: Runner; clock: Clock; facts: RunFacts; keepId?: string; longestJobMinutes: number }
): Promise<string[]> {
  const now = ctx.clock.now()
  const keys = await listApiKeys(iam, token.accessToken, {
    accountId: token.accountId,
    iamId: token.iamId
  })
  const stale = keys.filter((key) => {
    if (key.id === ctx.keepId || !isOurs(key, ctx.facts)) return false
    // A key without a readable expiry never expired; one without a readable creation time is not old.
    const expires = parseIamTime(key.expiresAt) ?? Infinity
    const created = parseIamTime(key.createdAt) ?? now
    return expires <= now || now - created > ctx.longestJobMinutes * 60_000
  })
  const deleted: string[] = []
  for (const key of stale) {
    await deleteApiKey(iam, token.accessToken, key.id)
    deleted.push(key.id)
    ctx.runner.info(`Swept stale ephemeral API key ${oneLine(key.id)} (${oneLine(key.name)}).`)
  }
  ctx.runner.info(
    stale.length === 0
      ? `No stale ephemeral API keys to sweep (${keys.length} keys checked).`
      : `Swept ${deleted.length} stale ephemeral API key(s) of ${keys.length} checked.`
  )
  return deleted
}
