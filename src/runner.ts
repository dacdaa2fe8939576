/**
 * The part of the GitHub runner the action talks to. `src/main.ts` and `src/post.ts` back it
 * with @actions/core; tests back it with a recorder. The logic never imports @actions/core.
 */
export interface Runner {
  /** The raw input, untrimmed ('' when not set). */
  getInput(name: string): string
  setSecret(value: string): void
  setOutput(name: string, value: string): void
  exportVariable(name: string, value: string): void
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

/** Time and randomness, passed in so retry and expiry logic is tested without waiting. */
export interface Clock {
  now(): number
  sleep(ms: number): Promise<void>
  random(): number
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: () => Math.random()
}
