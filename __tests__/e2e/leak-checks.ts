/** Checks over what a step printed, for the end-to-end suite (the runner itself is scripts/runner-simulator.mjs). */
import type { StepResult } from '../../scripts/runner-simulator.mjs'

export { runScript, runStep, type StepResult } from '../../scripts/runner-simulator.mjs'

/**
 * Exported variables that name things rather than hold secrets (issue 22): a file path, a
 * token file as `@path`, a trusted profile, the metadata endpoint. The action prints them.
 */
const NOT_SECRET_ENV = new Set([
  'IBM_CREDENTIALS_FILE',
  'IBMCLOUD_CR_TOKEN',
  'IBMCLOUD_CR_PROFILE',
  'IBMCLOUD_CR_VPC_URL'
])

/** The values a step must never print: the key, and whatever it put in outputs and env. */
export function secretsOf(apikey: string, ...steps: StepResult[]): string[] {
  const secrets = new Set<string>([apikey, apikey.trim()])
  for (const step of steps) {
    for (const name of ['token', 'authorization', 'ephemeral-apikey']) {
      const v = step.outputs[name]
      if (v) secrets.add(v.replace(/^Bearer /, ''))
    }
    for (const [name, v] of Object.entries(step.exportedEnv)) {
      if (!NOT_SECRET_ENV.has(name)) secrets.add(v)
    }
  }
  return [...secrets].filter((s) => s.trim().length >= 8)
}

/**
 * No secret anywhere in the output except inside its own ::add-mask:: command, every secret
 * masked before the step reports anything (before the first line that is not a mask, a debug
 * line or a retry notice: those are printed while the secrets are still being fetched, and
 * carry none), no secret in the log as the runner wrote it (masked line by line: a secret
 * printed before its mask stays there), and no file or command the runner would refuse.
 * Returns the problems found (empty when clean).
 */
export function leaks(step: StepResult, secrets: string[]): string[] {
  const problems: string[] = []
  const masked = new Map<string, number>()
  const maskLines = new Set<number>()
  for (const c of step.commands) {
    if (c.command !== 'add-mask') continue
    maskLines.add(c.line)
    if (!masked.has(c.value)) masked.set(c.value, c.line)
  }
  const debugLines = new Set(step.commands.filter((c) => c.command === 'debug').map((c) => c.line))
  const firstReport = step.lines.findIndex(
    (l, i) => !maskLines.has(i) && !debugLines.has(i) && !/; retrying in \d/.test(l)
  )
  step.lines.forEach((line, i) => {
    if (maskLines.has(i)) return
    for (const secret of secrets) {
      if (line.includes(secret) || line.includes(encodeURIComponent(secret))) {
        problems.push(`line ${i + 1} carries a secret: ${line.slice(0, 60)}…`)
      }
    }
  })
  problems.push(...shownInLog(step, secrets))
  for (const secret of secrets) {
    const at = masked.get(secret)
    if (at === undefined) {
      problems.push(`secret ${secret.slice(0, 6)}… was never masked`)
    } else if (at !== undefined && firstReport >= 0 && at > firstReport) {
      problems.push(
        `secret ${secret.slice(0, 6)}… masked at line ${at + 1}, after line ${firstReport + 1}`
      )
    }
  }
  for (const error of step.runnerErrors) problems.push(`the runner fails this step: ${error}`)
  return problems
}

/**
 * Secrets the runner's log shows in clear (each line masked when written, with the masks
 * registered before it). The check for a step that prints a secret on purpose, such as a bare
 * `ibmcloud-iam-token`: its printing is fine, its log must still show `***`.
 */
export function shownInLog(step: StepResult, secrets: string[]): string[] {
  const problems: string[] = []
  step.log.forEach((line, i) => {
    for (const secret of secrets) {
      if (line.includes(secret)) {
        problems.push(`the log shows a secret in clear at log line ${i + 1}: ${line.slice(0, 60)}…`)
      }
    }
  })
  return problems
}

/** Index of the first line matching `re` (or Infinity). */
export function lineIndex(step: StepResult, re: RegExp): number {
  const i = step.lines.findIndex((l) => re.test(l))
  return i < 0 ? Infinity : i
}

const JWT = /[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/g

/**
 * Every JWT the step masked (the final token and any intermediate one: an API key's token
 * before the assume grant, an instance identity token), in the order they were masked.
 */
export function maskedJwts(step: StepResult): string[] {
  const values = step.commands.filter((c) => c.command === 'add-mask').map((c) => c.value)
  return [...new Set(values.filter((v) => new RegExp(`^${JWT.source}$`).test(v)))]
}

/** JWTs that appear anywhere but in their own ::add-mask:: line (must be none). */
export function unmaskedJwts(text: string): string[] {
  return text
    .split('\n')
    .filter((line) => !line.startsWith('::add-mask::'))
    .flatMap((line) => line.match(JWT) ?? [])
}

/** The claims of a JWT, unverified: the emulator client's, the one decoder tests use. */
export { claimsOf } from '../../emulator/client.mjs'
