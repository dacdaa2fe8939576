import type { Clock } from '../clock.js'
import { systemClock } from '../clock.js'
import { createHttpTransport } from '../iam/http.js'
import { nodeFiles } from '../runner/files.js'
import { userAgent } from '../version.js'
import type { CommandIo } from './run.js'

/** What `ibmcloud-iam-token` runs with: this process, the system clock, the shipped transport. */
export function commandDeps(): CommandIo {
  return processIo(
    ({ timeoutMs }) => createHttpTransport({ userAgent: userAgent(), timeoutMs }),
    systemClock
  )
}

/** The real process: its env, the file system, stdout and stderr (the command's adapter). */
export function processIo(createTransport: CommandIo['createTransport'], clock: Clock): CommandIo {
  return {
    env: process.env,
    clock,
    createTransport,
    files: nodeFiles,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text)
  }
}
