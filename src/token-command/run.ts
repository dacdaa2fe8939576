import type { Clock } from '../clock.js'
import { credentialSource, loadForRenewal } from '../credentials/sources.js'
import { describeError } from '../describe-error.js'
import { ActionError } from '../errors.js'
import type { HttpTransport } from '../iam/http.js'
import { checkAccount, type IamToken } from '../iam/token.js'
import { networkChange } from '../network-settings.js'
import type { Files } from '../runner/files.js'
import { Secrets } from '../secrets.js'
import { oneLine } from '../untrusted.js'
import { stepContext } from '../step-context.js'
import { readCache, writeCache } from './cache.js'
import { COMMAND } from './install.js'
import { addMaskCommand, printToken } from './print.js'
import { parseRenewalConfig, type RenewalConfig } from './renewal.js'

/** A cached token is printed while it has at least this long to live; else it is renewed. */
export const RENEW_BEFORE_S = 10 * 60
/** What the command promises: the printed token is valid at least this much longer. */
export const MIN_VALID_S = 5 * 60

export interface CommandIo {
  env: Record<string, string | undefined>
  clock: Clock
  createTransport: (options: { timeoutMs: number }) => HttpTransport
  files: Files
  /** The token, and nothing else, goes here. */
  stdout: (text: string) => void
  /** Messages, retry notes and (on a runner) `::add-mask::` commands go here. */
  stderr: (text: string) => void
}

/**
 * `ibmcloud-iam-token <config.json>`: prints a token valid for at least MIN_VALID_S more
 * seconds, from the cache or renewed; when renewal fails, the cached token if it still keeps
 * that promise (with a warning). Returns the exit code: 0 with only the token on stdout, 1
 * with a message on stderr.
 */
export async function runTokenCommand(args: string[], io: CommandIo): Promise<number> {
  // On a runner, every secret this process sees is masked through stderr, which the runner
  // reads for workflow commands too, while stdout stays the token alone.
  const onRunner = io.env.GITHUB_ACTIONS === 'true'
  const secrets = new Secrets((value) => {
    if (onRunner) io.stderr(addMaskCommand(value))
  })
  try {
    const config = loadConfig(args[0], io.files.readFile)
    const now = Math.floor(io.clock.now() / 1000)
    const cached = readCache(io.files, config.cache)
    if (cached && cached.expiration - now >= RENEW_BEFORE_S) {
      await printToken(cached.accessToken, secrets, io, onRunner)
      return 0
    }
    // Renewing sends a credential (the ephemeral key, a compute-resource or instance token):
    // never through proxy or CA settings other than those the main step used.
    const changed = networkChange(config.network, io.env, COMMAND)
    if (changed) {
      if (onRunner) io.stderr(`::warning::${commandData(changed)}\n`)
      throw new ActionError(`no token renewed: ${changed}`)
    }
    const source = credentialSource(loadForRenewal(config.credential, io.env, secrets))
    const log = (message: string) => io.stderr(`${COMMAND}: ${message}\n`)
    const wiring = { log, createTransport: io.createTransport, clock: io.clock, secrets }
    let token: IamToken
    try {
      token = await source(stepContext({ ...wiring, readFile: io.files.readFile }, config))
      checkAccount(token, config.accountId)
    } catch (err) {
      // The cached token still keeps the promise: print it rather than fail the step.
      const left = cached ? cached.expiration - Math.floor(io.clock.now() / 1000) : 0
      if (!cached || left < MIN_VALID_S) throw err
      secrets.add(cached.accessToken)
      const why =
        `could not renew the token: ${secrets.redact(describeError(err))}\n` +
        `The cached token was printed instead: it is valid for ${left} more s.`
      io.stderr(
        onRunner ? `::warning::${COMMAND}: ${commandData(why)}\n` : `${COMMAND}: warning: ${why}\n`
      )
      io.stdout(`${cached.accessToken}\n`)
      return 0
    }
    writeCache(io.files, config.cache, {
      accessToken: token.accessToken,
      expiration: token.expiration
    })
    const left = token.expiration - now
    if (left < MIN_VALID_S) {
      log(`IAM issued a token valid for only ${left} s (less than ${MIN_VALID_S} s).`)
    }
    await printToken(token.accessToken, secrets, io, onRunner)
    return 0
  } catch (err) {
    io.stderr(`${COMMAND}: ${secrets.redact(describeError(err))}\n`)
    return 1
  }
}

/** A workflow command's message, escaped as the runner reads it (one line). */
function commandData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}

function loadConfig(path: string | undefined, readFile: (path: string) => string): RenewalConfig {
  if (!path) throw new ActionError('no config file given: run it through its launcher on PATH.')
  try {
    return parseRenewalConfig(readFile(path))
  } catch (err) {
    // Not `instanceof Error`: an error from another realm (a vm context, a worker) is one too.
    const message = (err as { message?: unknown } | null)?.message
    const why = typeof message === 'string' ? message : String(err)
    throw new ActionError(
      `cannot use ${oneLine(path)} (${oneLine(why)}). It is written by the IBM Cloud IAM token action in an ` +
        'earlier step of this job and removed with RUNNER_TEMP when the job ends.'
    )
  }
}
