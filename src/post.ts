import { exchangeApiKey } from './credentials/apikey.js'
import { parseConfig } from './config.js'
import { describeError } from './describe-error.js'
import { STATE } from './ephemeral/state.js'
import { deleteApiKey } from './iam/apikeys.js'
import { connectIam } from './iam/connect.js'
import { runnerDeps } from './runner/actions-core.js'
import type { StepDeps } from './runner/runner.js'
import { Secrets } from './secrets.js'

/**
 * The post step: deletes the ephemeral key the main step made. It runs after failed and
 * cancelled jobs too, says in one line why it did nothing, and never fails the job: a key it
 * cannot delete is a warning (IAM expires it anyway).
 */
export async function run(deps: StepDeps = runnerDeps()): Promise<void> {
  const { runner, clock } = deps
  const secrets = new Secrets((value) => runner.setSecret(value))
  secrets.add(runner.getInput('apikey'))
  const keyId = runner.getState(STATE.keyId)
  try {
    if (!keyId) {
      runner.info('No ephemeral API key was created by the main step: nothing to revoke.')
      return
    }
    const config = parseConfig((name) => runner.getInput(name))
    const saved = Number(runner.getState(STATE.keyExpiresAt))
    const expiresAt = Number.isFinite(saved) && saved > 0 ? saved : undefined
    const expiry = expiresAt
      ? `at ${new Date(expiresAt).toISOString()}`
      : 'when its ephemeral-key-ttl runs out'
    if (!config.ephemeral.revoke) {
      runner.info(`revoke is false: ephemeral API key ${keyId} is left to expire ${expiry}.`)
      return
    }
    if (expiresAt && expiresAt <= clock.now()) {
      runner.info(
        `Ephemeral API key ${keyId} already expired ${expiry}: IAM refuses it, nothing to revoke.`
      )
      return
    }
    if (!config.apikey) {
      runner.warning(
        `Cannot delete ephemeral API key ${keyId}: the apikey input is empty in the post step. IAM expires it ${expiry}.`
      )
      return
    }
    // A fresh token: the main step's may have expired in a long job, and it is never persisted.
    const endpoint = runner.getState(STATE.endpoint) || config.endpoint
    const log = (message: string) => runner.info(message)
    const iam = connectIam({ ...config, endpoint }, { ...deps, log }, secrets)
    const ctx = { iam, secrets, clock, accountId: config.accountId }
    const token = await exchangeApiKey(config.apikey, ctx)
    const outcome = await deleteApiKey(iam, token.accessToken, keyId)
    runner.info(
      outcome === 'deleted'
        ? `Revoked ephemeral API key ${keyId}.`
        : `Ephemeral API key ${keyId} was already deleted.`
    )
  } catch (err) {
    runner.warning(
      secrets.redact(
        `Could not revoke ephemeral API key ${keyId}; IAM expires it on its own.\n${describeError(err)}`
      )
    )
  }
}
