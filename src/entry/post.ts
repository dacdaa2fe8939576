// The file ncc bundles as dist/post: it only runs the post step.
import { run } from '../post.js'

await run()
process.exit()
