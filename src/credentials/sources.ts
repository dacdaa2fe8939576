import type { Clock } from '../clock.js'
import type { Config } from '../config.js'
import type { IamClient } from '../iam/client.js'
import type { IamToken } from '../iam/token.js'
import type { Secrets } from '../secrets.js'
import { exchangeApiKey } from './apikey.js'

/** What any credential source needs to get a token from IAM. */
export interface TokenRequestContext {
  iam: IamClient
  secrets: Secrets
  clock: Pick<Clock, 'now'>
  /** Sent as IBM-Cloud-Tenant when account-id pins an account. */
  accountId?: string
}

/**
 * The ways the action can prove who it is, each a module that yields a token. A new way (a
 * trusted profile, a compute-resource token, ...) is one module and one row here.
 */
const SOURCES: { name: string; given: (config: Config) => boolean; token: TokenSource }[] = [
  {
    name: 'apikey',
    given: (config) => config.apikey !== '',
    token: (c, ctx) => exchangeApiKey(c.apikey, ctx)
  }
]

type TokenSource = (config: Config, ctx: TokenRequestContext) => Promise<IamToken>

/** The source the inputs name, or undefined when they name none (e.g. an empty `apikey`). */
export function credentialSource(config: Config): TokenSource | undefined {
  return SOURCES.find((source) => source.given(config))?.token
}
