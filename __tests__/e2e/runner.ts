/** Checks over what a step printed, for the end-to-end suite (the runner itself is scripts/local-runner.mjs). */
import { unescapeData, type StepResult } from '../../scripts/local-runner.mjs'

export { runStep, type StepResult } from '../../scripts/local-runner.mjs'

/** The values a step must never print: the key, and whatever it put in outputs and env. */
export function secretsOf(apikey: string, ...steps: StepResult[]): string[] {
  const secrets = new Set<string>([apikey, apikey.trim()])
  for (const step of steps) {
    for (const name of ['token', 'authorization', 'ephemeral-apikey']) {
      const v = step.outputs[name]
      if (v) secrets.add(v.replace(/^Bearer /, ''))
    }
    for (const v of Object.values(step.exportedEnv)) secrets.add(v)
  }
  return [...secrets].filter((s) => s.trim().length >= 8)
}

/**
 * No secret anywhere in the output except inside its own ::add-mask:: command, and every
 * secret masked at some point. Returns the problems found (empty when clean). The order of
 * the masks is checked by the scenarios with `lineIndex`.
 */
export function leaks(step: StepResult, secrets: string[]): string[] {
  const problems: string[] = []
  const masked = new Set<string>()
  step.lines.forEach((line, i) => {
    const mask = /^::add-mask::(.*)$/.exec(line)
    if (mask) {
      masked.add(unescapeData(mask[1]!))
      return
    }
    for (const secret of secrets) {
      if (line.includes(secret) || line.includes(encodeURIComponent(secret))) {
        problems.push(`line ${i + 1} carries a secret: ${line.slice(0, 60)}…`)
      }
    }
  })
  for (const secret of secrets) {
    if (!masked.has(secret)) problems.push(`secret ${secret.slice(0, 6)}… was never masked`)
  }
  return problems
}

/** Index of the first line matching `re` (or Infinity). */
export function lineIndex(step: StepResult, re: RegExp): number {
  const i = step.lines.findIndex((l) => re.test(l))
  return i < 0 ? Infinity : i
}
