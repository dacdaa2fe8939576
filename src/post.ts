import { SOURCES } from './credentials/sources.js'
import { describeError } from './describe-error.js'
import { IamError } from './errors.js'
import { runFacts } from './ephemeral/naming.js'
import { parsePostConfig } from './ephemeral/post-config.js'
import { looksLikeKeyId, revokeIfOurs } from './ephemeral/revoke.js'
import { STATE } from './ephemeral/issue.js'
import { removeCredentialsFile } from './handoff/cleanup.js'
import { SDK_FILE_STATE } from './handoff/handoff.js'
import { networkChange, readNetworkRecord } from './network-settings.js'
import { restoreRegistries } from './registry/restore.js'
import { runnerDeps } from './runner/actions-core.js'
import type { StepDeps } from './runner/runner.js'
import { redactingRunner, Secrets } from './secrets.js'
import { stepContext } from './step-context.js'
import { oneLine } from './untrusted.js'

/**
 * The post step: deletes the ephemeral key the main step made, authenticated as the key
 * itself (the same identity, so the same rights): it never reads `apikey`, so nothing a later
 * step does can make it send the long-lived key anywhere. It runs after failed and cancelled
 * jobs too, says in one line why it did nothing, and never fails the job: a key it cannot
 * delete is a warning (IAM expires it anyway). What it deletes is decided by IAM's answer
 * about the key, never by state alone; and it sends no credential when the proxy or CA
 * settings differ from those the main step used (a later step can write them to GITHUB_ENV).
 */
export async function run(deps: StepDeps = runnerDeps()): Promise<void> {
  const { env } = deps
  const secrets = new Secrets((value) => deps.runner.setSecret(value))
  // Before anything else can print it. Main saved it (state main saved cannot be overridden).
  const keyValue = deps.runner.getState(STATE.keyValue).trim()
  secrets.add(keyValue)
  const runner = redactingRunner(deps.runner, secrets)
  // First, and whatever happens to the key: the SDK credentials file goes (never fails the job).
  const saved = runner.getState(SDK_FILE_STATE)
  const removed = removeCredentialsFile(saved, env.RUNNER_TEMP, deps.files)
  if (removed) runner[removed.level](removed.message)
  restoreRegistries(runner, deps.files)
  const keyId = runner.getState(STATE.keyId)
  const shown = oneLine(keyId)
  try {
    if (!keyId) {
      runner.info('No ephemeral API key was created by the main step: nothing to revoke.')
      return
    }
    if (!looksLikeKeyId(keyId)) {
      runner.warning(
        `The saved ephemeral key id "${shown}" is not an IAM API key id (ApiKey-…): nothing ` +
          'deleted. Another step may have written GITHUB_STATE; check which steps of the job can.'
      )
      return
    }
    const config = parsePostConfig((name) => runner.getInput(name))
    if (!config.revoke) {
      runner.info(`revoke is false: ephemeral API key ${shown} is left for IAM to expire.`)
      return
    }
    if (!keyValue) {
      runner.warning(
        `Cannot delete ephemeral API key ${shown}: the main step saved no key to revoke it with ` +
          '(the post step never uses the apikey input). IAM expires it on its own.'
      )
      return
    }
    const changed = networkChange(
      readNetworkRecord(runner.getState(STATE.network)),
      env,
      'The post step'
    )
    if (changed) {
      runner.warning(
        `Did not revoke ephemeral API key ${shown}: ${changed} IAM expires it on its own.`
      )
      return
    }
    // The endpoint comes from the inputs, validated as in the main step: the one in
    // GITHUB_STATE could name any host, and a credential is about to be sent there.
    const savedEndpoint = runner.getState(STATE.endpoint)
    if (savedEndpoint && savedEndpoint !== config.endpoint) {
      runner.warning(
        `GITHUB_STATE names IAM endpoint "${oneLine(savedEndpoint)}", not ${config.endpoint} as ` +
          'the inputs do: it was ignored. Another step may have written GITHUB_STATE.'
      )
    }
    const log = (message: string) => runner.info(message)
    const ctx = stepContext({ ...deps, log, secrets, readFile: deps.files.readFile }, config)
    // A fresh token from the ephemeral key itself: its identity may delete its own keys (it
    // made this one), and the main step's token may have expired in a long job.
    const token = await SOURCES.apikey
      .exchange({ kind: 'apikey', apikey: keyValue }, ctx)
      .catch((err: unknown) => {
        // IAM's "key not found" for the key itself: it was deleted already, or it expired.
        if (
          err instanceof IamError &&
          err.status === 400 &&
          err.details.errorCode === 'BXNIM0415E'
        ) {
          return undefined
        }
        throw err
      })
    if (!token) {
      runner.info(
        `Ephemeral API key ${shown} no longer signs in (IAM: BXNIM0415E): it was deleted ` +
          'already or it expired; nothing to revoke.'
      )
      return
    }
    const revocation = await revokeIfOurs(ctx.iam, token, keyId, runFacts(env))
    if (revocation.outcome === 'not-ours') runner.warning(revocation.message)
    else runner.info(revocation.message)
  } catch (err) {
    runner.warning(
      `Could not revoke ephemeral API key ${shown}; IAM expires it on its own.\n${describeError(err)}`
    )
  }
}
