import { advise } from './advice.js'
import { parseConfig, type Config } from './config.js'
import { credentialSource } from './credentials/sources.js'
import { describeError } from './describe-error.js'
import { issueEphemeralKey } from './ephemeral/issue.js'
import { runFacts } from './ephemeral/naming.js'
import { longestJobMinutes, sweepStaleKeys } from './ephemeral/sweep.js'
import { ActionError } from './errors.js'
import { checkAccount } from './iam/token.js'
import { publishEphemeralKey, publishToken } from './outputs.js'
import { runnerDeps } from './runner/actions-core.js'
import type { Runner, StepDeps } from './runner/runner.js'
import { Secrets } from './secrets.js'
import { stepContext } from './step-context.js'
import { summaryMarkdown } from './summary.js'
import { COMMAND, installTokenCommand } from './token-command/install.js'
import { oneLine } from './untrusted.js'

/** The main step. Never throws: a failure is reported with `setFailed`, scrubbed of secrets. */
export async function run(deps: StepDeps = runnerDeps()): Promise<void> {
  const { runner, clock } = deps
  const secrets = new Secrets((value) => runner.setSecret(value))
  // Before anything else can print it: the key as given, and the forms derived from it.
  secrets.add(runner.getInput('apikey'))
  let config: Config | undefined
  try {
    // A compute-resource token is a credential: masked the moment it is read, each time.
    const readFile = (path: string) => {
      const content = deps.files.readFile(path)
      secrets.add(content)
      return content
    }
    config = parseConfig((name) => runner.getInput(name), { readFile })
    const source = credentialSource(config.credential)
    if (!source) return skipOrFail(config, deps)
    const log = (message: string) => runner.info(message)
    const ctx = stepContext({ ...deps, log, secrets, readFile }, config)
    runner.debug(`Getting an IAM token (${config.credential.kind}) from ${config.endpoint}`)
    const { iam } = ctx
    const token = await source(ctx)
    checkAccount(token, config.accountId)
    const facts = runFacts(deps.env)
    // Created before anything is published: if IAM refuses, the step fails with nothing exported.
    const key = config.ephemeral.enabled
      ? await issueEphemeralKey(iam, token, config.ephemeral, { runner, clock, secrets, facts })
      : undefined
    publishToken(runner, config, token)
    if (key) publishEphemeralKey(runner, config, key)
    const where = {
      script: deps.tokenCommandScript,
      runnerTemp: deps.env.RUNNER_TEMP,
      files: deps.files
    }
    try {
      installTokenCommand(runner, config, token, where)
    } catch (err) {
      runner.warning(`${COMMAND} could not be installed: ${describeError(err)}`)
    }
    runner.info(
      `Authenticated to IBM Cloud as ${oneLine(token.claims.name ?? token.iamId)} ` +
        `(${oneLine(token.iamId)}) in account ${oneLine(token.accountId)}; the token expires at ${new Date(token.expiration * 1000).toISOString()}.`
    )
    if (config.ephemeral.sweepStale) {
      const sweep = {
        runner,
        clock,
        facts,
        keepId: key?.id,
        longestJobMinutes: longestJobMinutes(deps.env)
      }
      await sweepStaleKeys(iam, token, sweep).catch((err: unknown) =>
        runner.warning(secrets.redact(`Sweeping stale keys failed: ${describeError(err)}`))
      )
    }
    const { endpoint } = config
    await writeSummary(runner, () => summaryMarkdown({ token, endpoint, ephemeralKey: key }))
  } catch (err) {
    runner.setFailed(secrets.redact(describeError(err, { accountId: config?.accountId })))
  }
}

function skipOrFail(config: Config, { runner, env }: StepDeps): void {
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
    `The \`apikey\` input is empty. ${advise(dependabot ? 'emptyKeyDependabot' : 'emptyKey')} ` +
      advise('skipMissingKey')
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
