import { basename, dirname, resolve } from 'node:path'
import { oneLine } from '../untrusted.js'
import { CREDENTIALS_FILE, FOLDER_PREFIX, type HandoffFiles } from './sdk-credentials.js'

/**
 * The post step's part: deletes the credentials file the main step wrote, and its folder.
 * The path comes from GITHUB_STATE, which any step can write, so it is deleted only when it is
 * exactly `<RUNNER_TEMP>/ibm-credentials-XXXXXX/ibm-credentials.env` and a regular file (a
 * symbolic link is never followed). Never throws: returns the line to log.
 */
export function removeCredentialsFile(
  saved: string,
  runnerTemp: string | undefined,
  files: HandoffFiles
): { level: 'info' | 'warning'; message: string } | undefined {
  if (!saved) return undefined
  const shown = oneLine(saved)
  const folder = dirname(saved)
  const ours =
    !!runnerTemp &&
    basename(saved) === CREDENTIALS_FILE &&
    resolve(saved) === saved &&
    dirname(folder) === resolve(runnerTemp) &&
    new RegExp(`^${FOLDER_PREFIX}[A-Za-z0-9]{6}$`).test(basename(folder))
  if (!ours) {
    return {
      level: 'warning',
      message:
        `The saved credentials file "${shown}" is not one this action writes (under RUNNER_TEMP): ` +
        'nothing deleted. Another step may have written GITHUB_STATE.'
    }
  }
  try {
    const regular = files.isRegularFile(saved)
    if (regular === undefined) {
      return { level: 'info', message: `${shown} is already gone: nothing to delete.` }
    }
    if (!regular) {
      return { level: 'warning', message: `${shown} is not a regular file: nothing deleted.` }
    }
    files.unlink(saved)
    try {
      files.rmdir(folder)
    } catch {
      // not empty: what another step put there stays (the runner empties RUNNER_TEMP)
    }
    return { level: 'info', message: `Deleted the IBM SDK credentials file ${shown}.` }
  } catch (err) {
    const code = (err as { code?: unknown }).code
    return {
      level: 'warning',
      message:
        `Could not delete the IBM SDK credentials file ${shown} (${typeof code === 'string' ? code : 'error'}); ` +
        'the runner empties RUNNER_TEMP after the job.'
    }
  }
}
