import { homedir } from 'node:os'
import { dirname, isAbsolute, join } from 'node:path'
import { ActionError } from '../errors.js'
import type { Files } from '../runner/files.js'
import { serverHost, isRegistryHost } from './hosts.js'
import { HELPER_NAME } from './helper.js'

/**
 * The Docker config the job's tools read (`$DOCKER_CONFIG/config.json`, else
 * `~/.docker/config.json`), with `credHelpers` entries for our hosts added, and what the post
 * step needs to put back. Only helper names are ever written or recorded: no token, no key.
 */
export interface DockerConfigRecord {
  file: string
  /** The file did not exist before the main step. */
  created: boolean
  /** The config had a `credHelpers` object before. */
  hadCredHelpers: boolean
  /** Hosts whose entry the main step added. */
  added: string[]
  /** Hosts whose `credHelpers` entry it replaced, with the helper name that was there. */
  replaced: Record<string, string>
}

/** Where the job's Docker config is: DOCKER_CONFIG's config.json, else the home folder's. */
export function dockerConfigPath(env: Record<string, string | undefined>): string {
  const dir = env.DOCKER_CONFIG?.trim()
  if (dir) return join(dir, 'config.json')
  const home = env.HOME || env.USERPROFILE || homedir()
  return join(home, '.docker', 'config.json')
}

type Json = Record<string, unknown>

/** A config file's JSON object, or a clear error; never changes anything. */
function readConfig(files: Files, file: string): { json: Json; text: string } | undefined {
  const dir = dirname(file)
  const folder = files.stat(dir)
  if (folder && !folder.isDirectory) {
    throw new ActionError(
      `The Docker config folder ${dir} is not a directory (DOCKER_CONFIG must name a folder): ` +
        'fix DOCKER_CONFIG or remove that file, then run again.'
    )
  }
  if (!files.stat(file)) return undefined
  const text = files.readFile(file)
  let json: unknown
  try {
    json = text.trim() ? JSON.parse(text) : {}
  } catch {
    json = undefined
  }
  if (!json || typeof json !== 'object' || Array.isArray(json)) {
    throw new ActionError(
      `The Docker config ${file} is not a JSON object, so it was left as it is: fix or remove ` +
        'it, or set DOCKER_CONFIG to another folder, then run again.'
    )
  }
  const helpers = (json as Json).credHelpers
  if (
    helpers !== undefined &&
    (typeof helpers !== 'object' || helpers === null || Array.isArray(helpers))
  ) {
    throw new ActionError(
      `The Docker config ${file} has a credHelpers that is not an object: fix it first.`
    )
  }
  return { json: json as Json, text }
}

/** Checks, before any request, that the config can be read and changed. */
export function checkDockerConfig(files: Files, file: string): void {
  readConfig(files, file)
}

/** Writes JSON in the file's own indentation (Docker writes tabs), atomically, keeping its mode. */
function writeConfig(files: Files, file: string, json: Json, like?: string): void {
  const indent = /^\{\s*\n([ \t]+)"/.exec(like ?? '')?.[1] ?? '\t'
  const newline = like === undefined || like.endsWith('\n') ? '\n' : ''
  const mode = files.stat(file)?.mode ?? 0o600
  const temp = `${file}.${process.pid}.tmp`
  files.writeFile(temp, `${JSON.stringify(json, null, indent)}${newline}`, mode)
  files.chmod(temp, mode) // whatever the umask
  files.rename(temp, file)
}

/** Adds `credHelpers: {host: "ibmcloud"}` for each host; logs what it replaces or outranks. */
export function addCredHelpers(
  files: Files,
  file: string,
  hosts: string[],
  log: (message: string) => void
): DockerConfigRecord {
  const existing = readConfig(files, file)
  const json: Json = existing?.json ?? {}
  const hadCredHelpers = json.credHelpers !== undefined
  const helpers = { ...((json.credHelpers as Record<string, unknown> | undefined) ?? {}) }
  const auths = (json.auths && typeof json.auths === 'object' ? json.auths : {}) as Json
  const record: DockerConfigRecord = {
    file,
    created: !existing,
    hadCredHelpers,
    added: [],
    replaced: {}
  }
  for (const host of hosts) {
    const before = helpers[host]
    if (before === HELPER_NAME) {
      log(`${file}: credHelpers already sends ${host} to docker-credential-${HELPER_NAME}.`)
      continue
    }
    if (typeof before === 'string') {
      record.replaced[host] = before
      log(
        `${file}: replaced credHelpers entry for ${host} ("${before}"); the post step puts it back.`
      )
    } else {
      record.added.push(host)
    }
    helpers[host] = HELPER_NAME
    const shadowed = Object.keys(auths).filter((key) => serverHost(key) === host)
    if (shadowed.length > 0) {
      log(
        `${file}: the existing auths entry for ${host} is left in place but no longer used while ` +
          'credHelpers names a helper for it (the post step removes ours).'
      )
    }
  }
  json.credHelpers = helpers
  if (!existing) files.makeDir(dirname(file), 0o700)
  writeConfig(files, file, json, existing?.text)
  return record
}

/** The record as GITHUB_STATE holds it, or undefined when it is not one the main step wrote. */
export function parseRecord(text: string): DockerConfigRecord | undefined {
  try {
    const r = JSON.parse(text) as DockerConfigRecord
    const helperName = (v: unknown) => typeof v === 'string' && /^[A-Za-z0-9._-]{1,64}$/.test(v)
    if (
      typeof r.file === 'string' &&
      isAbsolute(r.file) &&
      /(^|[\\/])config\.json$/.test(r.file) &&
      typeof r.created === 'boolean' &&
      typeof r.hadCredHelpers === 'boolean' &&
      Array.isArray(r.added) &&
      r.added.every((h) => typeof h === 'string' && isRegistryHost(h)) &&
      r.replaced &&
      typeof r.replaced === 'object' &&
      Object.entries(r.replaced).every(([h, v]) => isRegistryHost(h) && helperName(v))
    ) {
      return r
    }
  } catch {
    // not ours
  }
  return undefined
}

/**
 * The post step: removes the entries the main step added and puts back those it replaced,
 * only where the entry still names our helper (a later step's change is kept); removes a file
 * it created once nothing else is in it. Returns what it did, in one line.
 */
export function restoreDockerConfig(files: Files, record: DockerConfigRecord): string {
  const existing = readConfig(files, record.file)
  if (!existing) return `${record.file} is gone: nothing to restore.`
  const json = existing.json
  const helpers = { ...((json.credHelpers as Record<string, unknown> | undefined) ?? {}) }
  let changed = 0
  for (const host of [...record.added, ...Object.keys(record.replaced)]) {
    if (helpers[host] !== HELPER_NAME) continue
    const before = record.replaced[host]
    if (before === undefined) delete helpers[host]
    else helpers[host] = before
    changed++
  }
  if (Object.keys(helpers).length === 0 && !record.hadCredHelpers) delete json.credHelpers
  else json.credHelpers = helpers
  if (record.created && Object.keys(json).length === 0) {
    files.remove(record.file)
    return `Removed ${record.file}, which the main step created.`
  }
  writeConfig(files, record.file, json, existing.text)
  return `Restored ${record.file}: ${changed} credHelpers ${changed === 1 ? 'entry' : 'entries'} removed or put back.`
}
