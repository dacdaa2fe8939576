import { systemClock } from '../clock.js'
import { createHttpTransport } from '../iam/http.js'
import { userAgent } from '../version.js'
import { processIo, type CommandIo } from './run.js'

/** What `ibmcloud-iam-token` runs with: this process, the system clock, the shipped transport. */
export function commandDeps(): CommandIo {
  return processIo(
    ({ timeoutMs }) => createHttpTransport({ userAgent: userAgent(), timeoutMs }),
    systemClock
  )
}
