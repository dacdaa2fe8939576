import type { Clock } from '../clock.js'
import { deleteApiKey, listApiKeys, parseIamTime } from '../iam/apikeys.js'
import type { IamClient } from '../iam/client.js'
import type { IamToken } from '../iam/token.js'
import type { Runner } from '../runner/runner.js'
import { oneLine } from '../untrusted.js'
import { isOurs, usableUntil, type RunFacts } from './naming.js'

/**
 * The longest a job runs (6 hours on GitHub-hosted runners, 5 days on self-hosted ones): a
 * key of ours older than this has no job left that could use it.
 */
export function longestJobMinutes(env: Record<string, string | undefined>): number {
  return env.RUNNER_ENVIRONMENT === 'github-hosted' ? 360 : 5 * 24 * 60
}

/** The longest any job runs (self-hosted runners): the bound for a key whose description names none. */
const LONGEST_ANY_JOB_MS = 5 * 24 * 3600_000

/**
 * Deletes keys this action made for this repository in earlier runs that can no longer be
 * in use: past their expiry, or past the longest life their own job could have (which each
 * key's description carries: the sweeping job's runner says nothing about the job that made
 * the key). Only keys IAM lists for this very identity and account; never anything else.
 */
export async function sweepStaleKeys(
  iam: IamClient,
  token: IamToken,
  ctx: { runner: Runner; clock: Clock; facts: RunFacts; keepId?: string }
): Promise<string[]> {
  const now = ctx.clock.now()
  const keys = await listApiKeys(iam, token.accessToken, {
    accountId: token.accountId,
    iamId: token.iamId
  })
  const stale = keys.filter((key) => {
    if (key.id === ctx.keepId || !isOurs(key, ctx.facts)) return false
    // IAM was asked for this identity's keys in this account: a key it lists for another is
    // not ours to judge, whatever its name says.
    if (key.iamId !== token.iamId || key.accountId !== token.accountId) return false
    // A key without a readable expiry never expired; one without a readable creation time is not old.
    const expires = parseIamTime(key.expiresAt) ?? Infinity
    const created = parseIamTime(key.createdAt) ?? now
    const lastUse = usableUntil(key.description) ?? created + LONGEST_ANY_JOB_MS
    return expires <= now || lastUse <= now
  })
  const deleted: string[] = []
  let gone = 0
  for (const key of stale) {
    const shown = `${oneLine(key.id)} (${oneLine(key.name)})`
    if ((await deleteApiKey(iam, token.accessToken, key.id)) === 'already-gone') {
      gone++
      ctx.runner.info(`Stale ephemeral API key ${shown} was already gone.`)
      continue
    }
    deleted.push(key.id)
    ctx.runner.info(`Swept stale ephemeral API key ${shown}.`)
  }
  ctx.runner.info(
    stale.length === 0
      ? `No stale ephemeral API keys to sweep (${keys.length} keys checked).`
      : `Swept ${deleted.length} stale ephemeral API key(s) of ${keys.length} checked` +
          (gone ? ` (${gone} already gone).` : '.')
  )
  return deleted
}
