import type { Clock } from '../clock.js'
import type { HttpTransport } from '../iam/http.js'
import type { Files } from './files.js'

/**
 * The part of the GitHub runner the action talks to. `actions-core.ts` backs it with
 * @actions/core; tests back it with a recorder. The logic never imports @actions/core.
 */
export interface Runner {
  /** The raw input, untrimmed ('' when not set). */
  getInput(name: string): string
  setSecret(value: string): void
  setOutput(name: string, value: string): void
  exportVariable(name: string, value: string): void
  /** Prepends `dir` to PATH for the later steps of the job (GITHUB_PATH). */
  addPath(dir: string): void
  saveState(name: string, value: string): void
  getState(name: string): string
  debug(message: string): void
  info(message: string): void
  notice(message: string): void
  warning(message: string): void
  /** Marks the step failed with this message (the process exit code becomes 1). */
  setFailed(message: string): void
  writeSummary(markdown: string): Promise<void>
}

/** What each step's run() is given: the runner, time, the process environment and HTTP. */
export interface StepDeps {
  runner: Runner
  clock: Clock
  /** The process environment (GITHUB_* facts about the run). */
  env: Record<string, string | undefined>
  createTransport: (options: { timeoutMs: number }) => HttpTransport
  /** Every file the step reads or writes (a credential file, the token command's folder). */
  files: Files
  /**
   * Where `ibmcloud-iam-token` comes from: the Node binary running this step and the bundled
   * script (dist/token-command/index.js). Without it the command is not installed.
   */
  tokenCommandScript?: NodeScript
}

/** A script and the absolute path of the Node binary that runs it. */
export interface NodeScript {
  node: string
  script: string
}
