/**
 * The real runner (runner/actions-core.ts) against @actions/core, as a runner sets it up: the
 * GITHUB_* command files in a temporary folder, INPUT_* variables, workflow commands on stdout.
 * The step scenarios use a recorder instead; the end-to-end suite runs this through dist/.
 */
import { jest } from '@jest/globals'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import { runnerDeps } from '../src/runner/actions-core.js'
import type { Runner } from '../src/runner/runner.js'
import { userAgent } from '../src/version.js'

const FILES = ['GITHUB_OUTPUT', 'GITHUB_ENV', 'GITHUB_STATE', 'GITHUB_PATH', 'GITHUB_STEP_SUMMARY']
let dir: string
let saved: Record<string, string | undefined>
let stdout: string[]

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'actions-core-test-'))
  saved = {}
  for (const name of [...FILES, 'INPUT_ENV-NAME', 'STATE_KEY_ID', 'PATH'])
    saved[name] = process.env[name]
  for (const name of FILES) {
    process.env[name] = join(dir, name)
    writeFileSync(join(dir, name), '')
  }
  stdout = []
  jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout.push(String(chunk))
    return true
  })
})

afterEach(() => {
  jest.restoreAllMocks()
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name]
    else process.env[name] = value
  }
  process.exitCode = undefined
  rmSync(dir, { recursive: true, force: true })
})

const file = (name: string) => readFileSync(join(dir, name), 'utf8')

/** `name<<delimiter\nvalue\ndelimiter\n` entries of a GITHUB_* file, as the runner reads them. */
function entries(name: string): Record<string, string> {
  const out: Record<string, string> = {}
  const re = /^([^<\n]+)<<(\S+)\n([\s\S]*?)\n\2\n/gm
  for (const m of file(name).matchAll(re)) out[m[1]!] = m[3]!
  return out
}

describe('the real runner', () => {
  // Built in each test, not when the file loads: a bug in runnerDeps() fails these tests by
  // name instead of crashing the file.
  let runner: Runner
  beforeEach(() => {
    runner = runnerDeps().runner
  })

  it('reads an input untrimmed, and a saved state', () => {
    process.env['INPUT_ENV-NAME'] = '  MY_TOKEN\n'
    process.env.STATE_KEY_ID = 'ApiKey-1234abcd'
    expect(runner.getInput('env-name')).toBe('  MY_TOKEN\n')
    expect(runner.getInput('not-set')).toBe('')
    expect(runner.getState('KEY_ID')).toBe('ApiKey-1234abcd')
  })

  it('writes outputs, variables and state to their files', () => {
    runner.setOutput('token', 'out-value')
    runner.exportVariable('IBMCLOUD_IAM_TOKEN', 'env-value')
    runner.saveState('KEY_ID', 'state-value')
    expect(entries('GITHUB_OUTPUT')).toEqual({ token: 'out-value' })
    expect(entries('GITHUB_ENV')).toEqual({ IBMCLOUD_IAM_TOKEN: 'env-value' })
    expect(entries('GITHUB_STATE')).toEqual({ KEY_ID: 'state-value' })
    expect(process.env.IBMCLOUD_IAM_TOKEN).toBe('env-value')
    delete process.env.IBMCLOUD_IAM_TOKEN
  })

  it('adds a folder to PATH for later steps and this one', () => {
    runner.addPath('/opt/tool/bin')
    expect(file('GITHUB_PATH')).toBe('/opt/tool/bin\n')
    expect(process.env.PATH?.startsWith('/opt/tool/bin')).toBe(true)
  })

  it('prints masks, log lines, annotations and the failure as workflow commands', () => {
    runner.setSecret('s3cret-value')
    runner.debug('a debug line')
    runner.info('an info line')
    runner.notice('a notice')
    runner.warning('a warning')
    runner.setFailed('it failed')
    expect(stdout.join('')).toBe(
      [
        '::add-mask::s3cret-value',
        '::debug::a debug line',
        'an info line',
        '::notice::a notice',
        '::warning::a warning',
        '::error::it failed',
        ''
      ].join('\n')
    )
    expect(process.exitCode).toBe(1)
  })

  it('writes the job summary, and refuses without GITHUB_STEP_SUMMARY', async () => {
    await runner.writeSummary('### Title')
    expect(file('GITHUB_STEP_SUMMARY')).toBe('### Title\n')
    delete process.env.GITHUB_STEP_SUMMARY
    await expect(runner.writeSummary('x')).rejects.toThrow('GITHUB_STEP_SUMMARY is not set')
  })
})

describe('runnerDeps', () => {
  it('runs on the system clock, the process environment and the real transport', () => {
    const deps = runnerDeps()
    expect(deps.env).toBe(process.env)
    expect(Math.abs(deps.clock.now() - Date.now())).toBeLessThan(1000)
    expect(typeof deps.createTransport({ timeoutMs: 1000 })).toBe('function')
  })

  it("gives the transport the action's User-Agent and the step's deadline", async () => {
    // Answers after 200 ms: inside a 5 s deadline; a transport built without the deadline
    // (setTimeout with no delay) would abort at once.
    const server = createServer((req, res) => {
      setTimeout(() => res.end(String(req.headers['user-agent'])), 200)
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    try {
      const { port } = server.address() as AddressInfo
      const send = runnerDeps().createTransport({ timeoutMs: 5000 })
      const res = await send({ method: 'GET', url: `http://127.0.0.1:${port}/`, headers: {} })
      expect(res).toMatchObject({ status: 200, body: userAgent() })
    } finally {
      await new Promise((resolve) => server.close(resolve))
    }
  })

  it('starts ibmcloud-iam-token with this Node, from the bundle beside the step', () => {
    const here = dirname(fileURLToPath(import.meta.url))
    expect(runnerDeps().tokenCommandScript).toEqual({
      node: process.execPath,
      script: join(here, '..', 'src', 'token-command', 'index.js')
    })
  })
})
