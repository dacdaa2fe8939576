import { runPost } from './cleanup.js'
import { actionDeps } from './core-runner.js'

await runPost(actionDeps())
process.exit()
