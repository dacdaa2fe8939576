// @ts-check
/**
 * Runs the committed dist/ bundles the way a GitHub runner does: no install in the action's
 * folder, inputs as INPUT_<NAME> (hyphens kept) with action.yml's defaults, the GITHUB_OUTPUT /
 * GITHUB_ENV / GITHUB_STATE / GITHUB_STEP_SUMMARY files, then the post step with STATE_* and
 * the exported environment. Used by the end-to-end suite and by `npm run demo`.
 */
import { spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')

/**
 * @typedef {{ command: string, value: string }} WorkflowCommand
 * @typedef {object} StepResult
 * @property {number | null} code
 * @property {string} stdout
 * @property {string} stderr
 * @property {string[]} lines stdout then stderr, line by line
 * @property {WorkflowCommand[]} commands
 * @property {Record<string, string>} outputs
 * @property {Record<string, string>} exportedEnv
 * @property {Record<string, string>} state
 * @property {string} summary
 * @property {string[]} paths directories the step added to PATH (GITHUB_PATH), in order
 * @property {string[]} workspaceFiles files left in the job's workspace (must be none)
 * @property {number} ms
 * @typedef {object} StepOptions
 * @property {Record<string, string>} inputs
 * @property {string | null} [caPath] becomes NODE_EXTRA_CA_CERTS
 * @property {Record<string, string>} [env] extra environment (HTTPS_PROXY, GITHUB_ACTOR, ...)
 * @property {StepResult} [after] for the post step: what the main step saved and exported
 * @property {boolean} [debug] RUNNER_DEBUG=1 unless false
 * @property {string} [node] the Node binary; default E2E_NODE or this process's
 * @property {string} [dist] the folder holding <entry>/index.js; default this checkout's dist/
 * @property {string} [runnerTemp] RUNNER_TEMP, kept after the step (for later steps of a job);
 *   default a fresh folder removed with the step
 */

/** The `default:` of each input in action.yml (the runner fills these in). */
export function actionDefaults() {
  const lines = readFileSync(join(ROOT, 'action.yml'), 'utf8').split('\n')
  /** @type {Record<string, string>} */
  const defaults = {}
  let section = ''
  let input = ''
  for (const line of lines) {
    if (/^\S/.test(line)) section = line.replace(/:.*$/, '')
    if (section !== 'inputs') continue
    const name = /^ {2}([a-z0-9-]+):\s*$/.exec(line)
    if (name) input = name[1] ?? ''
    const def = /^ {4}default:\s*(.*)$/.exec(line)
    if (def && input) defaults[input] = (def[1] ?? '').replace(/^'(.*)'$/, '$1')
  }
  return defaults
}

/** Reads a GITHUB_OUTPUT-style file: `name<<delim\nvalue\ndelim` or `name=value`. @param {string} text */
export function parseCommandFile(text) {
  /** @type {Record<string, string>} */
  const out = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? ''
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line)
    if (heredoc) {
      const [, name = '', delim] = heredoc
      const value = []
      for (i++; i < lines.length && lines[i] !== delim; i++) value.push(lines[i])
      out[name] = value.join('\n')
    } else if (line.includes('=')) {
      out[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1)
    }
  }
  return out
}

/** The runner's %-escapes undone. @param {string} s */
export function unescapeData(s) {
  return s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%')
}

/** `::name key=value::message` lines. @param {string[]} lines @returns {WorkflowCommand[]} */
export function parseCommands(lines) {
  /** @type {WorkflowCommand[]} */
  const commands = []
  for (const line of lines) {
    const m = /^::([a-z-]+)(?: [^:]*)?::(.*)$/.exec(line)
    if (m) commands.push({ command: m[1] ?? '', value: unescapeData(m[2] ?? '') })
  }
  return commands
}

/** @param {'main' | 'post'} entry @param {StepOptions} options @returns {Promise<StepResult>} */
export async function runStep(entry, options) {
  const dir = mkdtempSync(join(tmpdir(), `gha-${entry}-`))
  const workspace = join(dir, 'workspace')
  mkdirSync(workspace)
  const files = {
    GITHUB_OUTPUT: join(dir, 'output'),
    GITHUB_ENV: join(dir, 'env'),
    GITHUB_STATE: join(dir, 'state'),
    GITHUB_STEP_SUMMARY: join(dir, 'summary'),
    GITHUB_PATH: join(dir, 'path')
  }
  for (const f of Object.values(files)) writeFileSync(f, '')

  /** @type {Record<string, string>} */
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: dir,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: workspace,
    GITHUB_REPOSITORY: 'acme/widgets',
    GITHUB_RUN_ID: '4242',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_JOB: 'deploy',
    GITHUB_SERVER_URL: 'https://github.com',
    RUNNER_TEMP: options.runnerTemp ?? dir,
    RUNNER_ENVIRONMENT: 'github-hosted',
    ...files,
    ...(options.debug === false ? {} : { RUNNER_DEBUG: '1' }),
    ...(options.caPath ? { NODE_EXTRA_CA_CERTS: options.caPath } : {}),
    ...(options.after?.exportedEnv ?? {}),
    ...options.env
  }
  for (const [name, value] of Object.entries({ ...actionDefaults(), ...options.inputs })) {
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value
  }
  for (const [name, value] of Object.entries(options.after?.state ?? {}))
    env[`STATE_${name}`] = value

  const node = resolve(options.node ?? (process.env.E2E_NODE || process.execPath))
  const started = Date.now()
  const script = join(resolve(options.dist ?? join(ROOT, 'dist')), entry, 'index.js')
  const child = spawn(node, [script], { cwd: workspace, env })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (/** @type {Buffer} */ d) => (stdout += d.toString()))
  child.stderr.on('data', (/** @type {Buffer} */ d) => (stderr += d.toString()))
  /** @type {number | null} */
  const code = await new Promise((done, fail) => {
    child.on('error', fail)
    child.on('close', (c) => done(c))
  })
  const ms = Date.now() - started

  /** @param {string} f */
  const read = (f) => readFileSync(f, 'utf8')
  const lines = [...stdout.split('\n'), ...stderr.split('\n')].filter((l) => l.length > 0)
  /** @type {StepResult} */
  const result = {
    code,
    stdout,
    stderr,
    lines,
    commands: parseCommands(lines),
    outputs: parseCommandFile(read(files.GITHUB_OUTPUT)),
    exportedEnv: parseCommandFile(read(files.GITHUB_ENV)),
    state: parseCommandFile(read(files.GITHUB_STATE)),
    summary: read(files.GITHUB_STEP_SUMMARY),
    paths: read(files.GITHUB_PATH).split('\n').filter(Boolean),
    workspaceFiles: readdirSync(workspace),
    ms
  }
  rmSync(dir, { recursive: true, force: true })
  return result
}

/**
 * What the runner does to a line before it shows it: every masked value, longest first,
 * replaced by ***. @param {string} text @param {string[]} masks
 */
export function maskAll(text, masks) {
  const longestFirst = masks.filter((m) => m).sort((a, b) => b.length - a.length)
  return longestFirst.reduce((t, m) => t.split(m).join('***'), text)
}

/**
 * What a runner shows in the log: masked values replaced by ***, workflow commands other than
 * annotations hidden, and debug lines only when the run has debug logging on (GitHub hides them
 * otherwise). @param {StepResult} step @param {{ debug?: boolean }} [options]
 */
export function renderLog(step, { debug = false } = {}) {
  const masks = step.commands.filter((c) => c.command === 'add-mask').map((c) => c.value)
  /** @param {string} s */
  const mask = (s) => maskAll(s, masks)
  const out = []
  for (const line of step.lines) {
    const cmd = /^::([a-z-]+)(?: [^:]*)?::(.*)$/.exec(line)
    if (!cmd) out.push(mask(line))
    else if (['error', 'warning', 'notice'].includes(cmd[1] ?? '')) {
      out.push(
        `${cmd[1] === 'error' ? 'Error' : cmd[1] === 'warning' ? 'Warning' : 'Notice'}: ${mask(unescapeData(cmd[2] ?? ''))}`
      )
    } else if (cmd[1] === 'debug' && debug) out.push(`##[debug]${mask(unescapeData(cmd[2] ?? ''))}`)
  }
  return out.join('\n')
}
