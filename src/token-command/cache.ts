import type { Files } from '../runner/files.js'

/** The token `ibmcloud-iam-token` last printed, in a file only the runner's user can read. */
export interface CachedToken {
  accessToken: string
  /** Epoch seconds. */
  expiration: number
}

/** The cached token, or undefined when there is none (or it is unreadable: renew then). */
export function readCache(files: Files, path: string): CachedToken | undefined {
  try {
    const json = JSON.parse(files.readFile(path)) as Partial<CachedToken>
    if (typeof json.accessToken === 'string' && typeof json.expiration === 'number') {
      return { accessToken: json.accessToken, expiration: json.expiration }
    }
  } catch {
    // no cache yet, or a torn one: renew
  }
  return undefined
}

/**
 * Writes the cache with mode 0600 and renames it into place, so that a reader running at the
 * same moment sees the old token or the new one, never half of one.
 */
export function writeCache(files: Files, path: string, token: CachedToken): void {
  const temp = `${path}.${process.pid}.${Date.now()}.tmp`
  files.writeFile(temp, JSON.stringify(token), 0o600)
  files.rename(temp, path)
}
