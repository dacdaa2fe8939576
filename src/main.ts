import { runMain } from './authenticate.js'
import { actionDeps } from './core-runner.js'

await runMain(actionDeps())
// A server that never answers can hold a socket open after the timeout: do not wait for it.
process.exit()
