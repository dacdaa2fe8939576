/**
 * The shipped dist/ behind a hostile network (issue 19, cases 2, 8, 9 and 10): a proxy that
 * accepts and never answers, an HTTP proxy that would read the VPC metadata exchange, an IAM
 * that fails while the token command still holds a usable token, and a redirect. Every step
 * runs like a runner, with debug on; every wait is bounded, so a hang fails its test.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { startTestProxy, within, type TestProxy } from '../helpers/proxies.js'
import { unescapeData } from '../../scripts/runner-simulator.mjs'
import { useEmulator } from './fixture.js'
import { leaks, runStep, secretsOf, type StepResult } from './leak-checks.js'

const normal = useEmulator()
/** Tokens that need renewing at once and are too short to serve from the cache (< 5 min). */
const shortLived = useEmulator({ tokenLifetimeSeconds: 120 })
/** Tokens the token command renews (< 10 min left) but may still serve (>= 5 min). */
const eightMinutes = useEmulator({ tokenLifetimeSeconds: 480 })
type Iam = ReturnType<typeof normal>

/** Two attempts of two seconds: an entry point must end within that and the back-off, plus start-up. */
const LIMITS = { 'timeout-seconds': '2', 'max-attempts': '2' }
const BOUND_MS = 2 * 2000 + 1000 + 4000
/** How long a test waits for a step before it calls it hung. */
const HUNG_MS = 25_000

const files = mkdtempSync(join(tmpdir(), 'hostile-network-e2e-'))
afterAll(() => rmSync(files, { recursive: true, force: true }))
let runnerTemp: string
const proxies: TestProxy[] = []
beforeEach(() => {
  runnerTemp = mkdtempSync(join(tmpdir(), 'runner-temp-'))
})
afterEach(async () => {
  // Closing a silent proxy also releases a step a failed test left hanging on it.
  await Promise.all(proxies.splice(0).map((p) => p.close()))
  rmSync(runnerTemp, { recursive: true, force: true })
})

async function proxyTo(iam: Iam, target = iam.port): Promise<TestProxy> {
  const proxy = await startTestProxy({ target: { host: '127.0.0.1', port: target } })
  proxies.push(proxy)
  return proxy
}

function tokenFile(content: string): string {
  const path = join(files, `sa-token-${Math.random().toString(36).slice(2)}`)
  writeFileSync(path, content)
  return path
}

/** A step from dist/, bounded by HUNG_MS. */
function step(
  entry: 'main' | 'post',
  iam: Iam,
  inputs: Record<string, string>,
  extra: { env?: Record<string, string>; after?: StepResult } = {}
): Promise<StepResult> {
  return within(
    HUNG_MS,
    `the ${entry} step`,
    runStep(entry, { inputs: { ...LIMITS, ...inputs }, caPath: iam.caPath, runnerTemp, ...extra })
  )
}

/** The private regional endpoint: a real IBM host name, so the proxy is used (loopback never is). */
const PRIVATE = { private: 'true', region: 'eu-de' }
const PRIVATE_HOST = 'private.eu-de.iam.cloud.ibm.com:443'

const of = (s: StepResult, command: string) =>
  s.commands.filter((c) => c.command === command).map((c) => c.value)

interface CommandRun {
  code: number | null
  stdout: string
  stderr: string
  ms: number
}

/** A later step runs `ibmcloud-iam-token` from the PATH the main step added to; killed after HUNG_MS. */
async function command(iam: Iam, main: StepResult, env: Record<string, string> = {}) {
  expect(main.paths).toHaveLength(1)
  const started = Date.now()
  const child = spawn('ibmcloud-iam-token', [], {
    env: {
      PATH: `${main.paths[0]}:${process.env.PATH}`,
      GITHUB_ACTIONS: 'true',
      RUNNER_TEMP: runnerTemp,
      NODE_EXTRA_CA_CERTS: iam.caPath!,
      ...main.exportedEnv,
      ...env
    }
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
  const killer = setTimeout(() => child.kill('SIGKILL'), HUNG_MS)
  const code = await new Promise<number | null>((done) => child.on('close', done))
  clearTimeout(killer)
  return { code, stdout, stderr, ms: Date.now() - started } as CommandRun
}

const masksOf = (run: CommandRun) =>
  run.stderr
    .split('\n')
    .filter((l) => l.startsWith('::add-mask::'))
    .map((l) => unescapeData(l.slice('::add-mask::'.length)))

describe('case 2: a proxy that accepts the connection and never answers CONNECT', () => {
  test('the main step times out on each attempt and fails within max-attempts × timeout-seconds', async () => {
    const iam = normal()
    const proxy = await proxyTo(iam)
    proxy.silent = true
    const main = await step(
      'main',
      iam,
      { apikey: iam.seed.apikey, ...PRIVATE },
      { env: { HTTPS_PROXY: proxy.url } }
    )
    expect(main.code).toBe(1)
    expect(main.ms).toBeLessThan(BOUND_MS)
    expect(proxy.connects).toEqual([PRIVATE_HOST, PRIVATE_HOST])
    expect(of(main, 'error')).toEqual([
      expect.stringMatching(/Could not reach IBM Cloud IAM .* after 2 attempts: ETIMEDOUT/)
    ])
    expect(iam.requests).toEqual([])
    expect(leaks(main, secretsOf(iam.seed.apikey, main))).toEqual([])
  })

  test('the post step gives up on the revocation within the bound, with a warning', async () => {
    const iam = normal()
    const proxy = await proxyTo(iam)
    const env = { HTTPS_PROXY: proxy.url }
    const inputs = { apikey: iam.seed.apikey, ...PRIVATE, 'ephemeral-key': 'true' }
    const main = await step('main', iam, inputs, { env })
    expect(main.code).toBe(0)
    const keyId = main.outputs['ephemeral-apikey-id']!
    // The same proxy, the same settings, now wedged.
    proxy.silent = true
    proxy.connects.length = 0
    const post = await step('post', iam, inputs, { env, after: main })
    expect(post.code).toBe(0) // the post step never fails the job
    expect(post.ms).toBeLessThan(BOUND_MS)
    expect(proxy.connects.length).toBeGreaterThan(0)
    expect(of(post, 'warning').join('\n')).toMatch(/revoke.*ETIMEDOUT/s)
    expect(iam.apiKeyExists(keyId)).toBe(true) // not deleted: IAM expires it
    // The post step masks what it handles (the ephemeral key); the long-lived key it never reads.
    expect(leaks(post, [main.outputs['ephemeral-apikey']!])).toEqual([])
    // The main step's token and ephemeral key, which the post step has in its environment.
    const printed = post.lines.filter((l) => !l.startsWith('::add-mask::')).join('\n')
    for (const secret of secretsOf(iam.seed.apikey, main)) expect(printed).not.toContain(secret)
  })

  test('ibmcloud-iam-token gives up renewing within the bound and says why', async () => {
    const iam = shortLived()
    const proxy = await proxyTo(iam)
    const env = { HTTPS_PROXY: proxy.url }
    const main = await step(
      'main',
      iam,
      {
        'cr-token-file': tokenFile(iam.seed.crToken),
        'profile-id': iam.seed.crProfileId,
        ...PRIVATE
      },
      { env }
    )
    expect(main.code).toBe(0)
    proxy.silent = true
    proxy.connects.length = 0
    const run = await command(iam, main, env)
    expect(run.code).toBe(1)
    expect(run.ms).toBeLessThan(BOUND_MS)
    expect(run.stdout).toBe('')
    expect(proxy.connects).toEqual([PRIVATE_HOST, PRIVATE_HOST])
    expect(run.stderr).toMatch(/after 2 attempts: ETIMEDOUT/)
  })
})

describe('case 8: the VPC metadata service is never reached through a proxy', () => {
  const HERE = fileURLToPath(new URL('.', import.meta.url))
  /** api.metadata.cloud.ibm.com resolves to loopback in the step (an /etc/hosts entry, in effect). */
  const resolveToLoopback = {
    NODE_OPTIONS: `--import=${join(HERE, 'loopback-names.mjs')}`,
    E2E_LOOPBACK_NAMES: 'api.metadata.cloud.ibm.com'
  }

  test('with HTTP_PROXY and HTTPS_PROXY set, the exchange goes straight to the metadata server', async () => {
    const iam = normal()
    const metadataPort = Number(new URL(iam.metadataUrl).port)
    const proxy = await proxyTo(iam, metadataPort) // it would even deliver: it must not be asked
    const main = await step(
      'main',
      iam,
      {
        'vpc-metadata': 'true',
        'vpc-metadata-endpoint': `http://api.metadata.cloud.ibm.com:${metadataPort}`
      },
      { env: { HTTP_PROXY: proxy.url, HTTPS_PROXY: proxy.url, NO_PROXY: '', ...resolveToLoopback } }
    )
    expect(main.code).toBe(0)
    expect(main.outputs.authenticated).toBe('true')
    const metadata = iam.requests.filter((r) => r.service === 'metadata')
    expect(metadata.map((r) => `${r.method} ${r.path}`)).toEqual([
      'PUT /instance_identity/v1/token',
      'POST /instance_identity/v1/iam_token'
    ])
    expect({ connections: proxy.connections, connects: proxy.connects }).toEqual({
      connections: 0,
      connects: []
    })
    expect(leaks(main, secretsOf('', main))).toEqual([])
  })

  test('ibmcloud-iam-token renews from the metadata service directly too', async () => {
    const iam = shortLived()
    const metadataPort = Number(new URL(iam.metadataUrl).port)
    const proxy = await proxyTo(iam, metadataPort)
    const env = { HTTP_PROXY: proxy.url, HTTPS_PROXY: proxy.url, ...resolveToLoopback }
    const inputs = {
      'vpc-metadata': 'true',
      'vpc-metadata-endpoint': `http://api.metadata.cloud.ibm.com:${metadataPort}`
    }
    const main = await step('main', iam, inputs, { env })
    expect(main.code).toBe(0)
    iam.reset()
    const run = await command(iam, main, env)
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/) // renewed: 120 s left is too little
    expect(iam.requests.filter((r) => r.service === 'metadata')).toHaveLength(2)
    expect(proxy.connections).toBe(0)
  })
})

describe('case 9: ibmcloud-iam-token serves a still-valid cached token when renewal fails', () => {
  test('IAM answers 503: the cached token (8 min left) is printed, with a warning on stderr', async () => {
    const iam = eightMinutes()
    const main = await step('main', iam, {
      'iam-endpoint': iam.url,
      'cr-token-file': tokenFile(iam.seed.crToken),
      'profile-id': iam.seed.crProfileId
    })
    expect(main.code).toBe(0)
    const cached = main.outputs.token!
    iam.reset()
    iam.queueFault('POST /identity/token', { status: 503, body: 'upstream down', times: 5 })
    const run = await command(iam, main)
    expect(run.code).toBe(0)
    expect(run.stdout).toBe(`${cached}\n`)
    // It tried to renew (< 10 min left), and says so, and how long the printed token lasts.
    expect(iam.requests.filter((r) => r.path === '/identity/token')).toHaveLength(2)
    expect(run.stderr).toMatch(/::warning::.*HTTP 503.*valid for \d+ more s/)
    // On a runner the printed token is masked, on stderr, before it is printed.
    expect(masksOf(run)).toContain(cached)
    expect(run.stderr.replace(/^::add-mask::.*$/gm, '')).not.toContain(cached)
  })

  test('a cached token with less than 5 minutes left is not served: exit 1, nothing on stdout', async () => {
    const iam = shortLived()
    const main = await step('main', iam, {
      'iam-endpoint': iam.url,
      'cr-token-file': tokenFile(iam.seed.crToken),
      'profile-id': iam.seed.crProfileId
    })
    expect(main.code).toBe(0)
    iam.queueFault('POST /identity/token', { status: 503, body: 'upstream down', times: 5 })
    const run = await command(iam, main)
    expect(run.code).toBe(1)
    expect(run.stdout).toBe('')
    expect(run.stderr).toMatch(/HTTP 503/)
  })
})

describe('case 10: a redirect is explained', () => {
  test('HTTP 307: says redirect, where to (quoted, secrets redacted), never followed, check iam-endpoint', async () => {
    const iam = normal()
    const apikey = iam.seed.apikey
    iam.queueFault('POST /identity/token', {
      status: 307,
      body: '',
      headers: {
        Location: `https://collector.example.test/identity/token?apikey=${encodeURIComponent(apikey)}&x="y"`
      }
    })
    const main = await step('main', iam, { apikey, 'iam-endpoint': iam.url })
    expect(main.code).toBe(1)
    const [error, ...more] = of(main, 'error')
    expect(more).toEqual([])
    expect(error).toMatch(/HTTP 307/)
    expect(error).toMatch(/redirect/i)
    expect(error).toContain('"https://collector.example.test/identity/token?apikey=***&x=\\"y\\""')
    expect(error).toMatch(/never follows/)
    expect(error).toMatch(/iam-endpoint/)
    expect(error).not.toContain('(empty body)')
    // Asked once, and never of the other host (which does not exist here anyway).
    expect(iam.requests.filter((r) => r.path === '/identity/token')).toHaveLength(1)
    expect(leaks(main, secretsOf(apikey, main))).toEqual([])
  })
})
