import type { ApiKey } from '../iam/apikeys.js'
import { ACTION_NAME } from '../version.js'

/**
 * IBM documents no limit on an API key's name (emulator/CONTRACT.md lists the sources checked):
 * 100 keeps names readable in the console, and the emulator enforces the same cap.
 */
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

/** What a description says after it names the run: the key's own longest life. */
const USABLE_UNTIL = /; not used after (\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{3})?Z)\.$/

/** How every description of a key made in this run (and attempt) begins. */
function runMarker(facts: RunFacts): string {
  return `Ephemeral key made by ${ACTION_NAME} for ${facts.runUrl}/attempts/${facts.runAttempt};`
}

/**
 * The description names the action and the run, so that an admin who finds the key knows, and
 * the longest its own job can use it (`usableUntilMs`: the job's runner-dependent maximum or the
 * key's expiry, whichever comes first), so that a sweep in another job never has to guess.
 */
export function keyDescription(facts: RunFacts, usableUntilMs: number): string {
  return (
    `${runMarker(facts)} deleted by its post step, or expired by IAM; not used after ` +
    `${new Date(usableUntilMs).toISOString()}.`
  )
}

/** Does IAM's description of a key say it was made in this very run and attempt? */
export function madeInThisRun(description: string, facts: RunFacts): boolean {
  return description.startsWith(runMarker(facts)) && USABLE_UNTIL.test(description)
}

/** The "not used after" time a description carries (epoch ms), or undefined for older keys. */
export function usableUntil(description: string): number | undefined {
  const match = USABLE_UNTIL.exec(description)
  if (!match?.[1]) return undefined
  const ms = Date.parse(match[1])
  return Number.isNaN(ms) ? undefined : ms
}

/** Is this key one that this action made for this repository? Name prefix and description must both say so. */
export function isOurs(key: ApiKey, facts: RunFacts): boolean {
  const prefix = keyNamePrefix(facts)
  if (!key.name.startsWith(prefix) || !/^\d+-\d+-/.test(key.name.slice(prefix.length))) return false
  const marker = `by ${ACTION_NAME} for ${facts.runUrl.replace(/\/\d+$/, '/')}`
  return key.description.startsWith(`Ephemeral key made ${marker}`)
}
