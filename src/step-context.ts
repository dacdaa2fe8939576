import type { Clock } from './clock.js'
import type { FileCheck, FileRead, TokenRequestContext } from './credentials/source.js'
import { createIamClient } from './iam/client.js'
import type { HttpTransport } from './iam/http.js'
import type { Secrets } from './secrets.js'

/** What main, post and `ibmcloud-iam-token` each bring: their log, HTTP, clock, secrets, files. */
export interface StepWiring {
  log: (message: string) => void
  createTransport: (options: { timeoutMs: number }) => HttpTransport
  clock: Clock
  secrets: Secrets
  /** Reads a file as UTF-8 (a credential file: its source masks what it reads). */
  readFile: (path: string) => string
}

/** Where IAM is and how hard to try: from the inputs (main, post) or the command's config file. */
export interface IamSettings {
  endpoint: string
  timeoutMs: number
  maxAttempts: number
  accountId?: string
}

/**
 * The one place a step's IAM context is built: the client for IAM's endpoint, a factory for
 * other endpoints with the same limits (the VPC metadata service), and what every credential
 * source is given (credentials/source.ts).
 */
export function stepContext(wiring: StepWiring, settings: IamSettings): TokenRequestContext {
  const { secrets, clock, readFile } = wiring
  const connect = (endpoint: string) =>
    createIamClient(
      { endpoint, timeoutMs: settings.timeoutMs, maxAttempts: settings.maxAttempts },
      wiring,
      secrets
    )
  return {
    iam: connect(settings.endpoint),
    secrets,
    clock,
    accountId: settings.accountId,
    connect,
    readFile
  }
}

/**
 * The credential files of one step (a cr-token-file), each read once and masked the moment it
 * is read: checked before any request (`problems`, added to the input problems), then used by
 * the exchange (`readFile`, the same read). The token command does not use this: it re-reads
 * the file at every renewal, since platforms rotate it.
 */
export function credentialFiles(
  readFile: (path: string) => string,
  secrets: Secrets
): { problems: (checks: readonly FileCheck[]) => string[]; readFile: (path: string) => string } {
  const reads = new Map<string, FileRead>()
  const read = (path: string): FileRead => {
    let result = reads.get(path)
    if (!result) {
      try {
        const content = readFile(path)
        secrets.add(content)
        result = { content }
      } catch (error) {
        result = { error }
      }
      reads.set(path, result)
    }
    return result
  }
  return {
    problems: (checks) => checks.flatMap((check) => check.problem(read(check.path)) ?? []),
    readFile: (path) => {
      const result = read(path)
      if ('error' in result) throw result.error
      return result.content
    }
  }
}
