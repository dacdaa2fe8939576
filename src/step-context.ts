import type { Clock } from './clock.js'
import type { TokenRequestContext } from './credentials/source.js'
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
