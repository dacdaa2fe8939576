import type { Credential } from '../credentials/credential.js'
import { ConfigError } from '../errors.js'
import { oneLine } from '../untrusted.js'

/**
 * The `sdk-services` input: IBM SDK service names (the configuration prefixes the SDKs read,
 * e.g. `iam_identity`, `resource_controller`), parsed and checked before any request.
 */

const SERVICE_NAME = /^[a-z][a-z0-9_-]*$/

/**
 * The names, in order, without repeats. A name and its hyphenated spelling (`secrets-manager`,
 * `secrets_manager`) are one service for the SDKs (the prefix upper-cases and turns `-` into
 * `_`), so the second is dropped.
 */
export function parseSdkServices(value: string): string[] {
  const names = value.split(/[\s,]+/).filter(Boolean)
  const bad = names.filter((name) => !SERVICE_NAME.test(name) || name.length > 64)
  if (bad.length > 0) {
    throw new ConfigError(
      `sdk-services: ${bad.map((n) => `"${oneLine(n.slice(0, 64))}"`).join(', ')} ` +
        `${bad.length === 1 ? 'is not an IBM SDK service name' : 'are not IBM SDK service names'}: ` +
        'lower-case letters, digits, _ and -, starting with a letter (the service name a client is ' +
        'built with, e.g. iam_identity, resource_controller, secrets_manager), separated by spaces, ' +
        'commas or new lines.'
    )
  }
  const seen = new Set<string>()
  return names.filter((name) => {
    const prefix = servicePrefix(name)
    if (seen.has(prefix)) return false
    seen.add(prefix)
    return true
  })
}

/** The prefix of a service's entries, as every IBM SDK core computes it. */
export function servicePrefix(service: string): string {
  return `${service.toUpperCase().replace(/-/g, '_')}_`
}

/**
 * A value the four SDK cores read back as written. Go's core takes the text after `=` and
 * trims it; Node's (dotenv) also ends an unquoted value at `#` and unquotes a value that starts
 * with a quote. So: no line break or control character, no `#`, no surrounding space, no
 * leading quote. Returns why not, or undefined.
 */
export function unportable(value: string): string | undefined {
  // eslint-disable-next-line no-control-regex -- control characters are what is refused
  if (/[\u0000-\u001f\u007f]/.test(value)) return 'a control character or line break'
  if (value.includes('#')) return 'a # (the SDKs read it as the start of a comment)'
  if (value !== value.trim()) return 'leading or trailing spaces (the SDKs trim them)'
  if (/^['"`]/.test(value)) return 'a leading quote (the Node SDK unquotes it)'
  if (value === '') return 'nothing'
  return undefined
}

/**
 * Problems with handing this credential to the SDKs, found before any request: a value the
 * file cannot carry, or a profile the SDK's authenticator cannot name.
 */
export function sdkProblems(credential: Credential, endpoint: string | undefined): string[] {
  const problems: string[] = []
  const check = (input: string, value: string | undefined) => {
    const why = value === undefined ? undefined : unportable(value)
    if (why) {
      problems.push(
        `${input} contains ${why}, which an ibm-credentials.env entry cannot carry: with ` +
          'sdk-services, use a value without it (or remove sdk-services).'
      )
    }
  }
  check('iam-endpoint', endpoint)
  if (credential.kind === 'cr-token-file') {
    check('cr-token-file', credential.path)
    if ('crn' in credential.profile) {
      problems.push(
        "sdk-services with cr-token-file needs profile-id or profile-name: IBM's " +
          'ContainerAuthenticator (AUTH_TYPE=container) names the profile by IAM_PROFILE_ID or ' +
          'IAM_PROFILE_NAME only, and has no entry for a CRN.'
      )
    }
  }
  if (credential.kind === 'vpc-metadata') check('vpc-metadata-endpoint', credential.endpoint)
  if (credential.kind === 'cr-token-file' || credential.kind === 'vpc-metadata') {
    const profile = credential.profile
    if (profile && 'name' in profile) check('profile-name', profile.name)
    if (profile && 'crn' in profile) check('profile-crn', profile.crn)
  }
  return problems
}
