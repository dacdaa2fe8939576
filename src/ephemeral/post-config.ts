import { ConfigError } from '../errors.js'
import { resolveEndpoint } from '../iam/endpoints.js'
import { parseBoolean, parseInteger } from '../inputs.js'

/**
 * What the post step needs from the inputs, and nothing more: never `apikey` nor any other
 * credential input (the post step revokes the ephemeral key with the key itself). The same
 * rules and defaults as config.ts; the endpoint validated as in the main step.
 */
export interface PostConfig {
  endpoint: string
  accountId?: string
  maxAttempts: number
  timeoutMs: number
  revoke: boolean
}

/** The inputs the post step may read. */
export const POST_INPUTS = [
  'iam-endpoint',
  'region',
  'private',
  'account-id',
  'max-attempts',
  'timeout-seconds',
  'revoke'
] as const

export function parsePostConfig(read: (name: (typeof POST_INPUTS)[number]) => string): PostConfig {
  const get = (name: (typeof POST_INPUTS)[number]) => read(name).trim()
  const accountId = get('account-id')
  if (accountId && !/^[A-Za-z0-9]{1,64}$/.test(accountId)) {
    throw new ConfigError('account-id must be an IBM Cloud account id: letters and digits only.')
  }
  return {
    endpoint: resolveEndpoint({
      iamEndpoint: get('iam-endpoint'),
      region: get('region'),
      private: parseBoolean('private', get('private'), false)
    }),
    ...(accountId ? { accountId } : {}),
    maxAttempts: parseInteger('max-attempts', get('max-attempts'), 5, 1, 10),
    timeoutMs: parseInteger('timeout-seconds', get('timeout-seconds'), 30, 1, 300) * 1000,
    revoke: parseBoolean('revoke', get('revoke'), true)
  }
}
