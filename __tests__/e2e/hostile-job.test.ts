/**
 * The shipped dist/ across a whole job whose later steps are hostile (issue 19, cases 1, 3-7):
 * a later step can write GITHUB_ENV (proxy, CA), plant STATE_* names main did not save, and
 * IAM may answer text of any shape. Every step runs with debug on, like a runner
 * (scripts/runner-simulator.mjs), against the emulator on loopback. HOSTILE_DIST=<folder>
 * runs the same cases over another build (how each was seen failing before its fix).
 */
import { spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { startConnectProxy, type Emulator } from '../../emulator/index.mjs'
import { leaks, runStep, secretsOf, type StepResult } from './leak-checks.js'
import { useEmulator } from './fixture.js'

const DIST = process.env.HOSTILE_DIST || undefined
const emulator = useEmulator()
let iam: Emulator
let runnerTemp: string
beforeEach(() => {
  iam = emulator()
  runnerTemp = mkdtempSync(join(tmpdir(), 'hostile-job-'))
})
afterEach(() => rmSync(runnerTemp, { recursive: true, force: true }))
const files = mkdtempSync(join(tmpdir(), 'hostile-job-files-'))
afterAll(() => rmSync(files, { recursive: true, force: true }))

const LIMITS = { 'timeout-seconds': '2', 'max-attempts': '2' }

function main(inputs: Record<string, string> = {}, env: Record<string, string> = {}) {
  return runStep('main', {
    inputs: { apikey: iam.seed.apikey, 'iam-endpoint': iam.url, ...LIMITS, ...inputs },
    caPath: iam.caPath,
    env,
    runnerTemp,
    ...(DIST ? { dist: DIST } : {})
  })
}

/** The post step, with what a later step wrote to GITHUB_ENV (`env`) on top of main's exports. */
function post(
  after: StepResult,
  inputs: Record<string, string> = {},
  env: Record<string, string> = {}
) {
  return runStep('post', {
    inputs: { apikey: iam.seed.apikey, 'iam-endpoint': iam.url, ...LIMITS, ...inputs },
    caPath: iam.caPath,
    after,
    env,
    runnerTemp,
    ...(DIST ? { dist: DIST } : {})
  })
}

const of = (s: StepResult, command: string) =>
  s.commands.filter((c) => c.command === command).map((c) => c.value)
const warnings = (s: StepResult) => of(s, 'warning')
const errors = (s: StepResult) => of(s, 'error')
const deletes = () => iam.requests.filter((r) => r.method === 'DELETE')
const grants = () => iam.requests.filter((r) => r.path === '/identity/token')

/** Only these workflow commands may appear: no outside text may start another. */
function onlyOwnCommands(s: StepResult): void {
  for (const c of s.commands) {
    expect(['add-mask', 'debug', 'error', 'warning', 'notice']).toContain(c.command)
  }
  for (const line of s.lines) {
    expect(line).not.toMatch(/^\s*::(?!add-mask::|debug::|error::|warning::|notice::)/i)
    expect(line).not.toMatch(/^\s*::warning::forged/i)
    expect(line).not.toMatch(/##\[/)
  }
}

function nowS(): number {
  return Math.floor(Date.now() / 1000)
}

/** An unsigned JWT with these claims (the action reads claims; checking signatures is IAM's). */
function fakeJwt(claims: Record<string, unknown>): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url')
  return `${part({ alg: 'RS256', typ: 'JWT' })}.${part({ exp: nowS() + 3600, ...claims })}.c2ln`
}

function tokenAnswer(claims: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return {
    status: 200,
    body: {
      access_token: fakeJwt({
        iam_id: iam.seed.iamId,
        account: { bss: iam.seed.accountId },
        ...claims
      }),
      token_type: 'Bearer',
      expires_in: 3600,
      expiration: nowS() + 3600,
      ...extra
    }
  }
}

describe('case 1: the post step needs no long-lived secret', () => {
  test('the ordinary case: revoked with the ephemeral key itself; apikey never sent, even if given', async () => {
    const made = await main({ 'ephemeral-key': 'true' })
    expect(made.code).toBe(0)
    const id = made.outputs['ephemeral-apikey-id']!
    iam.reset()
    const step = await post(made)
    expect(warnings(step)).toEqual([])
    expect(step.code).toBe(0)
    expect(step.lines).toContain(`Revoked ephemeral API key ${id}.`)
    expect(iam.apiKeyExists(id)).toBe(false)
    // The one token grant was made with the ephemeral key, never with the long-lived one.
    expect(grants().map((r) => r.apikeyId)).toEqual([id])
    // The post step masks the key it holds; the long-lived one it never read appears nowhere.
    expect(leaks(step, [made.outputs['ephemeral-apikey']!])).toEqual([])
    expect(step.lines.filter((l) => l.includes(iam.seed.apikey))).toEqual([])
  })

  test('the apikey input empty in the post step: still revoked', async () => {
    const made = await main({ 'ephemeral-key': 'true' })
    const id = made.outputs['ephemeral-apikey-id']!
    const step = await post(made, { apikey: '' })
    expect(warnings(step)).toEqual([])
    expect(step.lines).toContain(`Revoked ephemeral API key ${id}.`)
    expect(iam.apiKeyExists(id)).toBe(false)
  })

  test('a later step sets HTTPS_PROXY: the post step sends nothing through it, and says why', async () => {
    // The job's own proxy (set for the whole job), and one a later step wrote to GITHUB_ENV.
    const own = await startConnectProxy({ target: { host: '127.0.0.1', port: iam.port } })
    const planted = await startConnectProxy({ target: { host: '127.0.0.1', port: iam.port } })
    try {
      const inputs = {
        'ephemeral-key': 'true',
        private: 'true',
        region: 'eu-de',
        'iam-endpoint': ''
      }
      const made = await main(inputs, { HTTPS_PROXY: own.url })
      expect(made.code).toBe(0)
      const id = made.outputs['ephemeral-apikey-id']!
      iam.reset()
      const step = await post(made, inputs, { HTTPS_PROXY: planted.url })
      expect(planted.connects).toEqual([])
      expect(iam.requests).toEqual([])
      expect(step.code).toBe(0)
      expect(warnings(step)).toEqual([
        expect.stringMatching(
          /^Did not revoke ephemeral API key ApiKey-\S+: HTTPS_PROXY changed since the main step/
        )
      ])
      expect(iam.apiKeyExists(id)).toBe(true)
      // The same proxy as main's: revoked through it.
      const ordinary = await post(made, inputs, { HTTPS_PROXY: own.url })
      expect(ordinary.lines).toContain(`Revoked ephemeral API key ${id}.`)
      expect(planted.connects).toEqual([])
    } finally {
      await own.close()
      await planted.close()
    }
  })

  test('a later step points NODE_EXTRA_CA_CERTS at its own CA: nothing sent, the variable named', async () => {
    const made = await main({ 'ephemeral-key': 'true' })
    const ca = join(files, 'planted-ca.pem')
    writeFileSync(ca, iam.caPem!)
    iam.reset()
    const step = await post(made, {}, { NODE_EXTRA_CA_CERTS: ca })
    expect(iam.requests).toEqual([])
    expect(warnings(step)).toEqual([
      expect.stringMatching(/NODE_EXTRA_CA_CERTS changed since the main step/)
    ])
    expect(step.lines.join('\n')).not.toContain(ca)
  })

  test('ibmcloud-iam-token sends no credential when a later step changed the proxy', async () => {
    const own = await startConnectProxy({ target: { host: '127.0.0.1', port: iam.port } })
    const planted = await startConnectProxy({ target: { host: '127.0.0.1', port: iam.port } })
    try {
      const inputs = {
        'ephemeral-key': 'true',
        private: 'true',
        region: 'eu-de',
        'iam-endpoint': ''
      }
      const made = await main(inputs, { HTTPS_PROXY: own.url })
      expect(made.code).toBe(0)
      expect(made.paths).toHaveLength(1)
      // A stale cache: the command must renew, which sends the ephemeral key.
      rmSync(join(made.paths[0]!, 'token.json'), { force: true })
      iam.reset()
      const run = await command(made, { HTTPS_PROXY: planted.url })
      expect(planted.connects).toEqual([])
      expect(iam.requests).toEqual([])
      expect(run.code).toBe(1)
      expect(run.stdout).toBe('')
      expect(run.stderr).toMatch(/HTTPS_PROXY changed since the main step/)
      // The job's own settings: renewed through its proxy as before.
      const ok = await command(made, { HTTPS_PROXY: own.url })
      expect(ok.stderr).not.toMatch(/changed since the main step/)
      expect(ok.code).toBe(0)
      expect(planted.connects).toEqual([])
    } finally {
      await own.close()
      await planted.close()
    }
  })
})

/** A later step: `ibmcloud-iam-token` from the PATH main added to, with the job's env. */
async function command(step: StepResult, env: Record<string, string> = {}) {
  const child = spawn('ibmcloud-iam-token', [], {
    env: {
      PATH: `${step.paths[0]}:${process.env.PATH}`,
      GITHUB_ACTIONS: 'true',
      RUNNER_TEMP: runnerTemp,
      NODE_EXTRA_CA_CERTS: iam.caPath!,
      ...step.exportedEnv,
      ...env
    }
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000)
  const code = await new Promise<number | null>((done) => child.on('close', done))
  clearTimeout(timer)
  return { code, stdout, stderr }
}

describe('case 3: every published value has the shape IAM documents', () => {
  test.each([
    ['iam_id with a line break', { iam_id: 'iam-ServiceId-1\nEVIL=1' }, {}, /output iam-id/],
    ['iam_id with $(…)', { iam_id: 'iam-$(touch /tmp/pwned)' }, {}, /output iam-id/],
    ['account with a quote', { account: { bss: `a1"; curl evil #` } }, {}, /output account-id/],
    ['token_type not Bearer', {}, { token_type: 'Bearer\n$(id)' }, /output token-type/]
  ])('%s: the step fails, nothing published', async (_, claims, extra, message) => {
    iam.queueFault('POST /identity/token', tokenAnswer(claims, extra))
    const step = await main()
    expect(step.code).toBe(1)
    expect(errors(step)).toEqual([expect.stringMatching(message)])
    expect(step.outputs).toEqual({})
    expect(step.exportedEnv).toEqual({})
    onlyOwnCommands(step)
  })

  test('an ephemeral key id with $(…): the step fails, nothing published', async () => {
    iam.queueFault('POST /v1/apikeys', {
      status: 201,
      body: { id: 'ApiKey-1234abcd$(id)', apikey: 'Eph3meral_fakeFAKE0123456789abcdefGHIJKLmnopq' }
    })
    const step = await main({ 'ephemeral-key': 'true' })
    expect(step.code).toBe(1)
    expect(errors(step)).toEqual([expect.stringMatching(/ephemeral-apikey-id/)])
    expect(step.outputs).toEqual({})
    expect(step.exportedEnv).toEqual({})
  })
})

describe('case 4: the sweep judges each key by its own job', () => {
  const RUN = 'https://github.com/acme/widgets/actions/runs'
  const description = (until: Date) =>
    `Ephemeral key made by ibmcloud-iam-token-action for ${RUN}/1/attempts/1; deleted by its ` +
    `post step, or expired by IAM; not used after ${until.toISOString()}.`

  test("a self-hosted job's key, 7 h old and usable for days more, is left alone", async () => {
    const hour = 3600_000
    const live = iam.createApiKey({
      iamId: iam.seed.iamId,
      name: 'gha-acme-widgets-1-1-selfhosted-abcdef',
      description: description(new Date(Date.now() + 2 * 24 * hour)),
      createdAt: new Date(Date.now() - 7 * hour),
      expiresAt: new Date(Date.now() + 17 * hour)
    })
    const done = iam.createApiKey({
      iamId: iam.seed.iamId,
      name: 'gha-acme-widgets-2-1-hosted-abcdef',
      description: description(new Date(Date.now() - hour)),
      createdAt: new Date(Date.now() - 7 * hour),
      expiresAt: new Date(Date.now() + 17 * hour)
    })
    const step = await main({ 'sweep-stale-keys': 'true' })
    expect(step.code).toBe(0)
    expect(iam.apiKeyExists(live.id)).toBe(true)
    expect(iam.apiKeyExists(done.id)).toBe(false)
    expect(deletes().map((r) => r.path)).toEqual([`/v1/apikeys/${done.id}`])
  })

  test("a listed key of another identity or account gets no DELETE; a 404 is 'already gone'", async () => {
    const old = new Date(Date.now() - 7 * 24 * 3600_000)
    const key = (id: string, iamId: string, accountId: string) => ({
      id,
      name: `gha-acme-widgets-1-1-${id.slice(-6)}`,
      description: description(old),
      iam_id: iamId,
      account_id: accountId,
      created_at: old.toISOString().slice(0, 16) + '+0000',
      expires_at: '2049-01-02T18:30+0000'
    })
    iam.queueFault('GET /v1/apikeys', {
      status: 200,
      body: {
        apikeys: [
          key('ApiKey-0000-other-identity', 'iam-ServiceId-someone-else', iam.seed.accountId),
          key('ApiKey-0000-other-account', iam.seed.iamId, iam.seed.otherAccountId),
          key('ApiKey-0000-gone-already', iam.seed.iamId, iam.seed.accountId)
        ]
      }
    })
    const step = await main({ 'sweep-stale-keys': 'true' })
    expect(step.code).toBe(0)
    expect(deletes().map((r) => r.path)).toEqual(['/v1/apikeys/ApiKey-0000-gone-already'])
    const log = step.lines.join('\n')
    expect(log).toMatch(/ApiKey-0000-gone-already \(\S+\) was already gone/)
    expect(log).not.toMatch(/Swept stale ephemeral API key ApiKey-0000-gone-already/)
  })
})

describe('case 5: the post step acts on what IAM says about the key', () => {
  test('state saying the key expired does not stop the revocation', async () => {
    const made = await main({ 'ephemeral-key': 'true' })
    const id = made.outputs['ephemeral-apikey-id']!
    const state = { ...made.state, 'ephemeral-key-expires-at': String(Date.now() - 60_000) }
    const step = await post({ ...made, state })
    expect(step.lines).toContain(`Revoked ephemeral API key ${id}.`)
    expect(iam.apiKeyExists(id)).toBe(false)
  })

  test("IAM's answer describing another id: nothing deleted", async () => {
    const made = await main({ 'ephemeral-key': 'true' })
    const id = made.outputs['ephemeral-apikey-id']!
    const described = iam.listApiKeys().find((k) => k.id === id)!
    iam.queueFault('GET /v1/apikeys/*', {
      status: 200,
      body: { ...described, id: iam.seed.apikeyId }
    })
    const step = await post(made)
    expect(deletes()).toEqual([])
    expect(iam.apiKeyExists(id)).toBe(true)
    expect(warnings(step)).toEqual([expect.stringMatching(/^Left API key ApiKey-\S+ .* alone/)])
  })
})

describe('case 6: no part of a secret reaches the log', () => {
  test('a name that echoes the key where it is cut: redacted before cutting', async () => {
    const apikey = iam.seed.apikey
    iam.queueFault('POST /identity/token', tokenAnswer({ name: `${'n'.repeat(190)}${apikey}` }))
    const step = await main()
    expect(step.code).toBe(0)
    const head = apikey.slice(0, 8)
    const carrying = step.lines.filter((l) => !l.startsWith('::add-mask::') && l.includes(head))
    expect(carrying).toEqual([])
    expect(leaks(step, secretsOf(apikey, step))).toEqual([])
  })

  test.each([
    ['a zero-width space', '\u200b'],
    ['a word joiner', '\u2060'],
    ['a zero-width joiner', '\u200d'],
    ['a soft hyphen', '\u00ad']
  ])('an apikey with %s is refused before any request', async (_, char) => {
    const apikey = `${iam.seed.apikey.slice(0, 20)}${char}${iam.seed.apikey.slice(20)}`
    const step = await main({ apikey })
    expect(step.code).toBe(1)
    expect(iam.requests).toEqual([])
    expect(errors(step)).toEqual([expect.stringMatching(/invisible or format character \(U\+/)])
  })
})

describe('case 7: paths are escaped on every line', () => {
  test('a cr-token-file path with line breaks starts no workflow command', async () => {
    const dir = join(files, 'x\n::warning::forged\n::stop-commands::tok\n##[error]forged')
    mkdirSync(dir, { recursive: true })
    const path = join(dir, 'token')
    writeFileSync(path, iam.seed.crToken)
    const step = await main({
      apikey: '',
      'cr-token-file': path,
      'profile-id': iam.seed.crProfileId
    })
    expect(errors(step)).toEqual([])
    expect(step.code).toBe(0)
    expect(step.lines.join('\n')).toMatch(/renewed from .*x\\n: :warning: :forged/)
    onlyOwnCommands(step)
  })
})
