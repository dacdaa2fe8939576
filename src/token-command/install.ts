import { join } from 'node:path'
import type { Config } from '../config.js'
import { describeRenewal } from '../credentials/sources.js'
import type { IamToken } from '../iam/token.js'
import type { Files } from '../runner/files.js'
import type { NodeScript, Runner } from '../runner/runner.js'
import { writeCache } from './cache.js'
import { renewableCredential, type RenewalConfig } from './renewal.js'
import { posixShim, windowsShim } from './shims.js'

export const COMMAND = 'ibmcloud-iam-token'

/**
 * Puts `ibmcloud-iam-token` on PATH for the later steps, when the credential can be renewed
 * without a stored secret: a private folder under RUNNER_TEMP (never the workspace) holding
 * the two launchers, the config (no secret in it) and the token cache (mode 0600), seeded with
 * this step's token. Returns the folder, or undefined when nothing was installed (and why is
 * logged).
 */
export function installTokenCommand(
  runner: Runner,
  config: Config,
  token: IamToken,
  where: { script?: NodeScript; runnerTemp?: string; files: Files }
): string | undefined {
  if (!config.tokenCommand) return undefined
  const renewal = renewableCredential(config)
  const skip = (why: string) => {
    runner.debug(`${COMMAND} is not installed: ${why}.`)
    return undefined
  }
  if ('why' in renewal) return skip(renewal.why)
  if (!where.script) return skip('this runner gives no path to the bundled command')
  if (!where.runnerTemp) return skip('RUNNER_TEMP is not set')
  // mkdtemp makes the folder with mode 0700 and a name nobody knew before: only the runner's user
  // can list it or create files in it, so plain writes suffice (no O_EXCL dance).
  const { files } = where
  const dir = files.makeTempDir(join(where.runnerTemp, `${COMMAND}-`))
  const file: RenewalConfig = {
    version: 1,
    credential: renewal.credential,
    endpoint: config.endpoint,
    ...(config.accountId ? { accountId: config.accountId } : {}),
    timeoutMs: config.timeoutMs,
    maxAttempts: config.maxAttempts,
    cache: join(dir, 'token.json')
  }
  const configPath = join(dir, 'config.json')
  files.writeFile(configPath, `${JSON.stringify(file, null, 2)}\n`, 0o600)
  writeCache(files, file.cache, { accessToken: token.accessToken, expiration: token.expiration })
  const launch = { ...where.script, config: configPath }
  files.writeFile(join(dir, COMMAND), posixShim(launch))
  files.chmod(join(dir, COMMAND), 0o700) // executable whatever the umask
  files.writeFile(join(dir, `${COMMAND}.cmd`), windowsShim(launch), 0o700)
  runner.addPath(dir)
  runner.info(
    `Later steps can run \`${COMMAND}\` for a token valid at least 5 more minutes, renewed ` +
      `${describeRenewal(renewal.credential)} (token-command: false turns this off).`
  )
  return dir
}
