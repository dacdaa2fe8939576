import type { MainDeps } from './authenticate.js'

/** The post step. It has nothing to clean yet: the token cannot be revoked (IAM has no endpoint for it). */
export async function runPost({ runner }: MainDeps): Promise<void> {
  runner.info('Nothing to clean up: IAM access tokens cannot be revoked and expire within an hour.')
}
