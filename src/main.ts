import { runMain } from './authenticate.js'
import { coreRunner } from './core-runner.js'
import { createHttpTransport } from './http.js'
import { systemClock } from './runner.js'
import { userAgent } from './version.js'

await runMain({
  runner: coreRunner,
  clock: systemClock,
  env: process.env,
  createTransport: ({ timeoutMs }) => createHttpTransport({ userAgent: userAgent(), timeoutMs })
})
// A server that never answers can hold a socket open after the timeout: do not wait for it.
process.exit()
