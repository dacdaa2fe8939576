import { dirname, join } from 'node:path'
import type { Config } from '../config.js'
import { ActionError } from '../errors.js'
import type { IamToken } from '../iam/token.js'
import type { Files } from '../runner/files.js'
import type { NodeScript, Runner } from '../runner/runner.js'
import { writeCache } from '../token-command/cache.js'
import { COMMAND } from '../token-command/install.js'
import { renewableCredential } from '../token-command/renewal.js'
import { posixShim, windowsShim } from '../token-command/shims.js'
import { addCredHelpers, dockerConfigPath, type DockerConfigRecord } from './docker-config.js'
import { HELPER, type HelperConfig } from './helper.js'

/** GITHUB_STATE name of the record the post step restores the Docker config from. */
export const REGISTRY_STATE = 'docker-config-record'

export interface RegistryPlace {
  /** The folder `ibmcloud-iam-token` was installed in, when it was. */
  commandDir?: string
  script?: NodeScript
  runnerTemp?: string
  files: Files
  env: Record<string, string | undefined>
}

/**
 * The Docker config the main step will change: the job's (`$DOCKER_CONFIG` or `~/.docker`),
 * or with export-env: false none outside RUNNER_TEMP (undefined: a private one is made later).
 */
export function jobDockerConfig(config: Config, env: Record<string, string | undefined>) {
  return config.exportEnv ? dockerConfigPath(env) : undefined
}

/**
 * Installs `docker-credential-ibmcloud` beside `ibmcloud-iam-token` (or in a folder of its
 * own under RUNNER_TEMP when the token command is not installed), sharing its token cache and
 * renewal, and names it in the Docker config for each host. Sets the outputs `registries` and
 * `docker-config`; returns the record the post step restores from (undefined for a private config).
 */
export function setUpRegistries(
  runner: Runner,
  config: Config,
  token: IamToken,
  place: RegistryPlace
): DockerConfigRecord | undefined {
  const { script: host, runnerTemp, files } = place
  if (!host || !runnerTemp) {
    throw new ActionError(
      `registries needs RUNNER_TEMP and the bundled ${HELPER} (this runner gives ` +
        `${runnerTemp ? 'no path to the bundle' : 'no RUNNER_TEMP'}): nothing was configured.`
    )
  }
  let dir = place.commandDir
  let helper: HelperConfig
  if (dir) {
    helper = {
      version: 1,
      hosts: config.registries,
      cache: join(dir, 'token.json'),
      renew: { node: host.node, script: host.script, config: join(dir, 'config.json') }
    }
  } else {
    // mkdtemp: mode 0700, a name nobody knew before (as for the token command).
    dir = files.makeTempDir(join(runnerTemp, `${HELPER}-`))
    const renewal = renewableCredential(config)
    const why =
      'why' in renewal ? renewal.why : `token-command is false, and ${HELPER} renews through it`
    helper = { version: 1, hosts: config.registries, cache: join(dir, 'token.json'), why }
    writeCache(files, helper.cache, {
      accessToken: token.accessToken,
      expiration: token.expiration
    })
    runner.addPath(dir)
  }
  const helperConfig = join(dir, `${HELPER}.json`)
  files.writeFile(helperConfig, `${JSON.stringify(helper, null, 2)}\n`, 0o600)
  const launch = {
    node: host.node,
    // dist/credential-helper/index.js, beside dist/token-command/: its own small bundle.
    script: join(dirname(host.script), '..', 'credential-helper', 'index.js'),
    config: helperConfig,
    what: `${HELPER}: Docker credential helper serving IBM Cloud IAM tokens as iambearer.`
  }
  files.writeFile(join(dir, HELPER), posixShim(launch))
  files.chmod(join(dir, HELPER), 0o700)
  files.writeFile(join(dir, `${HELPER}.cmd`), windowsShim(launch), 0o700)

  const file = jobDockerConfig(config, place.env) ?? join(dir, 'docker', 'config.json')
  const record = addCredHelpers(files, file, config.registries, (message) => runner.info(message))
  runner.setOutput('registries', config.registries.join(' '))
  runner.setOutput('docker-config', file)
  runner.info(
    `${file} sends ${config.registries.join(', ')} to ${HELPER} (user iambearer, the IAM token ` +
      (helper.renew
        ? `renewed through ${COMMAND}, valid at least 5 more minutes).`
        : `of this step until it expires: ${helper.why}).`) +
      (config.exportEnv
        ? ''
        : ` export-env is false: this config is private; point DOCKER_CONFIG at ${dirname(file)} (or --authfile at the file) where you want it.`)
  )
  return config.exportEnv ? record : undefined
}
