// The file ncc bundles as dist/token-command: `ibmcloud-iam-token`, run by its launchers.
import { commandDeps } from '../token-command/deps.js'
import { runTokenCommand } from '../token-command/run.js'
import { exitWhenFlushed } from './exit.js'

process.exitCode = await runTokenCommand(process.argv.slice(2), commandDeps())
await exitWhenFlushed()
