import type { Credential } from './credentials/credential.js'
import { parseCredential } from './credentials/parse.js'
import { ConfigError } from './errors.js'
import { resolveEndpoint } from './iam/endpoints.js'
import {
  parseBoolean,
  parseChoice,
  parseInteger,
  validateApiKey,
  validateEnvName
} from './inputs.js'
import { oneLine } from './untrusted.js'

/** Everything the action was asked to do, parsed and validated once from its inputs. */
export interface Config {
  /**
   * What proves who the action is: exactly one source, or none (see on-missing-apikey). The
   * API key lives here only (credential.ts `apiKeyOf`).
   */
  credential: Credential
  endpoint: string
  accountId?: string
  envName: string
  exportEnv: boolean
  maxAttempts: number
  timeoutMs: number
  onMissingApikey: 'fail' | 'skip'
  ephemeral: EphemeralConfig
  /** Install `ibmcloud-iam-token` when the credential can be renewed without a stored secret. */
  tokenCommand: boolean
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
/**
 * Parses all inputs. Every problem is collected, so that one run reports all of them; the
 * API key's value never appears in a message.
 */
export function parseConfig(read: InputReader, io: { readFile: (path: string) => string }): Config {
  const get = (name: string) => read(name).trim()
  const problems: string[] = []
  /**
   * The parsed value, or, once the problem is recorded, undefined: no Config is returned after
   * a problem, so only values read while parsing others need a fallback (`?? …` below).
   */
  const attempt = <T>(fn: () => T): T => {
    try {
      return fn()
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err
      problems.push(err.message)
      return undefined as T
    }
  }

  const accountId = get('account-id')
  if (accountId && !/^[A-Za-z0-9]{1,64}$/.test(accountId)) {
    problems.push(
      'account-id must be an IBM Cloud account id: letters and digits only (IBM account ids are 32 ' +
        'hex characters; `ibmcloud account show` prints it), ' +
        `got "${oneLine(accountId)}".`
    )
  }
  // Read by parseCredential: an unreadable ephemeral-key counts as false and a refused apikey as
  // none, so that they add no problem of their own there.
  const ephemeralEnabled =
    attempt(() => parseBoolean('ephemeral-key', get('ephemeral-key'), false)) ?? false
  const apikey = attempt(() => validateApiKey(get('apikey'))) ?? ''
  const config: Config = {
    credential: parseCredential(
      { get, apikey, accountId, ephemeralKey: ephemeralEnabled, readFile: io.readFile },
      problems
    ),
    endpoint: attempt(() =>
      resolveEndpoint({
        iamEndpoint: get('iam-endpoint'),
        region: get('region'),
        private: parseBoolean('private', get('private'), false)
      })
    ),
    ...(accountId ? { accountId } : {}),
    envName: attempt(() => validateEnvName('env-name', get('env-name') || 'IBMCLOUD_IAM_TOKEN')),
    exportEnv: attempt(() => parseBoolean('export-env', get('export-env'), true)),
    maxAttempts: attempt(() => parseInteger('max-attempts', get('max-attempts'), 5, 1, 10)),
    timeoutMs:
      attempt(() => parseInteger('timeout-seconds', get('timeout-seconds'), 30, 1, 300)) * 1000,
    onMissingApikey: attempt(() =>
      parseChoice('on-missing-apikey', get('on-missing-apikey'), ['fail', 'skip'] as const)
    ),
    ephemeral: {
      enabled: ephemeralEnabled,
      ttlMinutes: attempt(() =>
        parseInteger('ephemeral-key-ttl', get('ephemeral-key-ttl'), 360, 5, 1440)
      ),
      envName: attempt(() =>
        validateEnvName('ephemeral-key-env', get('ephemeral-key-env') || 'IBMCLOUD_API_KEY')
      ),
      revoke: attempt(() => parseBoolean('revoke', get('revoke'), true)),
      sweepStale: attempt(() => parseBoolean('sweep-stale-keys', get('sweep-stale-keys'), false))
    },
    tokenCommand: attempt(() => parseBoolean('token-command', get('token-command'), true))
  }
  const { envName, ephemeral } = config
  if (ephemeral.enabled && config.exportEnv && envName && envName === ephemeral.envName) {
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
