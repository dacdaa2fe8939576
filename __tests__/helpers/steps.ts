// Reading and feeding steps run from dist/ by the runner simulator (the e2e tests).
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { StepResult } from '../../scripts/runner-simulator.mjs'

/** Every ::error:: message of a step, one a line. */
export function errorOf(step: StepResult): string {
  return step.commands
    .filter((c) => c.command === 'error')
    .map((c) => c.value)
    .join('\n')
}

/** Writes `content` to a new token file in `dir` (kept outside the workspace) and returns its path. */
export function writeTokenFile(dir: string, content: string, prefix = 'token'): string {
  const path = join(dir, `${prefix}-${Math.random().toString(36).slice(2)}`)
  writeFileSync(path, content)
  return path
}
