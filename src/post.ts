import { parseConfig } from './config.js'
import { apiKeyOf } from './credentials/credential.js'
import { SOURCES } from './credentials/sources.js'
import { describeError } from './describe-error.js'
import { runFacts } from './ephemeral/naming.js'
import { looksLikeKeyId, revokeIfOurs } from './ephemeral/revoke.js'
import { STATE } from './ephemeral/issue.js'
import { runnerDeps } from './runner/actions-core.js'
import type { StepDeps } from './runner/runner.js'
import { Secrets } from './secrets.js'
import { stepContext } from './step-context.js'
import { oneLine } from './untrusted.js'

/** A saved expiry further away than this (IAM's longest ephemeral-key-ttl, plus a day) is not ours. */
const MAX_SAVED_EXPIRY_MS = 2 * 24 * 3600_000

/**
 * The post step: deletes the ephemeral key the main step made. It runs after failed and
 * cancelled jobs too, says in one line why it did nothing, and never fails the job: a key it
 * cannot delete is a warning (IAM expires it anyway). Nothing read from GITHUB_STATE is
 * trusted: any earlier step of the job can write it.
 */
export async function run(deps: StepDeps = runnerDeps()): Promise<void> {
  const { runner, clock } = deps
  const secrets = new Secrets((value) => runner.setSecret(value))
  secrets.add(runner.getInput('apikey'))
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
    const config = parseConfig((name) => runner.getInput(name), deps.files)
    const saved = Number(runner.getState(STATE.keyExpiresAt))
    const expiresAt =
      Number.isFinite(saved) && saved > 0 && saved < clock.now() + MAX_SAVED_EXPIRY_MS
        ? saved
        : undefined
    const expiry =
      expiresAt !== undefined
        ? `at ${new Date(expiresAt).toISOString()}`
        : 'when its ephemeral-key-ttl runs out'
    if (!config.ephemeral.revoke) {
      runner.info(`revoke is false: ephemeral API key ${keyId} is left to expire ${expiry}.`)
      return
    }
    // An unknown expiry is never in the past.
    if ((expiresAt ?? Infinity) <= clock.now()) {
      runner.info(
        `Ephemeral API key ${keyId} already expired ${expiry}: IAM refuses it, nothing to revoke.`
      )
      return
    }
    const apikey = apiKeyOf(config.credential)
    if (!apikey) {
      runner.warning(
        `Cannot delete ephemeral API key ${keyId}: the apikey input is empty in the post step. IAM expires it ${expiry}.`
      )
      return
    }
    // The endpoint comes from the inputs, validated as in the main step: the one in
    // GITHUB_STATE could name any host, and the API key is about to be sent there.
    const savedEndpoint = runner.getState(STATE.endpoint)
    if (savedEndpoint && savedEndpoint !== config.endpoint) {
      runner.warning(
        `GITHUB_STATE names IAM endpoint "${oneLine(savedEndpoint)}", not ${config.endpoint} as ` +
          'the inputs do: it was ignored. Another step may have written GITHUB_STATE.'
      )
    }
    const log = (message: string) => runner.info(message)
    const ctx = stepContext({ ...deps, log, secrets, readFile: deps.files.readFile }, config)
    // A fresh token: the main step's may have expired in a long job, and it is never persisted.
    const token = await SOURCES.apikey.exchange({ kind: 'apikey', apikey }, ctx)
    const revocation = await revokeIfOurs(ctx.iam, token, keyId, runFacts(deps.env))
    if (revocation.outcome === 'not-ours') runner.warning(revocation.message)
    else runner.info(revocation.message)
  } catch (err) {
    runner.warning(
      secrets.redact(
        `Could not revoke ephemeral API key ${shown}; IAM expires it on its own.\n${describeError(err)}`
      )
    )
  }
}
