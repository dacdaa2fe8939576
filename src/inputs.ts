import { ConfigError } from './errors.js'

/** Parsers of single raw input values: each returns the value or throws a ConfigError that says what to write. */

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

export function printable(value: string): string {
  return JSON.stringify(value).slice(1, -1)
}

/** YAML 1.2 booleans, as @actions/core reads them. */
export function parseBoolean(input: string, value: string, fallback: boolean): boolean {
  if (value === '') return fallback
  if (['true', 'True', 'TRUE'].includes(value)) return true
  if (['false', 'False', 'FALSE'].includes(value)) return false
  throw new ConfigError(`${input} must be true or false (got "${printable(value)}").`)
}

export function parseInteger(
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

export function parseChoice<T extends string>(
  input: string,
  value: string,
  choices: readonly T[]
): T {
  if (value === '') return choices[0]!
  if ((choices as readonly string[]).includes(value)) return value as T
  throw new ConfigError(
    `${input} must be one of ${choices.join(', ')} (got "${printable(value)}").`
  )
}
