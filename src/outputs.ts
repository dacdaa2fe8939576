import type { Config } from './config.js'
import type { IssuedKey } from './ephemeral/issue.js'
import type { IamToken } from './iam/token.js'
import type { Runner } from './runner/runner.js'
import { oneLine } from './untrusted.js'

/** The main step's outputs and env for the token; every value here is already masked or not secret. */
export function publishToken(runner: Runner, config: Config, token: IamToken): void {
  runner.setOutput('token', token.accessToken)
  runner.setOutput('authorization', `Bearer ${token.accessToken}`)
  runner.setOutput('token-type', token.tokenType)
  runner.setOutput('expires-in', String(token.expiresIn))
  runner.setOutput('expiration', String(token.expiration))
  runner.setOutput('expires-at', new Date(token.expiration * 1000).toISOString())
  runner.setOutput('account-id', token.accountId)
  runner.setOutput('iam-id', token.iamId)
  runner.setOutput('iam-endpoint', config.endpoint)
  runner.setOutput('authenticated', 'true')
  if (config.exportEnv) {
    runner.exportVariable(config.envName, token.accessToken)
    runner.info(`Exported the token as $${config.envName} (IAM tokens last at most an hour).`)
  }
}

/** The ephemeral key's outputs and env (already masked when it arrived). */
export function publishEphemeralKey(runner: Runner, config: Config, key: IssuedKey): void {
  runner.setOutput('ephemeral-apikey', key.value)
  runner.setOutput('ephemeral-apikey-id', key.id)
  if (config.exportEnv) runner.exportVariable(config.ephemeral.envName, key.value)
  const until = new Date(key.expiresAtMs).toISOString()
  runner.info(
    `Created ephemeral API key ${oneLine(key.id)}` +
      (config.exportEnv ? `, exported as $${config.ephemeral.envName}; ` : ' (output only); ') +
      (config.ephemeral.revoke
        ? `the post step deletes it (IAM expires it at ${until} in any case).`
        : `revoke is false, so IAM expires it at ${until}.`)
  )
}
