import { ConfigError } from './errors.js'
import { oneLine } from './untrusted.js'

/** Parsers of single raw input values: each returns the value or throws a ConfigError that says what to write. */

/**
 * Variables a token must never be exported into, by family: the runner's own, the dynamic
 * loader's, the shell's start-up and prompt hooks, the options runtimes read at start-up,
 * search paths, proxies and CA bundles. Exporting a token there would break the job, or let
 * its value change what later steps run.
 */
const RESERVED_ENV_FAMILIES: { what: string; test: (upper: string) => boolean }[] = [
  {
    what: 'GITHUB_*, RUNNER_* and ACTIONS_* (the runner)',
    test: (n) => /^(GITHUB|RUNNER|ACTIONS)_/.test(n)
  },
  { what: 'LD_* and DYLD_* (the dynamic loader)', test: (n) => /^(LD|DYLD)_/.test(n) },
  {
    what: 'shell hooks (BASH_ENV, ENV, PROMPT_COMMAND, IFS, PS1-PS4, BASH_FUNC_*, SHELLOPTS...)',
    test: (n) =>
      /^(BASH_ENV|ENV|ZDOTDIR|PROMPT_COMMAND|IFS|PS[0-4]|SHELLOPTS|BASHOPTS|CDPATH|GLOBIGNORE|HISTFILE|INPUTRC|BASH_FUNC_.*|BASH_XTRACEFD|SHELL|HOME|USER|TERM|TMPDIR|TZ)$/.test(
        n
      )
  },
  {
    what: 'start-up settings of runtimes and tools (NODE_*, *_OPTIONS, *_OPTS, PYTHON*, GIT_*...)',
    test: (n) =>
      /(^|_)(OPTIONS|OPTS)$/.test(n) ||
      /^(NODE_|PYTHON|PERL5|PERLLIB|RUBY|GIT_|NPM_CONFIG_|GEM_|BUNDLE_|PIP_|CARGO_|RUSTC|RUSTFLAGS|GO(FLAGS|PROXY|ROOT|TOOLCHAIN|ENV)$)/.test(
        n
      ) ||
      /ASKPASS$/.test(n) ||
      /^(EDITOR|VISUAL|PAGER|BROWSER)$/.test(n)
  },
  {
    what: 'search paths (PATH, *PATH, *_HOME)',
    test: (n) => /PATH$/.test(n) || /_HOME$/.test(n)
  },
  {
    what: 'proxies and CA bundles (HTTPS_PROXY, NO_PROXY, *_CA_CERTS, *_CA_BUNDLE, SSL_*...)',
    test: (n) =>
      /(^|_)PROXY$/.test(n) || /_CA_(CERTS?|BUNDLE|FILE)$/.test(n) || /^(SSL|TLS|CURL)_/.test(n)
  },
  { what: 'CI', test: (n) => n === 'CI' }
]

export function validateEnvName(input: string, value: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(value)) {
    throw new ConfigError(
      `${input} "${oneLine(value)}" is not a valid environment variable name: use letters, digits ` +
        'and underscores, not starting with a digit (e.g. IBMCLOUD_IAM_TOKEN).'
    )
  }
  const family = RESERVED_ENV_FAMILIES.find((f) => f.test(value.toUpperCase()))
  if (family) {
    throw new ConfigError(
      `${input} "${oneLine(value)}" is reserved: ${family.what} belong to the runner, the shell or a ` +
        'runtime, and a token there would break later steps. Choose another name (e.g. IBMCLOUD_IAM_TOKEN).'
    )
  }
  return value
}

/** IBM Cloud API keys are 44 characters; nothing shorter than this can be one. */
const MIN_APIKEY_LENGTH = 20
const MAX_APIKEY_LENGTH = 512

/**
 * The (trimmed) `apikey` input, refused before any request when it cannot be an IBM Cloud API
 * key. The message never quotes the value: only its length and what is wrong with it.
 */
export function validateApiKey(value: string): string {
  if (value === '') return value
  const problem =
    value.length < MIN_APIKEY_LENGTH
      ? `is only ${value.length} characters long`
      : value.length > MAX_APIKEY_LENGTH
        ? `is ${value.length} characters long`
        : // eslint-disable-next-line no-control-regex -- control characters are what is refused
          /[\u0000-\u001f\u007f-\u009f\s]/.test(value)
          ? 'contains a space, a line break or another control character'
          : undefined
  if (!problem) return value
  throw new ConfigError(
    `The \`apikey\` input cannot be an IBM Cloud API key: it ${problem} (IBM Cloud API keys are ` +
      "44 characters of letters, digits, '-' and '_'). Check that the secret holds the key " +
      'itself, as `ibmcloud iam api-key-create` or the console printed it, and nothing else.'
  )
}

/** YAML 1.2 booleans, as @actions/core reads them. */
export function parseBoolean(input: string, value: string, fallback: boolean): boolean {
  if (value === '') return fallback
  if (['true', 'True', 'TRUE'].includes(value)) return true
  if (['false', 'False', 'FALSE'].includes(value)) return false
  throw new ConfigError(`${input} must be true or false (got "${oneLine(value)}").`)
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
      `${input} must be a whole number from ${min} to ${max} (got "${oneLine(value)}").`
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
  throw new ConfigError(`${input} must be one of ${choices.join(', ')} (got "${oneLine(value)}").`)
}
