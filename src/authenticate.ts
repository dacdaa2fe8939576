import { parseConfig, type Config } from './config.js'
import { ActionError, describeError } from './errors.js'
import type { HttpTransport } from './http.js'
import { IamClient } from './iam.js'
import { DEFAULT_BACKOFF } from './retry.js'
import type { Clock, Runner } from './runner.js'
import { Secrets } from './secrets.js'
import { summaryMarkdown } from './summary.js'
import { checkAccount, exchangeApiKey, type IamToken } from './token.js'
import {
  issueEphemeralKey,
  longestJobMinutes,
  runFacts,
  sweepStaleKeys,
  type IssuedKey
} from './ephemeral.js'

export interface MainDeps {
  runner: Runner
  clock: Clock
  /** The process environment (GITHUB_* facts about the run). */
  env: Record<string, string | undefined>
  createTransport: (options: { timeoutMs: number }) => HttpTransport
}

/** The main step. Never throws: a failure is reported with `setFailed`, scrubbed of secrets. */
export async function runMain(deps: MainDeps): Promise<void> {
  const { runner } = deps
  const secrets = new Secrets((value) => runner.setSecret(value))
  // Before anything else can print it: the key as given, and the forms derived from it.
  secrets.add(runner.getInput('apikey'))
  let config: Config | undefined
  try {
    config = parseConfig((name) => runner.getInput(name))
    if (!config.apikey) return skipOrFail(config, deps)
    const iam = iamClient(config, deps, secrets)
    runner.debug(`Exchanging the API key for an IAM token at ${config.endpoint}`)
    const token = await exchangeApiKey(iam, config.apikey, secrets, { accountId: config.accountId })
    checkAccount(token, config.accountId)
    const facts = runFacts(deps.env)
    // Created before anything is published: if IAM refuses, the step fails with nothing exported.
    const key = config.ephemeral.enabled
      ? await issueEphemeralKey(iam, token, config.ephemeral, { ...deps, secrets, facts })
      : undefined
    publishToken(runner, config, token)
    if (key) publishEphemeralKey(runner, config, key)
    runner.info(
      `Authenticated to IBM Cloud as ${token.claims.name ?? token.iamId} (${token.iamId}) in account ` +
        `${token.accountId}; the token expires at ${new Date(token.expiration * 1000).toISOString()}.`
    )
    if (config.ephemeral.sweepStale) {
      await sweepStaleKeys(iam, token, {
        ...deps,
        facts,
        keepId: key?.id,
        longestJobMinutes: longestJobMinutes(deps.env)
      }).catch((err: unknown) =>
        runner.warning(secrets.redact(`Sweeping stale keys failed: ${describeError(err)}`))
      )
    }
    const { endpoint } = config
    await writeSummary(runner, () => summaryMarkdown({ token, endpoint, ephemeralKey: key }))
  } catch (err) {
    runner.setFailed(secrets.redact(describeError(err, { accountId: config?.accountId })))
  }
}

export function iamClient(config: Config, deps: MainDeps, secrets: Secrets): IamClient {
  return new IamClient({
    endpoint: config.endpoint,
    transport: deps.createTransport({ timeoutMs: config.timeoutMs }),
    clock: deps.clock,
    policy: { maxAttempts: config.maxAttempts, ...DEFAULT_BACKOFF },
    log: (message) => deps.runner.info(message),
    redact: (text) => secrets.redact(text)
  })
}

function skipOrFail(config: Config, { runner, env }: MainDeps): void {
  if (config.onMissingApikey === 'skip') {
    runner.notice(
      'No IBM Cloud API key was given (the `apikey` input is empty), so this step did nothing ' +
        '(on-missing-apikey: skip). Later steps see authenticated=false.'
    )
    runner.setOutput('authenticated', 'false')
    return
  }
  const dependabot = env.GITHUB_ACTOR === 'dependabot[bot]'
  throw new ActionError(
    'The `apikey` input is empty. ' +
      (dependabot
        ? 'This run was started by Dependabot, which reads Dependabot secrets, not Actions secrets: add the key under Settings > Secrets > Dependabot. '
        : 'GitHub passes no secrets to pull requests from forks (nor Actions secrets to Dependabot runs); otherwise check that the secret exists and that `with: apikey: ${{ secrets.NAME }}` names it exactly. ') +
      'To let such runs pass without IBM Cloud, set `on-missing-apikey: skip` and test `steps.<id>.outputs.authenticated`.'
  )
}

/** Outputs and env; every value here is already masked or not secret. */
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

function publishEphemeralKey(runner: Runner, config: Config, key: IssuedKey): void {
  runner.setOutput('ephemeral-apikey', key.value)
  runner.setOutput('ephemeral-apikey-id', key.id)
  if (config.exportEnv) runner.exportVariable(config.ephemeral.envName, key.value)
  const until = new Date(key.expiresAtMs).toISOString()
  runner.info(
    `Created ephemeral API key ${key.id}` +
      (config.exportEnv ? `, exported as $${config.ephemeral.envName}; ` : ' (output only); ') +
      (config.ephemeral.revoke
        ? `the post step deletes it (IAM expires it at ${until} in any case).`
        : `revoke is false, so IAM expires it at ${until}.`)
  )
}

/** The summary is a courtesy: failing to write it never fails the step. */
async function writeSummary(runner: Runner, markdown: () => string): Promise<void> {
  try {
    await runner.writeSummary(markdown())
  } catch (err) {
    runner.debug(`No job summary written: ${err instanceof Error ? err.message : String(err)}`)
  }
}
