import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Config } from '../config.js'
import type { IamToken } from '../iam/token.js'
import { readNetworkRecord } from '../network-settings.js'
import type { Runner, TokenCommandHost } from '../runner/runner.js'
import { writeCache } from './cache.js'
import { renewableCredential, type RenewalConfig } from './renewal.js'
import { posixShim, windowsShim } from './shims.js'
import { oneLine } from '../untrusted.js'

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
  where: { host?: TokenCommandHost; runnerTemp?: string; network?: string }
): string | undefined {
  if (!config.tokenCommand) return undefined
  const renewal = renewableCredential(config)
  const skip = (why: string) => {
    runner.debug(`${COMMAND} is not installed: ${why}.`)
    return undefined
  }
  if ('why' in renewal) return skip(renewal.why)
  if (!where.host) return skip('this runner gives no path to the bundled command')
  if (!where.runnerTemp) return skip('RUNNER_TEMP is not set')
  // mkdtemp makes the folder with mode 0700 and a name nobody knew before: only the runner's user
  // can list it or create files in it, so plain writes suffice (no O_EXCL dance).
  const dir = mkdtempSync(join(where.runnerTemp, `${COMMAND}-`))
  const file: RenewalConfig = {
    version: 1,
    credential: renewal.credential,
    endpoint: config.endpoint,
    ...(config.accountId ? { accountId: config.accountId } : {}),
    timeoutMs: config.timeoutMs,
    maxAttempts: config.maxAttempts,
    cache: join(dir, 'token.json')
  }
  // What the command compares before it sends a credential: a later step may change them.
  const network = readNetworkRecord(where.network)
  if (network) file.network = network
  const configPath = join(dir, 'config.json')
  writeFileSync(configPath, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 })
  writeCache(file.cache, { accessToken: token.accessToken, expiration: token.expiration })
  const launch = { ...where.host, config: configPath }
  writeFileSync(join(dir, COMMAND), posixShim(launch))
  chmodSync(join(dir, COMMAND), 0o700) // executable whatever the umask
  writeFileSync(join(dir, `${COMMAND}.cmd`), windowsShim(launch), { mode: 0o700 })
  runner.addPath(dir)
  runner.info(
    `Later steps can run \`${COMMAND}\` for a token valid at least 5 more minutes, renewed ` +
      `${renewedFrom(renewal.credential)} (token-command: false turns this off).`
  )
  return dir
}

function renewedFrom(credential: RenewalConfig['credential']): string {
  // A path is outside text: a line break in it must not start a workflow command.
  if (credential.kind === 'cr-token-file')
    return `from ${oneLine(credential.path)}, re-read each time`
  if (credential.kind === 'vpc-metadata') return `from the VPC instance metadata service`
  return `with the ephemeral key in $${credential.envName}`
}
