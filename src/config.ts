import { ConfigError } from './errors.js'
import { resolveEndpoint } from './endpoints.js'

/** Everything the action was asked to do, parsed and validated once from its inputs. */
export interface Config {
  /** Trimmed; '' when the input is empty (fork pull requests, Dependabot). */
  apikey: string
  endpoint: string
  accountId?: string
  envName: string
  exportEnv: boolean
  maxAttempts: number
  timeoutMs: number
  onMissingApikey: 'fail' | 'skip'
  ephemeral: EphemeralConfig
}

export interface EphemeralConfig {
  enabled: boolean
  ttlMinutes: number
  envName: string
  revoke: boolean
  sweepStale: boolean
}

/** Reads one raw input ('' when unset). */
export type InputReader = (name: string) => string

/** Names the runner or the shell depend on: exporting a token into them would break the job. */
const RESERVED_ENV_NAMES = new Set([
  'PATH',
  'HOME',
  'SHELL',
  'BASH_ENV',
  'ENV',
  'NODE_OPTIONS',
  'NODE_EXTRA_CA_CERTS',
  'LD_PRELOAD',
  'LD_LIBRARY_PATH',
  'HTTPS_PROXY',
  'HTTP_PROXY',
  'NO_PROXY',
  'CI'
])

export function validateEnvName(input: string, value: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(value)) {
    throw new ConfigError(
      `${input} "${printable(value)}" is not a valid environment variable name: use letters, digits ` +
        'and underscores, not starting with a digit (e.g. IBMCLOUD_IAM_TOKEN).'
    )
  }
  const upper = value.toUpperCase()
  if (upper.startsWith('GITHUB_') || upper.startsWith('RUNNER_') || RESERVED_ENV_NAMES.has(upper)) {
    throw new ConfigError(
      `${input} "${value}" is reserved: GITHUB_*, RUNNER_* and variables such as PATH or ` +
        'NODE_OPTIONS belong to the runner. Choose another name (e.g. IBMCLOUD_IAM_TOKEN).'
    )
  }
  return value
}

function printable(value: string): string {
  return JSON.stringify(value).slice(1, -1)
}

/** YAML 1.2 booleans, as @actions/core reads them. */
function parseBoolean(input: string, value: string, fallback: boolean): boolean {
  if (value === '') return fallback
  if (['true', 'True', 'TRUE'].includes(value)) return true
  if (['false', 'False', 'FALSE'].includes(value)) return false
  throw new ConfigError(`${input} must be true or false (got "${printable(value)}").`)
}

function parseInteger(
  input: string,
  value: string,
  fallback: number,
  min: number,
  max: number
): number {
  if (value === '') return fallback
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new ConfigError(
      `${input} must be a whole number from ${min} to ${max} (got "${printable(value)}").`
    )
  }
  return Number(value)
}

function parseChoice<T extends string>(input: string, value: string, choices: readonly T[]): T {
  if (value === '') return choices[0]!
  if ((choices as readonly string[]).includes(value)) return value as T
  throw new ConfigError(
    `${input} must be one of ${choices.join(', ')} (got "${printable(value)}").`
  )
}

/**
 * Parses all inputs. Every problem is collected, so that one run reports all of them; the
 * API key's value never appears in a message.
 */
export function parseConfig(read: InputReader): Config {
  const get = (name: string) => read(name).trim()
  const problems: string[] = []
  const attempt = <T>(fn: () => T, fallback: T): T => {
    try {
      return fn()
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err
      problems.push(err.message)
      return fallback
    }
  }

  const accountId = get('account-id')
  if (accountId && !/^[A-Za-z0-9]{1,64}$/.test(accountId)) {
    problems.push(
      'account-id must be an IBM Cloud account id (32 letters and digits; `ibmcloud account show` prints it), ' +
        `got "${printable(accountId)}".`
    )
  }
  const ephemeralEnabled = attempt(
    () => parseBoolean('ephemeral-key', get('ephemeral-key'), false),
    false
  )
  const config: Config = {
    apikey: get('apikey'),
    endpoint: attempt(
      () =>
        resolveEndpoint({
          iamEndpoint: get('iam-endpoint'),
          region: get('region'),
          private: parseBoolean('private', get('private'), false)
        }),
      ''
    ),
    ...(accountId ? { accountId } : {}),
    envName: attempt(
      () => validateEnvName('env-name', get('env-name') || 'IBMCLOUD_IAM_TOKEN'),
      ''
    ),
    exportEnv: attempt(() => parseBoolean('export-env', get('export-env'), true), true),
    maxAttempts: attempt(() => parseInteger('max-attempts', get('max-attempts'), 5, 1, 10), 5),
    timeoutMs:
      attempt(() => parseInteger('timeout-seconds', get('timeout-seconds'), 30, 1, 300), 30) * 1000,
    onMissingApikey: attempt(
      () => parseChoice('on-missing-apikey', get('on-missing-apikey'), ['fail', 'skip'] as const),
      'fail'
    ),
    ephemeral: {
      enabled: ephemeralEnabled,
      ttlMinutes: attempt(
        () => parseInteger('ephemeral-key-ttl', get('ephemeral-key-ttl'), 360, 5, 1440),
        360
      ),
      envName: attempt(
        () => validateEnvName('ephemeral-key-env', get('ephemeral-key-env') || 'IBMCLOUD_API_KEY'),
        ''
      ),
      revoke: attempt(() => parseBoolean('revoke', get('revoke'), true), true),
      sweepStale: attempt(
        () => parseBoolean('sweep-stale-keys', get('sweep-stale-keys'), false),
        false
      )
    }
  }
  if (config.ephemeral.enabled && config.exportEnv && config.envName === config.ephemeral.envName) {
    problems.push(
      `env-name and ephemeral-key-env are both ${config.envName}: give them different names.`
    )
  }
  if (problems.length === 1) throw new ConfigError(problems[0])
  if (problems.length > 1) {
    throw new ConfigError(`${problems.length} inputs are wrong:\n- ${problems.join('\n- ')}`)
  }
  return config
}
