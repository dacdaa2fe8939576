import { advise } from './advice.js'
import { configOf, parseInputs, type Config } from './config.js'
import { credentialSource } from './credentials/sources.js'
import { describeError } from './describe-error.js'
import { issueEphemeralKey } from './ephemeral/issue.js'
import { runFacts } from './ephemeral/naming.js'
import { longestJobMinutes, sweepStaleKeys } from './ephemeral/sweep.js'
import { ActionError } from './errors.js'
import { checkHandoff, prepareHandoff, publishHandoff } from './handoff/handoff.js'
import { checkAccount } from './iam/token.js'
import { recordNetworkSettings } from './network-settings.js'
import { checkTokenShapes, publish } from './outputs.js'
import { checkDockerConfig } from './registry/docker-config.js'
import { jobDockerConfig, REGISTRY_STATE, setUpRegistries } from './registry/install.js'
import { runnerDeps } from './runner/actions-core.js'
import type { Runner, StepDeps } from './runner/runner.js'
import { redactingRunner, Secrets } from './secrets.js'
import { credentialFiles, stepContext } from './step-context.js'
import { summaryMarkdown } from './summary.js'
import { COMMAND, installTokenCommand } from './token-command/install.js'
import { oneLine } from './untrusted.js'

/** The main step. Never throws: a failure is reported with `setFailed`, scrubbed of secrets. */
export async function run(deps: StepDeps = runnerDeps()): Promise<void> {
  const { clock } = deps
  const secrets = new Secrets((value) => deps.runner.setSecret(value))
  // Before anything else can print it: the key as given, and the forms derived from it.
  secrets.add(deps.runner.getInput('apikey'))
  // Every line redacted: outside text (a name, IAM's error text) may echo a secret.
  const runner = redactingRunner(deps.runner, secrets)
  let config: Config | undefined
  try {
    // A compute-resource token is a credential: read once, masked the moment it is read,
    // checked with the other inputs before any request, then exchanged.
    const files = credentialFiles(deps.files.readFile, secrets)
    const parsed = parseInputs((name) => runner.getInput(name))
    config = configOf(parsed, files.problems(parsed.fileChecks))
    // registries: a Docker config that cannot be changed fails the step before any request.
    const dockerConfig = config.registries.length ? jobDockerConfig(config, deps.env) : undefined
    if (dockerConfig) checkDockerConfig(deps.files, dockerConfig)
    const source = credentialSource(config.credential)
    if (!source) return skipOrFail(config, deps)
    checkHandoff(config, deps.env.RUNNER_TEMP, deps.files)
    const log = (message: string) => runner.info(message)
    const ctx = stepContext({ ...deps, log, secrets, readFile: files.readFile }, config)
    runner.debug(`Getting an IAM token (${config.credential.kind}) from ${config.endpoint}`)
    const { iam } = ctx
    const token = await source(ctx)
    checkAccount(token, config.accountId)
    // Before a key is made for it: a token IAM described in another shape publishes nothing.
    checkTokenShapes(config, token)
    const facts = runFacts(deps.env)
    // What the post step and the token command compare before they send a credential again.
    const network = recordNetworkSettings(deps.env)
    // Created before anything is published: if IAM refuses, the step fails with nothing exported.
    const key = config.ephemeral.enabled
      ? await issueEphemeralKey(iam, token, config.ephemeral, {
          runner,
          clock,
          secrets,
          facts,
          longestJobMinutes: longestJobMinutes(deps.env),
          network
        })
      : undefined
    // Written before anything is published too: a RUNNER_TEMP that fails leaves nothing exported.
    const { RUNNER_TEMP: runnerTemp, IBM_CREDENTIALS_FILE: previous } = deps.env
    // The token file is read back (for the SDK's sake) through the masking reader.
    const handoffFiles = { ...deps.files, readFile: files.readFile }
    const cwd = process.cwd()
    const where = { runnerTemp, cwd, files: handoffFiles, ...(previous ? { previous } : {}) }
    const handoff = prepareHandoff(runner, config, token, key?.value, where)
    publish(runner, config, token, key)
    publishHandoff(runner, config, token, handoff)
    const at = { script: deps.tokenCommandScript, runnerTemp, files: deps.files }
    let commandDir: string | undefined
    try {
      commandDir = installTokenCommand(runner, config, token, { ...at, network })
    } catch (err) {
      runner.warning(`${COMMAND} could not be installed: ${describeError(err)}`)
    }
    if (config.registries.length) {
      const record = setUpRegistries(runner, config, token, { ...at, commandDir, env: deps.env })
      if (record) runner.saveState(REGISTRY_STATE, JSON.stringify(record))
    }
    // Redacted before it is cut: a name that echoes a secret must not leave a piece of it.
    const redact = (text: string) => secrets.redact(text)
    runner.info(
      `Authenticated to IBM Cloud as ${oneLine(token.claims.name ?? token.iamId, redact)} ` +
        `(${oneLine(token.iamId, redact)}) in account ${oneLine(token.accountId, redact)}; the token expires at ${new Date(token.expiration * 1000).toISOString()}.`
    )
    if (config.ephemeral.sweepStale) {
      const sweep = {
        runner,
        clock,
        facts,
        keepId: key?.id
      }
      await sweepStaleKeys(iam, token, sweep).catch((err: unknown) =>
        runner.warning(`Sweeping stale keys failed: ${describeError(err)}`)
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
