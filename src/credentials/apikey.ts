import { ActionError } from '../errors.js'
import { requestToken, type IamToken } from '../iam/token.js'
import {
  NOT_RENEWABLE,
  type CredentialOf,
  type CredentialSource,
  type SourceInputs,
  type TokenRequestContext
} from './source.js'

/** IAM's API-key grant. */
export const APIKEY_GRANT = 'urn:ibm:params:oauth:grant-type:apikey'

/** An API key (a user's or a service ID's) exchanged for a token: IAM's apikey grant. */
export function exchangeApiKey(
  apikey: string,
  ctx: Pick<TokenRequestContext, 'iam' | 'secrets' | 'clock' | 'accountId'>
): Promise<IamToken> {
  return requestToken(
    ctx.iam,
    { grant_type: APIKEY_GRANT, apikey, response_type: 'cloud_iam' },
    { secrets: ctx.secrets, clock: ctx.clock, tenant: ctx.accountId }
  )
}

/** The NAME of the variable holding the ephemeral key: the key itself stays in the job's env. */
export interface SavedApiKeyEnv {
  kind: 'apikey-env'
  envName: string
}

/**
 * The `apikey` input. A long-lived key is never renewable (it would have to be written down);
 * an ephemeral key exported to later steps is, by the name of its variable.
 */
export const apikeySource: CredentialSource<CredentialOf<'apikey'>, SavedApiKeyEnv> = {
  kind: 'apikey',
  exchange: (c, ctx) => exchangeApiKey(c.apikey, ctx),
  renewal: {
    saved: 'apikey-env',
    save: (_c, facts) =>
      facts.ephemeral.enabled && facts.exportEnv
        ? { kind: 'apikey-env', envName: facts.ephemeral.envName }
        : { why: NOT_RENEWABLE },
    load: (saved, env, secrets) => {
      const apikey = env[saved.envName]
      secrets.add(apikey)
      if (!apikey?.trim()) {
        throw new ActionError(
          `$${saved.envName} is empty in this step, so the token cannot be renewed: the ephemeral key ` +
            'is exported only to the steps after the action (check env: overrides of this step).'
        )
      }
      return { kind: 'apikey', apikey: apikey.trim() }
    },
    describe: (saved) => `with the ephemeral key in $${saved.envName}`
  }
}

/** The `apikey` input: with a profile it is the assume source's credential (assume.ts). */
export const apikeyInputs: SourceInputs = {
  selected: ({ apikey }) => (apikey ? 'apikey' : undefined),
  credential: ({ inputs, profile }) =>
    profile
      ? { kind: 'apikey-profile', apikey: inputs.apikey, profile }
      : { kind: 'apikey', apikey: inputs.apikey },
  ownsApiKeys: true
}
