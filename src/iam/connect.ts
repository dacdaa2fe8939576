import type { Clock } from '../clock.js'
import type { Secrets } from '../secrets.js'
import { IamClient } from './client.js'
import type { HttpTransport } from './http.js'
import { retryPolicy } from './retry.js'

export interface Connection {
  endpoint: string
  timeoutMs: number
  maxAttempts: number
}

/** An IamClient for a step: its endpoint and limits from the config, retry notes to the log. */
export function connectIam(
  connection: Connection,
  io: {
    createTransport: (options: { timeoutMs: number }) => HttpTransport
    clock: Clock
    log: (message: string) => void
  },
  secrets: Secrets
): IamClient {
  return new IamClient({
    endpoint: connection.endpoint,
    transport: io.createTransport({ timeoutMs: connection.timeoutMs }),
    clock: io.clock,
    policy: retryPolicy(connection),
    log: io.log,
    redact: (text) => secrets.redact(text)
  })
}
