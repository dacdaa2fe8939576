import {
  createApiKey,
  formatExpiresAt,
  listApiKeys,
  parseIamTime,
  deleteApiKey,
  type ApiKey
} from './apikeys.js'
import type { EphemeralConfig } from './config.js'
import type { IamClient } from './iam.js'
import type { Clock, Runner } from './runner.js'
import type { Secrets } from './secrets.js'
import type { IamToken } from './token.js'
import { ACTION_NAME } from './version.js'

/** Names of the values the main step saves for the post step. None of them is a secret. */
export const STATE = {
  keyId: 'ephemeral-key-id',
  keyExpiresAt: 'ephemeral-key-expires-at',
  endpoint: 'iam-endpoint'
} as const

/**
 * The longest a job runs (6 hours on GitHub-hosted runners, 5 days on self-hosted ones): a
 * key of ours older than this has no job left that could use it.
 */
export function longestJobMinutes(env: Record<string, string | undefined>): number {
  return env.RUNNER_ENVIRONMENT === 'github-hosted' ? 360 : 5 * 24 * 60
}
const MAX_NAME_LENGTH = 100

/** Facts about the run, from the runner's GITHUB_* variables. */
export interface RunFacts {
  owner: string
  repo: string
  runId: string
  runAttempt: string
  job: string
  runUrl: string
}

export function runFacts(env: Record<string, string | undefined>): RunFacts {
  const [owner = 'local', repo = 'local'] = (env.GITHUB_REPOSITORY ?? '').split('/').filter(Boolean)
  const runId = env.GITHUB_RUN_ID || '0'
  const server = env.GITHUB_SERVER_URL || 'https://github.com'
  return {
    owner,
    repo,
    runId,
    runAttempt: env.GITHUB_RUN_ATTEMPT || '1',
    job: env.GITHUB_JOB || 'job',
    runUrl: `${server}/${owner}/${repo}/actions/runs/${runId}`
  }
}

function safe(part: string): string {
  return part.toLowerCase().replace(/[^a-z0-9_.-]+/g, '-')
}

/**
 * `gha-<owner>-<repo>-`: every key this action makes for a repository starts so. Owner and
 * repo are cut (always the same way) so that a name stays within MAX_NAME_LENGTH; the
 * description names the repository exactly.
 */
export function keyNamePrefix(facts: RunFacts): string {
  return `gha-${safe(facts.owner).slice(0, 20)}-${safe(facts.repo).slice(0, 30)}-`
}

/**
 * Unique per job and attempt: matrix legs share run id, attempt and job id, so a random
 * suffix tells them apart. Cut to IAM-friendly length, keeping the run id and the suffix.
 */
export function keyName(facts: RunFacts, random: () => number): string {
  const suffix = Math.floor(random() * 0xffffff)
    .toString(16)
    .padStart(6, '0')
  const run = `${safe(facts.runId).slice(0, 20)}-${safe(facts.runAttempt).slice(0, 5)}`
  const head = `${keyNamePrefix(facts)}${run}-`
  const room = Math.max(0, MAX_NAME_LENGTH - head.length - suffix.length - 1)
  return `${head}${safe(facts.job).slice(0, room)}-${suffix}`
}

/** The description names the action and the run, so that an admin who finds the key knows. */
export function keyDescription(facts: RunFacts): string {
  return `Ephemeral key made by ${ACTION_NAME} for ${facts.runUrl}/attempts/${facts.runAttempt}; deleted by its post step, or expired by IAM.`
}

/** Is this key one that this action made for this repository? Name prefix and description must both say so. */
export function isOurs(key: ApiKey, facts: RunFacts): boolean {
  const prefix = keyNamePrefix(facts)
  if (!key.name.startsWith(prefix) || !/^\d+-\d+-/.test(key.name.slice(prefix.length))) return false
  const marker = `by ${ACTION_NAME} for ${facts.runUrl.replace(/\/\d+$/, '/')}`
  return key.description.startsWith(`Ephemeral key made ${marker}`)
}

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
  const expires = parseIamTime(created.expiresAt) ?? Math.ceil(expiresAtMs / 60_000) * 60_000
  ctx.runner.saveState(STATE.keyId, created.id)
  ctx.runner.saveState(STATE.keyExpiresAt, String(expires))
  ctx.runner.saveState(STATE.endpoint, iam.endpoint)
  return { id: created.id, value: created.value, expiresAtMs: expires }
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
    const expires = parseIamTime(key.expiresAt)
    const created = parseIamTime(key.createdAt)
    return (
      (expires !== undefined && expires <= now) ||
      (created !== undefined && now - created > ctx.longestJobMinutes * 60_000)
    )
  })
  const deleted: string[] = []
  for (const key of stale) {
    await deleteApiKey(iam, token.accessToken, key.id)
    deleted.push(key.id)
    ctx.runner.info(`Swept stale ephemeral API key ${key.id} (${key.name}).`)
  }
  ctx.runner.info(
    stale.length === 0
      ? `No stale ephemeral API keys to sweep (${keys.length} keys checked).`
      : `Swept ${deleted.length} stale ephemeral API key(s) of ${keys.length} checked.`
  )
  return deleted
}
