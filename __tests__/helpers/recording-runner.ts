import { expect } from '@jest/globals'
import { maskAll } from '../../scripts/runner-simulator.mjs'
import type { Runner } from '../../src/runner/runner.js'

export type EventKind =
  | 'setSecret'
  | 'setOutput'
  | 'exportVariable'
  | 'addPath'
  | 'saveState'
  | 'debug'
  | 'info'
  | 'notice'
  | 'warning'
  | 'setFailed'
  | 'summary'

export interface RunnerEvent {
  kind: EventKind
  name?: string
  value: string
}

/** Workflow-command prefixes of the lines a runner prints; the rest never reach the log. */
const LOG_PREFIX: Partial<Record<EventKind, string>> = {
  debug: '::debug::',
  info: '',
  notice: '::notice::',
  warning: '::warning::',
  setFailed: '::error::'
}

/**
 * A Runner that records every call, in order. Inputs come from a plain record; state can be
 * seeded (as the post step would see it). `summaryError` makes writeSummary reject.
 */
export class RecordingRunner implements Runner {
  readonly events: RunnerEvent[] = []
  readonly outputs: Record<string, string> = {}
  readonly env: Record<string, string> = {}
  readonly state: Record<string, string>
  readonly summaries: string[] = []
  /** Directories added to PATH, in order. */
  readonly paths: string[] = []
  failed: string | undefined
  summaryError: Error | undefined

  constructor(
    private readonly inputs: Record<string, string> = {},
    state: Record<string, string> = {}
  ) {
    this.state = { ...state }
  }

  getInput(name: string): string {
    return this.inputs[name] ?? ''
  }

  setSecret(value: string): void {
    this.events.push({ kind: 'setSecret', value })
  }

  setOutput(name: string, value: string): void {
    this.events.push({ kind: 'setOutput', name, value })
    this.outputs[name] = value
  }

  exportVariable(name: string, value: string): void {
    this.events.push({ kind: 'exportVariable', name, value })
    this.env[name] = value
  }

  addPath(dir: string): void {
    this.events.push({ kind: 'addPath', value: dir })
    this.paths.push(dir)
  }

  saveState(name: string, value: string): void {
    this.events.push({ kind: 'saveState', name, value })
    this.state[name] = value
  }

  getState(name: string): string {
    return this.state[name] ?? ''
  }

  debug(message: string): void {
    this.events.push({ kind: 'debug', value: message })
  }

  info(message: string): void {
    this.events.push({ kind: 'info', value: message })
  }

  notice(message: string): void {
    this.events.push({ kind: 'notice', value: message })
  }

  warning(message: string): void {
    this.events.push({ kind: 'warning', value: message })
  }

  setFailed(message: string): void {
    this.events.push({ kind: 'setFailed', value: message })
    this.failed = message
  }

  async writeSummary(markdown: string): Promise<void> {
    if (this.summaryError) throw this.summaryError
    this.events.push({ kind: 'summary', value: markdown })
    this.summaries.push(markdown)
  }

  /** Every value passed to setSecret, in order. */
  get secrets(): string[] {
    return this.events.filter((e) => e.kind === 'setSecret').map((e) => e.value)
  }

  /** Index of the first event of `kind` (optionally with `name`, or whose value is `value`); -1 if none. */
  indexOf(kind: EventKind, match: { name?: string; value?: string } = {}): number {
    return this.events.findIndex(
      (e) =>
        e.kind === kind &&
        (match.name === undefined || e.name === match.name) &&
        (match.value === undefined || e.value === match.value)
    )
  }

  count(kind: EventKind): number {
    return this.events.filter((e) => e.kind === kind).length
  }

  /**
   * The log as a reader would see it: one entry per printed line, with workflow-command prefixes.
   * Like the runner, each line is masked only with the secrets registered before it was printed
   * (pass `unmasked: true` for the raw text).
   */
  printed(options: { unmasked?: boolean } = {}): string[] {
    const masks: string[] = []
    const lines: string[] = []
    for (const event of this.events) {
      if (event.kind === 'setSecret') {
        if (event.value) masks.push(event.value)
        continue
      }
      const prefix = LOG_PREFIX[event.kind]
      if (prefix === undefined) continue
      const text = options.unmasked ? event.value : maskAll(event.value, masks)
      for (const line of text.split('\n')) lines.push(`${prefix}${line}`)
    }
    return lines
  }
}

/**
 * Index of the first event that could print or publish something (a log line, an output, an
 * env variable, the job summary, the failure): every secret must be masked before it. Fails
 * the test when the step reported nothing at all, so "masked before" cannot pass vacuously.
 */
export function firstReport(runner: RecordingRunner): number {
  const idx = runner.events.findIndex((e) =>
    ['setOutput', 'exportVariable', 'info', 'notice', 'warning', 'summary', 'setFailed'].includes(
      e.kind
    )
  )
  expect(idx).toBeGreaterThanOrEqual(0)
  return idx
}
