import { join } from 'node:path'
import type { Credential, ProfileRef } from '../credentials/credential.js'
import { DEFAULT_METADATA_ENDPOINT } from '../credentials/metadata-endpoint.js'
import { ActionError } from '../errors.js'
import { PUBLIC_ENDPOINT } from '../iam/endpoints.js'
import type { Files } from '../runner/files.js'
import { oneLine } from '../untrusted.js'
import { servicePrefix, unportable } from './sdk-services.js'

/**
 * The credentials file IBM's SDK cores read when `IBM_CREDENTIALS_FILE` names it: one set of
 * `<SERVICE>_<PROPERTY>=<value>` lines per service. The properties and their meaning are those
 * of ibm-cloud-sdk-core's `getAuthenticatorFromEnvironment` (Node) and go-sdk-core's
 * authenticator factory: AUTH_TYPE picks the authenticator, AUTH_URL is its `url` (IAM's base
 * URL; for `vpc` the metadata service's).
 */

export const CREDENTIALS_FILE = 'ibm-credentials.env'

/** The file operations the hand-off uses (runner/files.ts backs them with node:fs). */
export type HandoffFiles = Pick<
  Files,
  'readFile' | 'makeTempDir' | 'createFile' | 'isFolder' | 'isRegularFile' | 'unlink' | 'rmdir'
>
export const FOLDER_PREFIX = 'ibm-credentials-'

/** What the file says for every service, and whether it is only this run's token. */
export interface SdkEntries {
  properties: Record<string, string>
  /** true: a bearer token the SDKs cannot renew (a long-lived key is never written). */
  bearerOnly: boolean
}

export interface Handed {
  credential: Credential
  /** IAM's base URL this run used. */
  endpoint: string
  accessToken: string
  /** The ephemeral key's value, when one was created. */
  ephemeralKey?: string
}

/** The properties for the credential this run used. */
export function sdkEntries(h: Handed): SdkEntries {
  const authUrl: Record<string, string> =
    h.endpoint === PUBLIC_ENDPOINT ? {} : { AUTH_URL: h.endpoint }
  const c = h.credential
  if (h.ephemeralKey) {
    const properties = { AUTH_TYPE: 'iam', APIKEY: h.ephemeralKey, ...authUrl }
    return { properties, bearerOnly: false }
  }
  if (c.kind === 'cr-token-file') {
    // ContainerAuthenticator names the profile by id or name only (sdkProblems refused a CRN),
    // and sends profile_name without an account: no IAM_ACCOUNT_ID, which it would not read.
    const properties = {
      AUTH_TYPE: 'container',
      CR_TOKEN_FILENAME: c.path,
      ...profileEntry(c.profile),
      ...authUrl
    }
    return { properties, bearerOnly: false }
  }
  if (c.kind === 'vpc-metadata') {
    // VpcInstanceAuthenticator: AUTH_URL is the metadata service (which picks IAM itself).
    const url: Record<string, string> =
      c.endpoint === DEFAULT_METADATA_ENDPOINT ? {} : { AUTH_URL: c.endpoint }
    const properties = { AUTH_TYPE: 'vpc', ...profileEntry(c.profile), ...url }
    return { properties, bearerOnly: false }
  }
  // A long-lived API key (with or without a profile to assume) is never written to disk.
  const properties = { AUTH_TYPE: 'bearerToken', BEARER_TOKEN: h.accessToken }
  return { properties, bearerOnly: true }
}

function profileEntry(profile: ProfileRef | undefined): Record<string, string> {
  if (!profile) return {}
  if ('id' in profile) return { IAM_PROFILE_ID: profile.id }
  if ('crn' in profile) return { IAM_PROFILE_CRN: profile.crn }
  return { IAM_PROFILE_NAME: profile.name }
}

/** The file's text: a header comment, then one block per service. */
export function renderCredentialsFile(services: string[], properties: Record<string, string>) {
  const lines = [
    '# Written by the ibmcloud-iam-token action for this job; deleted by its post step.',
    '# Read by IBM SDKs through IBM_CREDENTIALS_FILE. For these services the SDKs read',
    '# nothing else: <SERVICE>_* environment variables are ignored.'
  ]
  for (const service of services) {
    lines.push('')
    for (const [name, value] of Object.entries(properties)) {
      const why = unportable(value)
      // Checked with the inputs already; a value from IAM (the key, a token) is checked here.
      if (why) throw new ActionError(`The ${name} entry would contain ${why}: nothing written.`)
      lines.push(`${servicePrefix(service)}${name}=${value}`)
    }
  }
  return `${lines.join('\n')}\n`
}

/**
 * RUNNER_TEMP must be a folder this step may write: checked before any request, so that a
 * runner without one fails the step with nothing done.
 */
export function checkRunnerTemp(runnerTemp: string | undefined, files: HandoffFiles): string {
  if (!runnerTemp) {
    throw new ActionError(
      'sdk-services needs RUNNER_TEMP (the folder the runner empties after the job) to hold ' +
        'ibm-credentials.env, and it is not set. Run on a GitHub Actions runner, or remove ' +
        'sdk-services.'
    )
  }
  const shown = oneLine(runnerTemp)
  try {
    const folder = files.isFolder(runnerTemp)
    if (folder !== true) {
      throw Object.assign(new Error(), { code: folder === false ? 'ENOTDIR' : 'ENOENT' })
    }
    // Tried, not asked: access(W_OK) says yes to root on a folder nobody can write in, and knows
    // nothing of a path that would grow too long. The probe is what writeCredentialsFile does.
    const probe = files.makeTempDir(join(runnerTemp, FOLDER_PREFIX))
    try {
      files.createFile(join(probe, CREDENTIALS_FILE), '', 0o600)
      files.unlink(join(probe, CREDENTIALS_FILE))
    } finally {
      files.rmdir(probe)
    }
  } catch (err) {
    const code = (err as { code?: unknown }).code
    throw new ActionError(
      `sdk-services: RUNNER_TEMP ${shown} ` +
        (code === 'ENOENT'
          ? 'does not exist'
          : code === 'ENOTDIR'
            ? 'is not a folder'
            : `is not writable (${typeof code === 'string' ? code : 'error'})`) +
        ', so ibm-credentials.env cannot be written there. Nothing was exported. Check the ' +
        "runner's work folder, or remove sdk-services."
    )
  }
  return runnerTemp
}

/**
 * Writes the file into a fresh private folder under RUNNER_TEMP (mkdtemp: mode 0700, a name
 * nobody knew before), the file itself 0600. Returns its path.
 */
export function writeCredentialsFile(
  runnerTemp: string,
  text: string,
  files: HandoffFiles
): string {
  try {
    const dir = files.makeTempDir(join(runnerTemp, FOLDER_PREFIX))
    const path = join(dir, CREDENTIALS_FILE)
    files.createFile(path, text, 0o600)
    return path
  } catch (err) {
    const code = (err as { code?: unknown }).code
    throw new ActionError(
      `sdk-services: ${CREDENTIALS_FILE} could not be written under RUNNER_TEMP ` +
        `${oneLine(runnerTemp)} (${typeof code === 'string' ? code : 'error'}). Nothing was exported.`
    )
  }
}
