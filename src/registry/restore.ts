import type { Files } from '../runner/files.js'
import type { Runner } from '../runner/runner.js'
import { parseRecord, restoreDockerConfig } from './docker-config.js'
import { REGISTRY_STATE } from './install.js'

/**
 * The post step's part for `registries`: puts the Docker config back as the main step found
 * it. Never throws (the job is never failed for it). The record comes from GITHUB_STATE, which
 * any step can write: only a file named config.json, only registry hosts, only helper names
 * are accepted, and only entries still naming our helper are touched.
 */
export function restoreRegistries(runner: Runner, files: Files): void {
  const saved = runner.getState(REGISTRY_STATE)
  if (!saved) return
  const record = parseRecord(saved)
  if (!record) {
    runner.warning(
      'The saved Docker config record is not one the main step wrote: the Docker config was ' +
        'left as it is. Another step may have written GITHUB_STATE.'
    )
    return
  }
  try {
    runner.info(restoreDockerConfig(files, record))
  } catch (err) {
    runner.warning(
      `Could not restore ${record.file}: ${err instanceof Error ? err.message : String(err)}`
    )
  }
}
