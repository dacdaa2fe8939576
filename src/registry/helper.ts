import type { Files } from '../runner/files.js'
import { readCache } from '../token-command/cache.js'
import { serverHost } from './hosts.js'

/**
 * `docker-credential-ibmcloud`: Docker's credential-helper protocol over the token cache of
 * `ibmcloud-iam-token`. Kept to node:fs and a child process so that a cache hit costs little
 * more than starting Node (it runs on every pull and push): renewal runs the token command's
 * own bundle, which holds all of IAM.
 */
export const HELPER = 'docker-credential-ibmcloud'
/** The `credHelpers` value that names this helper (docker runs `docker-credential-<value>`). */
export const HELPER_NAME = 'ibmcloud'
/** Docker's user name for an IAM access token at icr.io. */
export const USERNAME = 'iambearer'
/** Docker's own answer for a server a helper holds nothing for (docker-credential-helpers). */
export const NOT_FOUND = 'credentials not found in native keychain'
/** A renewable token is served while it is valid at least this much longer (as the token command promises). */
export const MIN_VALID_S = 5 * 60
/** A token that cannot be renewed is served until this close to its expiry. */
export const LAST_SECONDS_S = 60

/** The helper's config file, written by the main step beside the launchers: no secret in it. */
export interface HelperConfig {
  version: 1
  hosts: string[]
  /** The token cache shared with `ibmcloud-iam-token` (mode 0600). */
  cache: string
  /** How to renew: run the token command's bundle with its config; absent when it cannot be. */
  renew?: { node: string; script: string; config: string }
  /** Why the token cannot be renewed, said when it runs out. */
  why?: string
}

export interface HelperIo {
  nowMs: () => number
  files: Files
  readStdin: () => Promise<string>
  /** Runs the token command; resolves with its exit code and output. */
  runTokenCommand: (
    renew: NonNullable<HelperConfig['renew']>
  ) => Promise<{ code: number; stdout: string; stderr: string }>
  stdout: (text: string) => void
}

/** Runs one helper call; returns the exit code. Errors go to stdout, as Docker's helpers do. */
export async function runHelper(args: string[], io: HelperIo): Promise<number> {
  const fail = (message: string) => {
    io.stdout(`${message}\n`)
    return 1
  }
  const [configPath, action] = args
  let config: HelperConfig
  try {
    config = parseHelperConfig(io.files.readFile(configPath ?? ''))
  } catch {
    return fail(
      `${HELPER}: cannot read its config (${configPath ?? 'none given'}): run it through the ` +
        'launcher the IBM Cloud IAM token action put on PATH in an earlier step of this job.'
    )
  }
  switch (action) {
    case 'get': {
      const server = (await io.readStdin()).trim()
      if (!config.hosts.includes(serverHost(server))) return fail(NOT_FOUND)
      const token = await currentToken(config, io)
      if ('error' in token) return fail(token.error)
      io.stdout(JSON.stringify({ ServerURL: server, Username: USERNAME, Secret: token.value }))
      return 0
    }
    case 'list':
      io.stdout(JSON.stringify(Object.fromEntries(config.hosts.map((h) => [h, USERNAME]))))
      return 0
    case 'store':
    case 'erase':
      // `docker login` / `docker logout`: nothing is stored, the token comes from IAM each time.
      await io.readStdin()
      return 0
    default:
      return fail(
        `${HELPER}: usage: ${HELPER} get|list|store|erase (Docker's credential-helper protocol)`
      )
  }
}

async function currentToken(
  config: HelperConfig,
  io: HelperIo
): Promise<{ value: string } | { error: string }> {
  const now = Math.floor(io.nowMs() / 1000)
  const cached = readCache(io.files, config.cache)
  const left = cached ? cached.expiration - now : -1
  if (cached && left >= MIN_VALID_S) return { value: cached.accessToken }
  if (!config.renew) {
    if (cached && left > LAST_SECONDS_S) return { value: cached.accessToken }
    const when = cached ? ` at ${new Date(cached.expiration * 1000).toISOString()}` : ''
    return {
      error:
        `${HELPER}: the IAM token of the action's main step expired${when} and cannot be renewed ` +
        `(${config.why ?? 'no renewable credential'}). To push or pull past the token's hour, give ` +
        'the action ephemeral-key: true (with export-env: true) or a keyless source (cr-token-file, ' +
        'vpc-metadata): the helper then renews the token itself.'
    }
  }
  const renewed = await io.runTokenCommand(config.renew)
  const value = renewed.stdout.trim()
  if (renewed.code === 0 && value) return { value }
  // The token command masks secrets with ::add-mask:: lines on stderr: never repeat those.
  const said = renewed.stderr
    .split('\n')
    .filter((line) => line.trim() && !line.startsWith('::'))
    .join(' ')
  return {
    error: `${HELPER}: renewing the IAM token failed: ${said || `exit code ${renewed.code}`}`
  }
}

export function parseHelperConfig(text: string): HelperConfig {
  const json = JSON.parse(text) as Partial<HelperConfig>
  if (
    json?.version !== 1 ||
    !Array.isArray(json.hosts) ||
    !json.hosts.every((h) => typeof h === 'string') ||
    typeof json.cache !== 'string'
  ) {
    throw new Error('not a config this version wrote')
  }
  return json as HelperConfig
}
