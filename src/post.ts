import { runPost } from './cleanup.js'
import { coreRunner } from './core-runner.js'
import { createHttpTransport } from './http.js'
import { systemClock } from './runner.js'
import { userAgent } from './version.js'

await runPost({
  runner: coreRunner,
  clock: systemClock,
  env: process.env,
  createTransport: ({ timeoutMs }) => createHttpTransport({ userAgent: userAgent(), timeoutMs })
})
process.exit()
