// The file ncc bundles as dist/main: it only runs the main step.
import { run } from '../main.js'
import { exitWhenFlushed } from './exit.js'

await run()
// A server that never answers can hold a socket open after the deadline: do not wait for it.
await exitWhenFlushed()
