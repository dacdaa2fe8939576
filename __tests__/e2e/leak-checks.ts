/** Checks over what a step printed, for the end-to-end suite (the runner itself is scripts/runner-simulator.mjs). */
import { unescapeData, type StepResult } from '../../scripts/runner-simulator.mjs'

export { runStep, type StepResult } from '../../scripts/runner-simulator.mjs'

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
 * No secret anywhere in the output except inside its own ::add-mask:: command, and every
 * secret masked before the step reports anything: before the first line that is not a mask,
 * a debug line or a retry notice (those are printed while the secrets are still being
 * fetched, and carry none). Returns the problems found (empty when clean).
 */
export function leaks(step: StepResult, secrets: string[]): string[] {
  const problems: string[] = []
  const masked = new Map<string, number>()
  const firstReport = step.lines.findIndex(
    (l) => !/^::(add-mask|debug)::/.test(l) && !/; retrying in \d/.test(l)
  )
  step.lines.forEach((line, i) => {
    const mask = /^::add-mask::(.*)$/.exec(line)
    if (mask) {
      const value = unescapeData(mask[1]!)
      if (!masked.has(value)) masked.set(value, i)
      return
    }
    for (const secret of secrets) {
      if (line.includes(secret) || line.includes(encodeURIComponent(secret))) {
        problems.push(`line ${i + 1} carries a secret: ${line.slice(0, 60)}…`)
      }
    }
  })
  for (const secret of secrets) {
    const at = masked.get(secret)
    if (at === undefined) problems.push(`secret ${secret.slice(0, 6)}… was never masked`)
    else if (firstReport >= 0 && at > firstReport) {
      problems.push(
        `secret ${secret.slice(0, 6)}… masked at line ${at + 1}, after line ${firstReport + 1}`
      )
    }
  }
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
