/**
 * The shipped dist/ against a hostile IAM, tampered GITHUB_STATE and text built to inject
 * workflow commands (issue 8). Every step runs with debug on; each case checks the exit code,
 * a clear message, and that no secret leaked. Durations are printed bounds, not timings.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { beforeEach, describe, expect, test } from '@jest/globals'
import { startEmulator, type Emulator } from '../../emulator/index.mjs'
import { leaks, runStep, secretsOf, type StepResult } from './leak-checks.js'
import { useEmulator } from './fixture.js'

const emulator = useEmulator()
let iam: Emulator
beforeEach(() => {
  iam = emulator()
})

/** Two attempts of two seconds: a step must end within that and the back-off, plus start-up. */
const LIMITS = { 'timeout-seconds': '2', 'max-attempts': '2' }
const BOUND_MS = 2 * 2000 + 1000 + 4000

function main(inputs: Record<string, string> = {}) {
  return runStep('main', {
    inputs: { apikey: iam.seed.apikey, 'iam-endpoint': iam.url, ...LIMITS, ...inputs },
    caPath: iam.caPath
  })
}

function post(after: StepResult, inputs: Record<string, string> = {}) {
  return runStep('post', {
    inputs: { apikey: iam.seed.apikey, 'iam-endpoint': iam.url, ...LIMITS, ...inputs },
    caPath: iam.caPath,
    after
  })
}

/** A main step's result whose only content is the state a planted step wrote. */
function planted(state: Record<string, string>): StepResult {
  return { state, exportedEnv: {}, outputs: {} } as unknown as StepResult
}

const of = (s: StepResult, command: string) =>
  s.commands.filter((c) => c.command === command).map((c) => c.value)
const errors = (s: StepResult) => of(s, 'error')
const warnings = (s: StepResult) => of(s, 'warning')

/** Only these workflow commands may appear: no outside text may start another. */
function onlyOwnCommands(s: StepResult): void {
  const kinds = new Set(s.commands.map((c) => c.command))
  for (const kind of kinds)
    expect(['add-mask', 'debug', 'error', 'warning', 'notice']).toContain(kind)
  for (const line of s.lines)
    expect(line).not.toMatch(/^\s*::(?!add-mask|debug|error|warning|notice)/)
}

const tokenBody = { access_token: 'will-be-cut-off-'.repeat(20), expires_in: 3600 }

describe('a hostile IAM, main step', () => {
  test('headers, half a body, then silence: timed out on each attempt, then a clear error', async () => {
    iam.queueFault('POST /identity/token', {
      status: 200,
      body: tokenBody,
      bodyBreak: 'stall',
      times: 2
    })
    const step = await main()
    expect(step.code).toBe(1)
    expect(step.ms).toBeLessThan(BOUND_MS)
    expect(errors(step)).toEqual([
      expect.stringMatching(/Could not reach IBM Cloud IAM .* after 2 attempts: ETIMEDOUT/)
    ])
    expect(leaks(step, secretsOf(iam.seed.apikey, step))).toEqual([])
  })

  test('the connection drops mid-body: a network error, retried, and the retry succeeds', async () => {
    iam.queueFault('POST /identity/token', { status: 200, body: tokenBody, bodyBreak: 'drop' })
    const step = await main()
    expect(step.code).toBe(0)
    expect(step.lines.join('\n')).toMatch(/no answer from IAM \(ECONNRESET\) on attempt 1 of 2/)
    expect(step.outputs.authenticated).toBe('true')
    expect(leaks(step, secretsOf(iam.seed.apikey, step))).toEqual([])
  })

  test('the connection drops mid-body on every attempt: exit 1 with a message, never 13', async () => {
    iam.queueFault('POST /identity/token', {
      status: 200,
      body: tokenBody,
      bodyBreak: 'drop',
      times: 2
    })
    const step = await main()
    expect(step.code).toBe(1)
    expect(errors(step)).toEqual([expect.stringMatching(/after 2 attempts: ECONNRESET/)])
    expect(leaks(step, secretsOf(iam.seed.apikey, step))).toEqual([])
  })

  test('a body trickling one byte every 100 ms: the deadline covers the body', async () => {
    iam.queueFault('POST /identity/token', {
      status: 200,
      body: tokenBody,
      trickleMs: 100,
      times: 2
    })
    const step = await main()
    expect(step.code).toBe(1)
    expect(step.ms).toBeLessThan(BOUND_MS)
    expect(errors(step)).toEqual([expect.stringMatching(/ETIMEDOUT: request timed out/)])
  })

  test('a 20 MB answer is refused unread after 1 MiB, and not asked for again', async () => {
    iam.queueFault('POST /identity/token', {
      status: 200,
      body: '{"access_token":"',
      padTo: 20 * 1024 * 1024,
      times: 2
    })
    const step = await main()
    expect(step.code).toBe(1)
    expect(errors(step)).toEqual([expect.stringMatching(/larger than 1024 KiB.*refused/)])
    expect(iam.requests.filter((r) => r.path === '/identity/token')).toHaveLength(1)
  })

  test('a create whose answer breaks off is not sent again', async () => {
    iam.queueFault('POST /v1/apikeys', {
      status: 201,
      body: { id: 'ApiKey-x', apikey: 'k'.repeat(44) },
      bodyBreak: 'drop'
    })
    const step = await main({ 'ephemeral-key': 'true' })
    expect(step.code).toBe(1)
    expect(
      iam.requests.filter((r) => r.method === 'POST' && r.path === '/v1/apikeys')
    ).toHaveLength(1)
    expect(errors(step)[0]).toMatch(/ECONNRESET/)
    expect(step.outputs.token).toBeUndefined()
  })

  test('an 800 KB token: its ::add-mask:: line reaches the runner whole before exit', async () => {
    const jwt = fakeJwt({ iam_id: 'iam-x', account: { bss: 'a1' }, pad: 'p'.repeat(600_000) })
    iam.queueFault('POST /identity/token', {
      status: 200,
      body: { access_token: jwt, expires_in: 3600, expiration: nowS() + 3600 }
    })
    const step = await main({ 'export-env': 'false' })
    expect(errors(step)).toEqual([])
    expect(step.code).toBe(0)
    expect(step.lines).toContain(`::add-mask::${jwt}`)
    expect(step.outputs.token).toBe(jwt)
  })
})

describe('a hostile IAM, post step', () => {
  test.each([
    ['GET', 'stall'],
    ['DELETE', 'stall'],
    ['DELETE', 'drop']
  ] as const)('%s with a body that %ss: a warning, exit 0, bounded', async (method, how) => {
    const made = await main({ 'ephemeral-key': 'true' })
    expect(made.code).toBe(0)
    iam.queueFault(`${method} /v1/apikeys/*`, {
      status: 200,
      body: { id: 'x'.repeat(200) },
      bodyBreak: how,
      times: 2
    })
    const step = await post(made)
    expect(step.code).toBe(0)
    expect(step.ms).toBeLessThan(BOUND_MS)
    expect(warnings(step)).toEqual([expect.stringMatching(/^Could not revoke ephemeral API key/)])
    expect(leaks(step, [iam.seed.apikey])).toEqual([])
    const { token } = made.outputs
    expect(step.lines.filter((l) => l.includes(token!))).toEqual([])
  })

  test('an oversized answer to the token request: a warning, exit 0', async () => {
    const made = await main({ 'ephemeral-key': 'true' })
    iam.queueFault('POST /identity/token', { status: 200, body: '{', padTo: 3 * 1024 * 1024 })
    const step = await post(made)
    expect(step.code).toBe(0)
    expect(warnings(step)).toEqual([expect.stringMatching(/larger than 1024 KiB/)])
  })
})

describe('tampered GITHUB_STATE, post step', () => {
  test('a planted endpoint gets nothing: the inputs name the endpoint', async () => {
    const trap = await listen()
    const made = await main({ 'ephemeral-key': 'true' })
    const id = made.outputs['ephemeral-apikey-id']!
    const state = { ...made.state, 'iam-endpoint': `http://127.0.0.1:${trap.port}` }
    const step = await post({ ...made, state })
    await trap.close()
    expect(trap.hits).toEqual([])
    expect(step.code).toBe(0)
    expect(warnings(step)).toEqual([expect.stringMatching(/GITHUB_STATE names IAM endpoint/)])
    expect(step.lines).toContain(`Revoked ephemeral API key ${id}.`)
    expect(iam.apiKeyExists(id)).toBe(false)
  })

  test("a planted id of the team's long-lived key: left alone, with a warning", async () => {
    const step = await post(planted({ 'ephemeral-key-id': iam.seed.apikeyId }))
    expect(step.code).toBe(0)
    expect(iam.apiKeyExists(iam.seed.apikeyId)).toBe(true)
    expect(warnings(step)).toEqual([
      expect.stringMatching(/^Left API key ApiKey-\S+ \(ci-deployer-key\) alone: it is not/)
    ])
    expect(iam.requests.filter((r) => r.method === 'DELETE')).toEqual([])
  })

  test("a planted id of another account's key is not reported as already deleted", async () => {
    const other = iam.listApiKeys().find((k) => k.name === 'other-account-key')!
    const step = await post(planted({ 'ephemeral-key-id': other.id }))
    expect(step.code).toBe(0)
    expect(iam.apiKeyExists(other.id)).toBe(true)
    const log = step.lines.join('\n')
    expect(log).not.toMatch(/already deleted/)
    expect(log).toMatch(/was not found in account \w+: nothing deleted/)
  })

  test('a planted id carrying workflow commands is refused, printed inert', async () => {
    const id = 'ApiKey-1\n::add-path::/tmp/evil\n::set-output name=x::y'
    const step = await post(
      planted({ 'ephemeral-key-id': id, 'ephemeral-key-expires-at': '1e300' })
    )
    expect(step.code).toBe(0)
    onlyOwnCommands(step)
    expect(warnings(step)).toEqual([expect.stringMatching(/is not an IAM API key id/)])
    expect(iam.requests).toEqual([])
  })
})

describe('text from outside cannot inject workflow commands', () => {
  const HOSTILE =
    'x\n::add-path::/tmp/evil\r\n::stop-commands::tok\n::save-state name=a::b ##[set-env name=A]'

  test('the JWT name, iam_id and account, printed and in the summary', async () => {
    const jwt = fakeJwt({
      name: `${HOSTILE} <img src=x onerror=alert(1)> [link](https://evil.example) | cell`,
      iam_id: `iam-${HOSTILE}`,
      account: { bss: `acct${HOSTILE}` }
    })
    iam.queueFault('POST /identity/token', {
      status: 200,
      body: { access_token: jwt, expires_in: 3600, expiration: nowS() + 3600 }
    })
    const step = await main()
    expect(step.code).toBe(0)
    onlyOwnCommands(step)
    expect(step.lines.join('\n')).toMatch(/Authenticated to IBM Cloud as x\\n: :add-path: :/)
    const identity = step.summary.split('\n').find((l) => l.startsWith('| Identity |'))!
    expect(identity.split(/(?<!\\)\|/)).toHaveLength(4)
    expect(identity).toMatch(/^\| Identity \| `[^`]*<img src=x[^`]*`/)
    expect(leaks(step, secretsOf(iam.seed.apikey, step))).toEqual([])
  })

  test('a created key id', async () => {
    iam.queueFault('POST /v1/apikeys', {
      status: 201,
      body: { id: `ApiKey-${HOSTILE}`, apikey: 'Eph3meral_fakeFAKE0123456789abcdefGHIJKLmnopq' }
    })
    const step = await main({ 'ephemeral-key': 'true' })
    expect(step.code).toBe(0)
    onlyOwnCommands(step)
    expect(step.lines.join('\n')).toMatch(/Created ephemeral API key ApiKey-x\\n: :add-path/)
  })

  test('a swept key name', async () => {
    const old = new Date(Date.now() - 7 * 3600_000)
    iam.createApiKey({
      iamId: iam.seed.iamId,
      name: `gha-acme-widgets-1-1-${HOSTILE}`,
      description:
        'Ephemeral key made by ibmcloud-iam-token-action for https://github.com/acme/widgets/actions/runs/1/attempts/1; deleted by its post step, or expired by IAM.',
      createdAt: old
    })
    const step = await main({ 'sweep-stale-keys': 'true' })
    expect(step.code).toBe(0)
    onlyOwnCommands(step)
    expect(step.lines.join('\n')).toMatch(/Swept stale ephemeral API key \S+ \(gha-acme-widgets/)
  })

  test("IAM's error text", async () => {
    iam.queueFault('POST /identity/token', {
      status: 400,
      body: { errorCode: 'BXNIM0415E', errorMessage: HOSTILE, context: { requestId: HOSTILE } }
    })
    const step = await main()
    expect(step.code).toBe(1)
    onlyOwnCommands(step)
  })
})

describe('answers and inputs checked before anything is published', () => {
  test.each([
    ['expires_in: 1e12', { expires_in: 1e12 }, /expires_in \(1000000000000\) is not a lifetime/],
    ['expiration: 1e15', { expiration: 1e15 }, /expiration \(1000000000000000\) is not a time/],
    ['expiration in 5 hours', { expiration: nowS() + 5 * 3600 }, /more than 3 hours after/],
    ['already expired', { expires_in: 3600, expiration: 1_000_000 }, /expired at .*runner's clock/]
  ])('%s: refused, no output written', async (_, fields, message) => {
    const jwt = fakeJwt({ iam_id: 'iam-x', account: { bss: 'a1' } })
    iam.queueFault('POST /identity/token', {
      status: 200,
      body: { access_token: jwt, expires_in: 3600, expiration: nowS() + 3600, ...fields }
    })
    const step = await main()
    expect(step.code).toBe(1)
    expect(errors(step)).toEqual([expect.stringMatching(message)])
    expect(step.outputs).toEqual({})
    expect(step.exportedEnv).toEqual({})
  })

  test.each([
    ['too short', 'short-key-1234'],
    ['a tab inside', 'Zx9_fakeFAKEfake01234\t56789abcdefGHIJKLmnopqr']
  ])('an apikey with %s is refused before any request, unquoted', async (_, apikey) => {
    const step = await main({ apikey })
    expect(step.code).toBe(1)
    expect(iam.requests).toEqual([])
    expect(errors(step)).toEqual([expect.stringMatching(/cannot be an IBM Cloud API key/)])
    expect(leaks(step, [apikey])).toEqual([])
  })

  test.each(['ACTIONS_RUNTIME_TOKEN', 'LD_AUDIT', 'PROMPT_COMMAND', 'IFS', 'JAVA_TOOL_OPTIONS'])(
    'env-name %s is refused',
    async (name) => {
      const step = await main({ 'env-name': name })
      expect(step.code).toBe(1)
      expect(errors(step)[0]).toMatch(new RegExp(`env-name "${name}" is reserved`))
      expect(iam.requests).toEqual([])
    }
  )

  test('http://[::1]:PORT reaches an IPv6 loopback emulator', async () => {
    const v6 = await startEmulator({ host: '::1', https: false })
    try {
      expect(v6.url).toMatch(/^http:\/\/\[::1\]:\d+$/)
      const step = await runStep('main', {
        inputs: { apikey: v6.seed.apikey, 'iam-endpoint': v6.url }
      })
      expect(step.code).toBe(0)
      expect(step.outputs.authenticated).toBe('true')
    } finally {
      await v6.close()
    }
  })
})

function nowS(): number {
  return Math.floor(Date.now() / 1000)
}

/** An unsigned JWT with these claims (the action reads claims; checking signatures is IAM's). */
function fakeJwt(claims: Record<string, unknown>): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url')
  return `${part({ alg: 'RS256', typ: 'JWT' })}.${part({ exp: nowS() + 3600, ...claims })}.c2ln`
}

/** A plain HTTP listener that records whatever reaches it. */
async function listen(): Promise<{ port: number; hits: string[]; close: () => Promise<void> }> {
  const hits: string[] = []
  const server: Server = createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`)
    res.writeHead(500).end()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    port: (server.address() as AddressInfo).port,
    hits,
    close: () => new Promise((resolve) => server.close(() => resolve()))
  }
}
