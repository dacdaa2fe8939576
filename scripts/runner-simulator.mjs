// @ts-check
/**
 * Runs the committed dist/ bundles (and `run:` scripts) the way a GitHub runner does, and as
 * strictly: no install in the action's folder, inputs as INPUT_<NAME> (hyphens kept) with
 * action.yml's defaults, the GITHUB_OUTPUT / GITHUB_ENV / GITHUB_STATE / GITHUB_PATH /
 * GITHUB_STEP_SUMMARY files, then later steps with the exported environment, PATH and masks,
 * and the post step with STATE_*. Used by the end-to-end suite, `npm run demo` and the bench.
 *
 * Strict where actions/runner is (src/Runner.Worker, v2.33x; docs/RUNNER.md lists the rules):
 * - the step header (`Run …`, its `with:` inputs and `env:`) is written before the step runs:
 *   an input not taken from `secrets.*` (see StepOptions.secretInputs) shows there in clear;
 * - stdout and stderr are separate pipes, read as their data arrives, line by line; each line
 *   is masked when it is written, with the masks registered BEFORE it: a secret printed one line
 *   before its `::add-mask::` stays in the log (OutputManager, SecretMasker);
 * - workflow commands are recognised after leading white space, in any case, and in the legacy
 *   `##[command]data` form anywhere in a line (ActionCommand.cs); `::stop-commands::TOKEN`
 *   turns them off (an `::add-mask::` inside prints as text) until `::TOKEN::`;
 * - `add-mask` registers the value, each trimmed line, and its base64, JSON, URI and XML forms;
 * - GITHUB_OUTPUT / GITHUB_ENV / GITHUB_STATE are parsed as FileCommandManager.cs does, and a
 *   malformed file fails the step with the runner's message; NODE_OPTIONS cannot be set;
 * - a job summary above 1 MiB is not uploaded (an error annotation, the step result unchanged);
 *   what is uploaded is masked.
 */
import { spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { delimiter, dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')

/** The most a step's job summary may hold (SUMMARY_UPLOAD_LIMIT in CreateStepSummaryCommand). */
export const SUMMARY_LIMIT = 1024 * 1024

/** How the action is named in the step header, as a workflow would use it. */
const USES = 'OWNER/ibmcloud-iam-token-action@v1'

/**
 * @typedef {{ command: string, value: string, properties: Record<string, string>, line: number }} WorkflowCommand
 *   a command the runner processed; `line` indexes StepResult.lines
 * @typedef {object} StepResult
 * @property {number | null} code the process's exit code
 * @property {'success' | 'failure'} conclusion what the runner makes of the step: failure when
 *   the code is not 0 or the runner refused a file or a command (see runnerErrors)
 * @property {string[]} runnerErrors why the runner failed a step whose process exited 0
 * @property {string} stdout
 * @property {string} stderr
 * @property {string[]} lines what the process printed, line by line, stdout and stderr
 *   interleaved in the order the runner read them
 * @property {WorkflowCommand[]} commands
 * @property {string[]} log what the runner wrote to the step's log, header first, each line
 *   masked with the masks registered before it; commands hidden, except `##[debug]`,
 *   `##[error]`, `##[warning]`, `##[notice]`, `##[group]`, `##[endgroup]` lines
 * @property {string[]} masks every value masked by the end of the step (job secrets, earlier
 *   steps, this step), with the runner's derived forms
 * @property {Record<string, string>} outputs
 * @property {Record<string, string>} exportedEnv what this step wrote to GITHUB_ENV
 * @property {Record<string, string>} jobEnv the environment later steps get: earlier steps'
 *   GITHUB_ENV and this one's
 * @property {Record<string, string>} state what this step saved (GITHUB_STATE); a `run:`
 *   step passes on the state of the step it ran after, for a post step later
 * @property {string} summary what the step wrote to GITHUB_STEP_SUMMARY
 * @property {string | null} uploadedSummary the summary as GitHub shows it (masked), or null
 *   when it was above SUMMARY_LIMIT
 * @property {string[]} paths directories this step added to PATH (GITHUB_PATH), in order
 * @property {string[]} jobPaths every directory steps so far added, as later steps see them
 * @property {string[]} workspaceFiles files left in the job's workspace (must be none)
 * @property {number} ms
 * @typedef {object} StepOptions
 * @property {Record<string, string>} [inputs] the step's `with:` (for `runStep`)
 * @property {string[]} [secretInputs] names of the inputs whose value comes from `secrets.*`:
 *   the runner masks those before the job starts, so the header shows `***`. Default
 *   `['apikey']`; pass `[]` for a workflow that writes the key in clear (or from `vars.*`)
 * @property {string[]} [secrets] other values of the job's `secrets.*` (masked from the start)
 * @property {string | null} [caPath] becomes NODE_EXTRA_CA_CERTS
 * @property {Record<string, string>} [env] the step's `env:` (HTTPS_PROXY, GITHUB_ACTOR, ...),
 *   printed in its header
 * @property {StepResult} [after] the step this one runs after: its jobEnv, jobPaths and masks
 *   carry over, and a post step gets its state as STATE_*
 * @property {Record<string, string>} [state] for a post step: the state saved by main, when
 *   `after` is a later step (default `after.state`)
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

/**
 * Reads a GITHUB_OUTPUT / GITHUB_ENV / GITHUB_STATE file as the runner does
 * (FileCommandManager.cs, EnvFileKeyValuePairs): `name=value` or `name<<DELIM` … `DELIM`, LF or
 * CRLF. Throws the runner's message on a malformed file (the runner then fails the step,
 * keeping the pairs read before the bad line: see parseCommandFileStrict).
 * @param {string} text
 */
export function parseCommandFile(text) {
  const { pairs, error } = parseCommandFileStrict(text)
  if (error) throw new Error(error)
  return pairs
}

/** @param {string} text @returns {{ pairs: Record<string, string>, error?: string }} */
export function parseCommandFileStrict(text) {
  /** @type {Record<string, string>} */
  const pairs = {}
  let index = 0
  /** The next line and the newline that ended it (null at the end of the text). */
  const readLine = () => {
    if (index >= text.length) return null
    const lf = text.indexOf('\n', index)
    if (lf < 0) {
      const line = text.slice(index)
      index = text.length
      return { line, newline: null }
    }
    const crlf = lf > index && text[lf - 1] === '\r'
    const line = text.slice(index, crlf ? lf - 1 : lf)
    index = lf + 1
    return { line, newline: crlf ? '\r\n' : '\n' }
  }
  try {
    for (let next = readLine(); next; next = readLine()) {
      const { line } = next
      if (line === '') continue
      const equals = line.indexOf('=')
      const heredoc = line.indexOf('<<')
      if (equals >= 0 && (heredoc < 0 || equals < heredoc)) {
        const name = line.slice(0, equals)
        if (!name) throw new Error(`Invalid format '${line}'. Name must not be empty`)
        pairs[name] = line.slice(equals + 1)
      } else if (heredoc >= 0 && (equals < 0 || heredoc < equals)) {
        const name = line.slice(0, heredoc)
        const delim = line.slice(heredoc + 2)
        if (!name || !delim) {
          throw new Error(
            `Invalid format '${line}'. Name must not be empty and delimiter must not be empty`
          )
        }
        const start = index
        let end = index
        for (let value = readLine(); value?.line !== delim; value = readLine()) {
          if (!value) throw new Error(`Invalid value. Matching delimiter not found '${delim}'`)
          if (value.newline === null) throw new Error('Invalid value. EOF marker missing new line.')
          end = index - value.newline.length
        }
        pairs[name] = end > start ? text.slice(start, end) : ''
      } else {
        throw new Error(`Invalid format '${line}'`)
      }
    }
  } catch (err) {
    return { pairs, error: /** @type {Error} */ (err).message }
  }
  return { pairs }
}

/** The runner's %-escapes undone (command data: %0D, %0A, %25 only). @param {string} s */
export function unescapeData(s) {
  return s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%')
}

/** Property values and legacy `##[...]` data also unescape `;`, `]`, `:` and `,`. @param {string} s */
function unescapeProperty(s) {
  return s
    .replace(/%3B/g, ';')
    .replace(/%0D/g, '\r')
    .replace(/%0A/g, '\n')
    .replace(/%5D/g, ']')
    .replace(/%3A/g, ':')
    .replace(/%2C/g, ',')
    .replace(/%25/g, '%')
}

/** The commands the runner registers (ActionCommandManager's extensions and its own). */
export const RUNNER_COMMANDS = [
  'add-mask',
  'add-matcher',
  'add-path',
  'debug',
  'echo',
  'endgroup',
  'error',
  'group',
  'notice',
  'remove-matcher',
  'save-state',
  'set-env',
  'set-output',
  'stop-commands',
  'warning'
]

/**
 * The command a line carries, as ActionCommand.TryParseV2 then TryParse read it: `::name
 * k=v,k=v::data` after leading white space, or `##[name k=v;k=v]data` anywhere in the line; the
 * name in any case (returned in lower case). Undefined when the line is no known command.
 * @param {string} line @param {Set<string>} [known] lower-case names
 * @returns {{ command: string, value: string, properties: Record<string, string> } | undefined}
 */
export function parseCommandLine(line, known = new Set(RUNNER_COMMANDS)) {
  /** @type {Record<string, string>} */
  const properties = {}
  /** @param {string} text @param {string} sep */
  const readProperties = (text, sep) => {
    for (const pair of text.trim().split(sep).filter(Boolean)) {
      const at = pair.indexOf('=')
      if (at > 0 && at < pair.length - 1)
        properties[pair.slice(0, at)] = unescapeProperty(pair.slice(at + 1))
    }
  }
  const trimmed = line.trimStart()
  if (trimmed.startsWith('::')) {
    const end = trimmed.indexOf('::', 2)
    if (end >= 0) {
      const info = trimmed.slice(2, end)
      const space = info.indexOf(' ')
      const name = (space < 0 ? info : info.slice(0, space)).toLowerCase()
      if (known.has(name)) {
        if (space > 0) readProperties(info.slice(space + 1), ',')
        return { command: name, value: unescapeData(trimmed.slice(end + 2)), properties }
      }
    }
  }
  const prefix = line.indexOf('##[')
  if (prefix < 0) return undefined
  const bracket = line.indexOf(']', prefix)
  if (bracket < 0) return undefined
  const info = line.slice(prefix + 3, bracket)
  const space = info.indexOf(' ')
  const name = (space < 0 ? info : info.slice(0, space)).toLowerCase()
  if (!known.has(name)) return undefined
  if (space > 0) readProperties(info.slice(space + 1), ';')
  return { command: name, value: unescapeProperty(line.slice(bracket + 1)), properties }
}

/** `::name key=value::message` lines, as the runner recognises them. @param {string[]} lines @returns {WorkflowCommand[]} */
export function parseCommands(lines) {
  /** @type {WorkflowCommand[]} */
  const commands = []
  lines.forEach((l, line) => {
    const c = parseCommandLine(l)
    if (c) commands.push({ ...c, line })
  })
  return commands
}

/** The forms the runner's SecretMasker adds for a value (HostContext.cs, ValueEncoders.cs). @param {string} value */
function encodedForms(value) {
  const bytes = Buffer.from(value, 'utf8')
  /** base64 without the characters that depend on what follows. @param {Buffer} b */
  const base64 = (b) => {
    const s = b.toString('base64')
    const pad = s.length - s.replace(/=+$/, '').length
    return pad ? s.slice(0, s.length - pad - 1) : s
  }
  const forms = [base64(bytes)]
  for (const shift of [1, 2]) if (bytes.length > shift) forms.push(base64(bytes.subarray(shift)))
  forms.push(JSON.stringify(value).slice(1, -1))
  forms.push(
    encodeURIComponent(value).replace(
      /[!'()*]/g,
      (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`
    )
  )
  forms.push(
    value
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
  )
  return forms.filter((f) => f.length > 0)
}

/** The runner's secret masker: values added as `add-mask` registers them, replaced by `***`. */
export class SecretMasker {
  /** @param {Iterable<string>} [values] already registered values (not derived again) */
  constructor(values = []) {
    /** @type {Set<string>} */
    this.values = new Set([...values].filter(Boolean))
  }

  /** What `::add-mask::value` registers. @param {string} value */
  add(value) {
    if (!value) return
    const forms = new Set([value])
    for (const line of value.split(/\r?\n/)) if (line.trim()) forms.add(line.trim())
    for (const form of [...forms]) for (const encoded of encodedForms(form)) forms.add(encoded)
    for (const form of forms) this.values.add(form)
  }

  /** Every occurrence of every value replaced; overlapping matches merged into one `***`. @param {string} text */
  mask(text) {
    /** @type {[number, number][]} */
    const ranges = []
    for (const value of this.values) {
      for (let at = text.indexOf(value); at >= 0; at = text.indexOf(value, at + 1)) {
        ranges.push([at, at + value.length])
      }
    }
    if (ranges.length === 0) return text
    ranges.sort((a, b) => a[0] - b[0])
    let out = ''
    let pos = 0
    let [start, end] = ranges[0] ?? [0, 0]
    for (const [s, e] of ranges.slice(1)) {
      if (s <= end) end = Math.max(end, e)
      else {
        out += `${text.slice(pos, start)}***`
        pos = end
        start = s
        end = e
      }
    }
    return `${out}${text.slice(pos, start)}***${text.slice(end)}`
  }
}

/**
 * What the runner does with a step's output: one line at a time, in the order read, a command
 * processed or the line masked and written to the log. @param {SecretMasker} masker
 * @param {{ debug: boolean }} options
 */
function outputManager(masker, { debug }) {
  /** @type {string[]} */
  const lines = []
  /** @type {string[]} */
  const log = []
  /** @type {WorkflowCommand[]} */
  const commands = []
  /** @type {string[]} */
  const runnerErrors = []
  /** @type {Record<string, string>} */
  const outputs = {}
  /** @type {Record<string, string>} */
  const state = {}
  /** @type {string | null} */
  let stopToken = null
  const known = new Set(RUNNER_COMMANDS)
  /** @param {string} text */
  const write = (text) => log.push(masker.mask(text))

  /** @param {string} line */
  const onLine = (line) => {
    const index = lines.push(line) - 1
    const c = parseCommandLine(line, known)
    if (!c) return write(line)
    if (stopToken !== null) {
      if (c.command !== stopToken) return write(line)
      known.delete(stopToken)
      stopToken = null
      return write(line)
    }
    commands.push({ ...c, line: index })
    switch (c.command) {
      case 'stop-commands':
        write(line)
        stopToken = c.value.toLowerCase()
        known.add(stopToken)
        return
      case 'add-mask':
        if (!c.value.trim())
          write("##[warning]Can't add secret mask for empty string in ##[add-mask] command.")
        else masker.add(c.value)
        return
      case 'debug':
        if (debug) write(`##[debug]${c.value}`)
        return
      case 'error':
      case 'warning':
      case 'notice':
        return write(`##[${c.command}]${c.value}`)
      case 'group':
        return write(`##[group]${c.value}`)
      case 'endgroup':
        return write('##[endgroup]')
      case 'set-output':
        outputs[c.properties.name ?? ''] = c.value
        return write(
          '##[warning]The `set-output` command is deprecated and will be disabled soon. Please upgrade to using Environment Files.'
        )
      case 'save-state':
        state[c.properties.name ?? ''] = c.value
        return write(
          '##[warning]The `save-state` command is deprecated and will be disabled soon. Please upgrade to using Environment Files.'
        )
      case 'set-env':
      case 'add-path': {
        const message = `The \`${c.command}\` command is disabled. Please upgrade to using Environment Files or opt into unsecure command execution by setting the \`ACTIONS_ALLOW_UNSECURE_COMMANDS\` environment variable to \`true\`.`
        runnerErrors.push(message)
        return write(`##[error]${message}`)
      }
      default:
        return // echo, add-matcher, remove-matcher: nothing in the log
    }
  }
  return { onLine, write, lines, log, commands, runnerErrors, outputs, state }
}

/**
 * Runs a process with its stdout and stderr on separate pipes, handing each complete line to
 * `onLine` as it arrives (a line's `\r` before `\n` dropped, a last line without newline kept).
 * @param {string} command @param {string[]} args @param {{ cwd: string, env: Record<string, string> }} options
 * @param {(line: string) => void} onLine
 */
async function runProcess(command, args, options, onLine) {
  const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  /** @param {import('node:stream').Readable} stream @param {(text: string) => void} keep */
  const lineReader = (stream, keep) => {
    let partial = ''
    stream.setEncoding('utf8')
    stream.on('data', (/** @type {string} */ chunk) => {
      keep(chunk)
      const parts = (partial + chunk).split('\n')
      partial = parts.pop() ?? ''
      for (const line of parts) onLine(line.replace(/\r$/, ''))
    })
    return new Promise((done) =>
      stream.on('end', () => {
        if (partial) onLine(partial.replace(/\r$/, ''))
        done(undefined)
      })
    )
  }
  const read = Promise.all([
    lineReader(child.stdout, (t) => (stdout += t)),
    lineReader(child.stderr, (t) => (stderr += t))
  ])
  /** @type {number | null} */
  const code = await new Promise((done, fail) => {
    child.on('error', fail)
    child.on('close', (c) => done(c))
  })
  await read
  return { code, stdout, stderr }
}

/**
 * The header the runner writes before a step runs: `Run <what>`, the `with:` inputs and the
 * `env:`, masked with the masks registered so far. @param {string} title
 * @param {Record<string, string>} inputs @param {Record<string, string>} env
 * @param {string[]} [body] a `run:` step's script lines and shell
 */
function header(title, inputs, env, body = []) {
  // The runner indents these under the title; they are left flush here.
  const lines = [`##[group]${title}`, ...body]
  const withLines = Object.entries(inputs).filter(([, v]) => v !== '')
  if (withLines.length) lines.push('with:', ...withLines.map(([k, v]) => `  ${k}: ${v}`))
  const envLines = Object.entries(env)
  if (envLines.length) lines.push('env:', ...envLines.map(([k, v]) => `  ${k}: ${v}`))
  lines.push('##[endgroup]')
  // A multi-line value continues on the next lines, each masked as the runner masks lines.
  return lines.flatMap((l) => l.split('\n'))
}

/** The runner's own variables and the files a step writes, in a fresh folder. @param {string} entry @param {StepOptions} options */
function stepFiles(entry, options) {
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
  const jobPaths = options.after?.jobPaths ?? options.after?.paths ?? []
  /** @type {Record<string, string>} */
  const runnerEnv = {
    PATH: [...jobPaths, process.env.PATH ?? '/usr/bin:/bin'].join(delimiter),
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
    ...(options.caPath ? { NODE_EXTRA_CA_CERTS: options.caPath } : {})
  }
  /** The env context: what earlier steps exported, then this step's `env:`. */
  const stepEnv = { ...(options.after?.jobEnv ?? options.after?.exportedEnv ?? {}), ...options.env }
  return { dir, workspace, files, runnerEnv, stepEnv, jobPaths }
}

/**
 * One step from start to end: header, process, then the files the runner reads afterwards.
 * @param {StepOptions} options @param {ReturnType<typeof stepFiles>} step
 * @param {{ title: string, inputs: Record<string, string>, body?: string[], command: string, args: string[], env: Record<string, string> }} run
 * @returns {Promise<StepResult>}
 */
async function executeStep(options, step, run) {
  const secretInputs = options.secretInputs ?? ['apikey']
  const masker = new SecretMasker(options.after?.masks)
  for (const name of secretInputs) masker.add(run.inputs[name] ?? '')
  for (const value of options.secrets ?? []) masker.add(value)
  const out = outputManager(masker, { debug: options.debug !== false })
  for (const line of header(run.title, run.inputs, step.stepEnv, run.body)) out.write(line)

  const started = Date.now()
  const { code, stdout, stderr } = await runProcess(
    run.command,
    run.args,
    { cwd: step.workspace, env: run.env },
    out.onLine
  )
  const ms = Date.now() - started

  /** @param {string} f */
  const read = (f) => readFileSync(f, 'utf8')
  /** @param {keyof typeof step.files} name */
  const fileCommand = (name) => {
    const { pairs, error } = parseCommandFileStrict(read(step.files[name]))
    if (error) {
      const message = `Unable to process file command '${name.replace(/^GITHUB_/, '').toLowerCase()}' successfully. ${error}`
      out.runnerErrors.push(message)
      out.write(`##[error]${message}`)
    }
    return pairs
  }
  const outputs = { ...out.outputs, ...fileCommand('GITHUB_OUTPUT') }
  const exportedEnv = fileCommand('GITHUB_ENV')
  if ('NODE_OPTIONS' in exportedEnv) {
    delete exportedEnv.NODE_OPTIONS
    out.write("##[warning]Can't store NODE_OPTIONS output parameter using '$GITHUB_ENV' command.")
  }
  const saved = { ...out.state, ...fileCommand('GITHUB_STATE') }
  const paths = read(step.files.GITHUB_PATH)
    .split('\n')
    .map((p) => p.trim())
    .filter(Boolean)
  const summary = read(step.files.GITHUB_STEP_SUMMARY)
  /** @type {string | null} */
  let uploadedSummary = summary
    .split('\n')
    .map((l) => masker.mask(l))
    .join('\n')
  if (Buffer.byteLength(summary) > SUMMARY_LIMIT) {
    uploadedSummary = null
    out.write(
      `##[error]$GITHUB_STEP_SUMMARY upload aborted, supports content up to a size of ${SUMMARY_LIMIT / 1024}k, got ${Math.ceil(Buffer.byteLength(summary) / 1024)}k. For more information see: https://docs.github.com/actions/using-workflows/workflow-commands-for-github-actions#adding-a-markdown-summary`
    )
  }
  /** @type {StepResult} */
  const result = {
    code,
    conclusion: code === 0 && out.runnerErrors.length === 0 ? 'success' : 'failure',
    runnerErrors: out.runnerErrors,
    stdout,
    stderr,
    lines: out.lines,
    commands: out.commands,
    log: out.log,
    masks: [...masker.values],
    outputs,
    exportedEnv,
    jobEnv: { ...(options.after?.jobEnv ?? options.after?.exportedEnv ?? {}), ...exportedEnv },
    state: saved,
    summary,
    uploadedSummary,
    paths,
    jobPaths: [...[...paths].reverse(), ...step.jobPaths],
    workspaceFiles: readdirSync(step.workspace),
    ms
  }
  rmSync(step.dir, { recursive: true, force: true })
  return result
}

/**
 * The action's main or post step, from dist/. @param {'main' | 'post'} entry
 * @param {StepOptions} options @returns {Promise<StepResult>}
 */
export async function runStep(entry, options) {
  const step = stepFiles(entry, options)
  const inputs = { ...actionDefaults(), ...options.inputs }
  /** @type {Record<string, string>} */
  const env = { ...step.runnerEnv, ...step.stepEnv }
  for (const [name, value] of Object.entries(inputs)) {
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value
  }
  // The runner's own STATE_* override whatever a step planted through GITHUB_ENV.
  for (const [name, value] of Object.entries(options.state ?? options.after?.state ?? {}))
    env[`STATE_${name}`] = value
  const node = resolve(options.node ?? (process.env.E2E_NODE || process.execPath))
  const script = join(resolve(options.dist ?? join(ROOT, 'dist')), entry, 'index.js')
  const result = await executeStep(options, step, {
    title: `${entry === 'post' ? 'Post Run' : 'Run'} ${USES}`,
    inputs,
    command: node,
    args: [script],
    env
  })
  return result
}

/**
 * A later `run:` step of the job: `script` run by bash as the runner runs it
 * (`bash --noprofile --norc -eo pipefail`), with the job's environment, PATH and masks from
 * `options.after`. Its result passes on `after`'s state, so a post step can follow it.
 * @param {string} script @param {Omit<StepOptions, 'inputs' | 'dist'>} [options]
 * @returns {Promise<StepResult>}
 */
export async function runScript(script, options = {}) {
  const step = stepFiles('run', options)
  const file = join(step.dir, 'script.sh')
  writeFileSync(file, script)
  const lines = script.replace(/\n$/, '').split('\n')
  const result = await executeStep(options, step, {
    title: `Run ${lines[0] ?? ''}`,
    body: [...lines, 'shell: /usr/bin/bash -e {0}'],
    inputs: {},
    command: 'bash',
    args: ['--noprofile', '--norc', '-eo', 'pipefail', file],
    env: { ...step.runnerEnv, ...step.stepEnv }
  })
  return { ...result, state: options.state ?? options.after?.state ?? {} }
}

/**
 * What the runner does to a line before it shows it: every masked value, longest first,
 * replaced by ***. (For the unit harness, which masks a finished log at once; a step's
 * own log is masked line by line as written: StepResult.log.) @param {string} text @param {string[]} masks
 */
export function maskAll(text, masks) {
  const longestFirst = masks.filter((m) => m).sort((a, b) => b.length - a.length)
  return longestFirst.reduce((t, m) => t.split(m).join('***'), text)
}

/**
 * What GitHub shows of a step's log: its header and lines as masked when written, annotations
 * as `Error: …`, and debug lines only when the run has debug logging on (GitHub hides them
 * otherwise). @param {StepResult} step @param {{ debug?: boolean, header?: boolean }} [options]
 */
export function renderLog(step, { debug = false, header = true } = {}) {
  const out = []
  const headerEnd = step.log.indexOf('##[endgroup]')
  const lines = header ? step.log : step.log.slice(headerEnd + 1)
  for (const line of lines) {
    const m = /^##\[(error|warning|notice|debug|group|endgroup)\](.*)$/.exec(line)
    if (!m) out.push(line)
    else if (m[1] === 'debug') {
      if (debug) out.push(line)
    } else if (m[1] === 'group') out.push(m[2] ?? '')
    else if (m[1] !== 'endgroup') {
      out.push(`${m[1] === 'error' ? 'Error' : m[1] === 'warning' ? 'Warning' : 'Notice'}: ${m[2]}`)
    }
  }
  return out.join('\n')
}
