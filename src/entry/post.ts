// The file ncc bundles as dist/post: it only runs the post step.
import { run } from '../post.js'
import { exitWhenFlushed } from './exit.js'

await run()
await exitWhenFlushed()
