import { isAbsolute, resolve } from 'node:path'
import type { Config } from '../config.js'
import type { Credential } from '../credentials/credential.js'
import type { IamToken } from '../iam/token.js'
import type { Runner } from '../runner/runner.js'
import { oneLine } from '../untrusted.js'
import { cliEnv } from './cli-env.js'
import {
  type HandoffFiles,
  checkRunnerTemp,
  renderCredentialsFile,
  sdkEntries,
  writeCredentialsFile
} from './sdk-credentials.js'

/** The state name under which the main step tells the post step which file to delete. */
export const SDK_FILE_STATE = 'sdk-credentials-file'

/** What the main step hands to IBM's own tools: the SDK credentials file and the CLI's env. */
export interface Handoff {
  /** The credentials file, when sdk-services names any service. */
  file?: {
    path: string
    services: string[]
    authType: string
    bearerOnly: boolean
    /** The job's own IBM_CREDENTIALS_FILE that exporting this one replaces. */
    replaces?: string
  }
  cli: Record<string, string>
}

/**
 * Before any request: with sdk-services, RUNNER_TEMP must be a writable folder. Throws an
 * ActionError saying what is wrong.
 */
export function checkHandoff(
  config: Config,
  runnerTemp: string | undefined,
  files: HandoffFiles
): void {
  if (config.sdkServices.length > 0) checkRunnerTemp(runnerTemp, files)
}

/**
 * Writes the credentials file (before anything is published: a failure leaves nothing
 * exported) and works out the CLI's variables. Token file paths are made absolute, since later
 * steps may run in another folder.
 */
export function prepareHandoff(
  runner: Runner,
  config: Config,
  token: IamToken,
  ephemeralKey: string | undefined,
  where: {
    runnerTemp?: string
    cwd: string
    files: HandoffFiles
    /** IBM_CREDENTIALS_FILE as this step found it (a file of the job's own). */
    previous?: string
  }
): Handoff {
  const credential = absolute(config.credential, where.cwd)
  const cli = config.exportEnv ? cliEnv(credential) : {}
  if (config.sdkServices.length === 0) return { cli }
  if (credential.kind === 'cr-token-file') {
    warnIfUntrimmed(runner, credential.path, where.files.readFile)
  }
  const entries = sdkEntries({
    credential,
    endpoint: config.endpoint,
    accessToken: token.accessToken,
    ...(ephemeralKey ? { ephemeralKey } : {})
  })
  const text = renderCredentialsFile(config.sdkServices, entries.properties)
  const runnerTemp = checkRunnerTemp(where.runnerTemp, where.files)
  const path = writeCredentialsFile(runnerTemp, text, where.files)
  runner.saveState(SDK_FILE_STATE, path)
  const services = config.sdkServices
  const authType = entries.properties.AUTH_TYPE ?? ''
  const replaces = where.previous && config.exportEnv ? { replaces: where.previous } : {}
  return { file: { path, services, authType, bearerOnly: entries.bearerOnly, ...replaces }, cli }
}

/** Exports what prepareHandoff made and says what each tool now finds. */
export function publishHandoff(
  runner: Runner,
  config: Config,
  token: IamToken,
  handoff: Handoff
): void {
  const { file, cli } = handoff
  if (file) {
    runner.setOutput('sdk-credentials-file', file.path)
    if (config.exportEnv) runner.exportVariable('IBM_CREDENTIALS_FILE', file.path)
    runner.info(
      `Wrote ${oneLine(file.path)} (mode 0600, deleted by the post step) for IBM SDK service(s) ` +
        `${file.services.join(', ')}: AUTH_TYPE=${file.authType}` +
        (config.exportEnv ? ', exported as $IBM_CREDENTIALS_FILE.' : ' (output only).') +
        ' For these services the SDKs ignore <SERVICE>_* environment variables; pass ' +
        'serviceUrl to newInstance() (or call setServiceUrl()) for a non-default service URL.'
    )
    if (file.replaces) {
      runner.warning(
        `IBM_CREDENTIALS_FILE was ${oneLine(file.replaces)}; later steps now get this action's ` +
          'file instead, so IBM SDKs no longer read that one, for any service. Services not in ' +
          'sdk-services fall back to their <SERVICE>_* environment variables.'
      )
    }
    if (file.bearerOnly) {
      runner.notice(
        `sdk-services: the SDKs get this run's IAM token (AUTH_TYPE=bearerToken), which expires ` +
          `at ${new Date(token.expiration * 1000).toISOString()} (at most an hour) and which they ` +
          'cannot renew: an API key is never written to disk. For longer jobs use ephemeral-key: ' +
          'true (the file then holds that short-lived key, which the SDKs renew tokens with), or a ' +
          'keyless source (cr-token-file, vpc-metadata).'
      )
    }
  }
  for (const [name, value] of Object.entries(cli)) runner.exportVariable(name, value)
  const names = Object.keys(cli)
  if (names.length > 0) {
    runner.info(
      `Exported ${names.map((n) => `$${n}`).join(', ')} for a keyless \`ibmcloud login\`` +
        (config.credential.kind === 'vpc-metadata' ? ' --vpc-cri.' : '.')
    )
  }
}

function absolute(credential: Credential, cwd: string): Credential {
  if (credential.kind !== 'cr-token-file' || isAbsolute(credential.path)) return credential
  return { ...credential, path: resolve(cwd, credential.path) }
}

/**
 * This action trims the token file; IBM's SDK cores do not (ibm-cloud-sdk-core
 * `readCrTokenFile`, go-sdk-core's ContainerAuthenticator), so the token they send would carry
 * the whitespace. Kubernetes writes projected tokens without it.
 */
function warnIfUntrimmed(runner: Runner, path: string, readFile: (path: string) => string): void {
  let content: string
  try {
    content = readFile(path)
  } catch {
    return // read a moment ago for the token; a file that vanished since is the SDK's to report
  }
  if (content !== content.trim()) {
    runner.warning(
      `cr-token-file ${oneLine(path)} has spaces or a line break around the token. This action trims ` +
        "them, but IBM's SDKs send the file as it is, and IAM refuses such a token: write the " +
        'file without them (Kubernetes projected tokens have none).'
    )
  }
}
