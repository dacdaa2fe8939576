import { jest } from '@jest/globals'
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { posixShim, windowsShim } from '../src/token-command/shims.js'
import { commandDeps } from '../src/token-command/deps.js'
import { nodeFiles } from '../src/runner/files.js'
import { processIo } from '../src/token-command/deps.js'
import { escapeCommandData, MASK_SETTLE_MS } from '../src/token-command/print.js'
import { runTokenCommand, type CommandIo } from '../src/token-command/run.js'
import { NetworkError } from '../src/errors.js'
import { userAgent } from '../src/version.js'
import type { RenewalConfig } from '../src/token-command/renewal.js'
import {
  NOW,
  APIKEY,
  fakeClock,
  formFields,
  jsonResponse,
  makeJwt,
  scriptedTransport,
  serviceIdClaims,
  tokenBody,
  wrongKeyResponse
} from './helpers/fakes.js'

const NOW_S = Math.floor(NOW / 1000)

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'token-command-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

function setUp(
  credential: RenewalConfig['credential'],
  cached?: { accessToken: string; expiration: number },
  overrides: Partial<RenewalConfig> = {}
) {
  const config: RenewalConfig = {
    version: 1,
    credential,
    endpoint: 'https://iam.example.test',
    timeoutMs: 1000,
    maxAttempts: 1,
    cache: join(dir, 'token.json'),
    network: {},
    ...overrides
  }
  writeFileSync(join(dir, 'config.json'), JSON.stringify(config))
  if (cached) writeFileSync(config.cache, JSON.stringify(cached))
  return join(dir, 'config.json')
}

async function run(
  args: string[],
  responses: Parameters<typeof scriptedTransport>[0],
  env: Record<string, string> = {}
) {
  const transport = scriptedTransport(responses)
  let stdout = ''
  let stderr = ''
  const io: CommandIo = {
    env: { GITHUB_ACTIONS: 'true', ...env },
    clock: fakeClock(NOW),
    createTransport: () => transport,
    files: nodeFiles,
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t)
  }
  const code = await runTokenCommand(args, io)
  return { code, stdout, stderr, transport }
}

const apikeyEnv = { kind: 'apikey-env', envName: 'EPHEMERAL_KEY' } as const

describe('runTokenCommand', () => {
  it('prints a cached token with 10 minutes or more left, without a request, masked again', async () => {
    // The call that renewed it may have had its stderr discarded: each call masks what it prints.
    const config = setUp(apikeyEnv, { accessToken: 'cached.jwt.value', expiration: NOW_S + 600 })
    const r = await run([config], [])
    expect(r).toMatchObject({
      code: 0,
      stdout: 'cached.jwt.value\n',
      stderr: '::add-mask::cached.jwt.value\n'
    })
    expect(r.transport.requests).toEqual([])
  })

  it('writes the mask before the token, then waits MASK_SETTLE_MS for the runner to read it', async () => {
    const config = setUp(apikeyEnv, { accessToken: 'cached.jwt.value', expiration: NOW_S + 600 })
    const order: string[] = []
    const clock = fakeClock(NOW)
    const code = await runTokenCommand([config], {
      env: { GITHUB_ACTIONS: 'true' },
      clock: { ...clock, sleep: async (ms) => void order.push(`sleep ${ms}`) },
      createTransport: () => scriptedTransport([]),
      files: nodeFiles,
      stdout: (t) => void order.push(`stdout ${t}`),
      stderr: (t) => void order.push(`stderr ${t}`)
    })
    expect(code).toBe(0)
    expect(order).toEqual([
      'stderr ::add-mask::cached.jwt.value\n',
      `sleep ${MASK_SETTLE_MS}`,
      'stdout cached.jwt.value\n'
    ])
  })

  it('escapes its masks as @actions/core does: %, CR and LF (the runner undoes only these)', async () => {
    const odd = 'a%0Ab\r\nc%25d'
    const config = setUp(apikeyEnv, { accessToken: odd, expiration: NOW_S + 600 })
    const r = await run([config], [])
    expect(r.stdout).toBe(`${odd}\n`)
    const masks = r.stderr.split('\n').filter(Boolean)
    expect(masks[0]).toBe('::add-mask::a%250Ab%0D%0Ac%2525d')
    expect(escapeCommandData(odd)).toBe('a%250Ab%0D%0Ac%2525d')
    // No mask line carries a raw CR or LF, which would cut the command short.
    for (const m of masks) expect(m).not.toMatch(/\r/)
  })

  it('renews a token with less than 10 minutes left, masks it on stderr, caches it 0600', async () => {
    const config = setUp(apikeyEnv, { accessToken: 'old', expiration: NOW_S + 599 })
    const fresh = makeJwt(serviceIdClaims(NOW))
    const r = await run([config], [jsonResponse(200, tokenBody(fresh))], {
      EPHEMERAL_KEY: ` ${APIKEY}\n`
    })
    expect(r.code).toBe(0)
    expect(r.stdout).toBe(`${fresh}\n`)
    expect(formFields(r.transport.requests[0]!.body)).toMatchObject({ apikey: APIKEY })
    const masks = r.stderr.split('\n').filter((l) => l.startsWith('::add-mask::'))
    expect(masks).toContain(`::add-mask::${APIKEY}`)
    expect(masks).toContain(`::add-mask::${fresh}`)
    expect(r.stderr.split('\n').filter((l) => l && !l.startsWith('::add-mask::'))).toEqual([])
    const cache = join(dir, 'token.json')
    expect(JSON.parse(readFileSync(cache, 'utf8'))).toEqual({
      accessToken: fresh,
      expiration: NOW_S + 3600
    })
    expect(statSync(cache).mode & 0o777).toBe(0o600)
  })

  it('prints no workflow commands off a runner', async () => {
    const config = setUp(apikeyEnv)
    const fresh = makeJwt(serviceIdClaims(NOW))
    const r = await run([config], [jsonResponse(200, tokenBody(fresh))], {
      GITHUB_ACTIONS: '',
      EPHEMERAL_KEY: APIKEY
    })
    expect(r).toMatchObject({ code: 0, stdout: `${fresh}\n`, stderr: '' })
  })

  it("fails with IAM's answer on stderr, the key scrubbed, nothing on stdout", async () => {
    const config = setUp(apikeyEnv)
    const r = await run([config], [wrongKeyResponse('req-1')], { EPHEMERAL_KEY: APIKEY })
    expect(r.code).toBe(1)
    expect(r.stdout).toBe('')
    expect(r.stderr).toMatch(
      /^ibmcloud-iam-token: IBM Cloud IAM token exchange failed after 1 attempt: HTTP 400 BXNIM0415E/m
    )
    expect(r.stderr).toMatch(/IAM request id: req-1/)
    expect(r.stderr.replace(`::add-mask::${APIKEY}`, '')).not.toContain(APIKEY)
  })

  it('prints the cached token when renewal fails and it has 5 minutes or more left, with a warning', async () => {
    const cachedToken = makeJwt(serviceIdClaims(NOW - 3000_000))
    const config = setUp(apikeyEnv, { accessToken: cachedToken, expiration: NOW_S + 300 })
    const r = await run([config], [jsonResponse(503, { errorCode: 'BXNIM0001E' })], {
      EPHEMERAL_KEY: APIKEY
    })
    expect(r.code).toBe(0)
    expect(r.stdout).toBe(`${cachedToken}\n`)
    expect(r.transport.requests).toHaveLength(1) // it did try to renew
    const lines = r.stderr.split('\n').filter(Boolean)
    // Masked on stderr before it is printed (the runner reads masks from stderr too).
    expect(lines).toContain(`::add-mask::${cachedToken}`)
    const warnings = lines.filter((l) => l.startsWith('::warning::'))
    expect(warnings).toEqual([
      '::warning::ibmcloud-iam-token: could not renew the token: IBM Cloud IAM token exchange ' +
        'failed after 1 attempt: HTTP 503 BXNIM0001E%0AIAM kept failing for 1 attempt(s). Check ' +
        'https://cloud.ibm.com/status; if you set `iam-endpoint` or go through a proxy, check ' +
        'that it reaches IAM.%0AThe cached token was printed instead: it is valid for 300 more s.'
    ])
    expect(lines.filter((l) => !l.startsWith('::'))).toEqual([])
    // Not rewritten: the cache still holds what it held.
    expect(JSON.parse(readFileSync(join(dir, 'token.json'), 'utf8')).accessToken).toBe(cachedToken)
  })

  it('off a runner, the same warning is plain text', async () => {
    const config = setUp(apikeyEnv, { accessToken: 'cached.jwt.value', expiration: NOW_S + 480 })
    const r = await run([config], [new NetworkError('ETIMEDOUT', 'request timed out')], {
      GITHUB_ACTIONS: '',
      EPHEMERAL_KEY: APIKEY
    })
    expect(r).toMatchObject({ code: 0, stdout: 'cached.jwt.value\n' })
    expect(r.stderr).toMatch(/^ibmcloud-iam-token: warning: could not renew the token: .*ETIMEDOUT/)
    expect(r.stderr).toMatch(
      /\nThe cached token was printed instead: it is valid for 480 more s\.\n$/
    )
    expect(r.stderr).not.toContain('::')
  })

  it('fails as before when renewal fails and the cached token has less than 5 minutes left', async () => {
    const config = setUp(apikeyEnv, { accessToken: 'cached.jwt.value', expiration: NOW_S + 299 })
    const r = await run([config], [jsonResponse(503, { errorCode: 'BXNIM0001E' })], {
      EPHEMERAL_KEY: APIKEY
    })
    expect(r).toMatchObject({ code: 1, stdout: '' })
    expect(r.stderr).toMatch(
      /^ibmcloud-iam-token: IBM Cloud IAM token exchange failed .* HTTP 503/m
    )
    expect(r.stderr).not.toContain('cached.jwt.value')
  })

  it.each([
    [[], /no config file given/],
    [['/nonexistent/config.json'], /cannot use \/nonexistent\/config\.json/]
  ])('refuses %j', async (args, message) => {
    const r = await run(args, [])
    expect(r.code).toBe(1)
    expect(r.stdout).toBe('')
    expect(r.stderr).toMatch(message)
  })

  it('refuses a config file of another shape', async () => {
    writeFileSync(join(dir, 'config.json'), '{"version":2}')
    const r = await run([join(dir, 'config.json')], [])
    expect(r.stderr).toMatch(/its config file is not one this version wrote/)
  })
})

describe('runTokenCommand, each way of renewing', () => {
  const PROFILE_ID = 'Profile-9f1e2d3c-4b5a-6789-0abc-def012345678'

  it('re-reads the compute-resource token file and sends it to the configured endpoint', async () => {
    const path = join(dir, 'sa-token')
    writeFileSync(path, 'eyJ.rotated.cr-token\n')
    const config = setUp({ kind: 'cr-token-file', path, profile: { id: PROFILE_ID } })
    const fresh = makeJwt(serviceIdClaims(NOW))
    const r = await run([config], [jsonResponse(200, tokenBody(fresh))])
    expect(r).toMatchObject({ code: 0, stdout: `${fresh}\n` })
    const [request] = r.transport.requests
    expect(request!.url).toBe('https://iam.example.test/identity/token')
    expect(formFields(request!.body)).toEqual({
      grant_type: 'urn:ibm:params:oauth:grant-type:cr-token',
      cr_token: 'eyJ.rotated.cr-token',
      profile_id: PROFILE_ID
    })
  })

  it('asks the VPC metadata service at its own endpoint', async () => {
    const config = setUp({ kind: 'vpc-metadata', endpoint: 'http://169.254.169.254' })
    const fresh = makeJwt(serviceIdClaims(NOW))
    const r = await run(
      [config],
      [
        jsonResponse(200, { access_token: makeJwt({ sub: 'instance' }) }),
        jsonResponse(200, { access_token: fresh, expires_in: 3600 })
      ]
    )
    expect(r).toMatchObject({ code: 0, stdout: `${fresh}\n` })
    expect(r.transport.requests.map((q) => `${q.method} ${q.url}`)).toEqual([
      'PUT http://169.254.169.254/instance_identity/v1/token?version=2022-03-01',
      'POST http://169.254.169.254/instance_identity/v1/iam_token?version=2022-03-01'
    ])
    // Link-local: never through a proxy, whatever the environment says.
    expect(r.transport.requests.map((q) => q.direct)).toEqual([true, true])
  })

  it.each([
    ['unset', {}],
    ['only white space', { EPHEMERAL_KEY: ' \n' }]
  ])('fails, saying why, when the ephemeral key variable is %s', async (_what, env) => {
    const r = await run([setUp(apikeyEnv)], [], env)
    expect(r).toMatchObject({ code: 1, stdout: '' })
    expect(r.stderr).toBe(
      'ibmcloud-iam-token: $EPHEMERAL_KEY is empty in this step, so the token cannot be renewed: ' +
        'the ephemeral key is exported only to the steps after the action (check env: overrides ' +
        'of this step).\n'
    )
    expect(r.transport.requests).toEqual([])
  })

  it('logs retries on stderr under its own name, and still prints only the token', async () => {
    const config = setUp(apikeyEnv, undefined, { maxAttempts: 2 })
    const fresh = makeJwt(serviceIdClaims(NOW))
    const r = await run(
      [config],
      [jsonResponse(503, { errorCode: 'BXNIM0001E' }), jsonResponse(200, tokenBody(fresh))],
      { GITHUB_ACTIONS: '', EPHEMERAL_KEY: APIKEY }
    )
    expect(r).toMatchObject({ code: 0, stdout: `${fresh}\n` })
    const lines = r.stderr.split('\n').filter(Boolean)
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/^ibmcloud-iam-token: .*503/)
  })

  it('warns on stderr when IAM issues a token valid less than 5 minutes, and prints it', async () => {
    const short = makeJwt(serviceIdClaims(NOW, { exp: NOW_S + 299 }))
    const r = await run([setUp(apikeyEnv)], [jsonResponse(200, tokenBody(short))], {
      GITHUB_ACTIONS: '',
      EPHEMERAL_KEY: APIKEY
    })
    expect(r).toMatchObject({
      code: 0,
      stdout: `${short}\n`,
      stderr: 'ibmcloud-iam-token: IAM issued a token valid for only 299 s (less than 300 s).\n'
    })
    const enough = makeJwt(serviceIdClaims(NOW, { exp: NOW_S + 300 }))
    const ok = await run([setUp(apikeyEnv)], [jsonResponse(200, tokenBody(enough))], {
      GITHUB_ACTIONS: '',
      EPHEMERAL_KEY: APIKEY
    })
    expect(ok).toMatchObject({ code: 0, stdout: `${enough}\n`, stderr: '' })
  })

  it.each([
    ['a torn cache', '{"accessToken":"eyJ.half'],
    ['a cache without a token', JSON.stringify({ expiration: NOW_S + 3000 })],
    ['a cache without an expiry', JSON.stringify({ accessToken: 'cached.jwt' })],
    [
      'a cache whose token is not a string',
      JSON.stringify({ accessToken: 1, expiration: NOW_S + 3000 })
    ],
    [
      'a cache whose expiry is not a number',
      JSON.stringify({ accessToken: 'x', expiration: `${NOW_S + 3000}` })
    ]
  ])('renews over %s', async (_what, cache) => {
    const config = setUp(apikeyEnv)
    writeFileSync(join(dir, 'token.json'), cache)
    const fresh = makeJwt(serviceIdClaims(NOW))
    const r = await run([config], [jsonResponse(200, tokenBody(fresh))], {
      GITHUB_ACTIONS: '',
      EPHEMERAL_KEY: APIKEY
    })
    expect(r).toMatchObject({ code: 0, stdout: `${fresh}\n` })
    expect(r.transport.requests).toHaveLength(1)
  })

  it.each([
    ['a string', 'disk on fire', 'disk on fire'],
    ['null', null, 'null']
  ])('names whatever a config reader throws, even %s', async (_what, thrown, shown) => {
    let stderr = ''
    const io: CommandIo = {
      env: {},
      clock: fakeClock(NOW),
      createTransport: () => scriptedTransport([]),
      files: {
        ...nodeFiles,
        readFile: () => {
          throw thrown
        }
      },
      stdout: () => undefined,
      stderr: (t) => (stderr += t)
    }
    await expect(runTokenCommand(['/c.json'], io)).resolves.toBe(1)
    expect(stderr).toMatch(
      new RegExp(`^ibmcloud-iam-token: cannot use /c\\.json \\(${shown}\\)\\. `)
    )
  })

  it('says what is wrong with a config file it cannot use, and where it comes from', async () => {
    const r = await run([join(dir, 'missing.json')], [])
    expect(r.stderr).toBe(
      `ibmcloud-iam-token: cannot use ${join(dir, 'missing.json')} (ENOENT: no such file or ` +
        `directory, open '${join(dir, 'missing.json')}'). It is written by the IBM Cloud IAM ` +
        'token action in an earlier step of this job and removed with RUNNER_TEMP when the job ends.\n'
    )
  })
})

describe('the real process', () => {
  afterEach(() => jest.restoreAllMocks())

  it('processIo reads this process: its environment, files, stdout and stderr', () => {
    const out: string[] = []
    const err: string[] = []
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      out.push(String(chunk))
      return true
    })
    jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      err.push(String(chunk))
      return true
    })
    const clock = fakeClock(NOW)
    const createTransport = () => scriptedTransport([])
    const io = processIo(createTransport, clock)
    expect(io.env).toBe(process.env)
    expect(io.clock).toBe(clock)
    expect(io.createTransport).toBe(createTransport)
    writeFileSync(join(dir, 'f.txt'), 'é text')
    expect(io.files.readFile(join(dir, 'f.txt'))).toBe('é text')
    io.stdout('the token\n')
    io.stderr('a message\n')
    expect(out).toEqual(['the token\n'])
    expect(err).toEqual(['a message\n'])
  })

  it("commandDeps runs on the system clock and a transport with the action's User-Agent", async () => {
    const deps = commandDeps()
    expect(Math.abs(deps.clock.now() - Date.now())).toBeLessThan(1000)
    const server = createServer((req, res) => {
      setTimeout(() => res.end(String(req.headers['user-agent'])), 200)
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    try {
      const { port } = server.address() as AddressInfo
      const send = deps.createTransport({ timeoutMs: 5000 })
      const res = await send({ method: 'GET', url: `http://127.0.0.1:${port}/`, headers: {} })
      expect(res).toMatchObject({ status: 200, body: userAgent() })
    } finally {
      await new Promise((resolve) => server.close(resolve))
    }
  })
})

describe('the launchers', () => {
  const launch = {
    node: "/opt/it's/node",
    script: '/action/dist/token-command/index.js',
    config: '/tmp/x/config.json'
  }

  it('POSIX: exec with every path single-quoted, arguments passed on', () => {
    expect(posixShim(launch).split('\n')[2]).toBe(
      `exec '/opt/it'\\''s/node' '/action/dist/token-command/index.js' '/tmp/x/config.json' "$@"`
    )
  })

  it('Windows: quoted paths with % doubled, CRLF, the exit code kept', () => {
    const text = windowsShim({
      node: 'C:\\hostedtoolcache\\node\\24.0.0\\x64\\node.exe',
      script: 'D:\\a\\_actions\\o\\r\\v1\\dist\\token-command\\index.js',
      config: 'D:\\a\\_temp\\100%\\config.json'
    })
    expect(text.split('\r\n')).toEqual([
      '@echo off',
      'rem ibmcloud-iam-token: prints an IBM Cloud IAM token valid for at least 5 more minutes.',
      '"C:\\hostedtoolcache\\node\\24.0.0\\x64\\node.exe" "D:\\a\\_actions\\o\\r\\v1\\dist\\token-command\\index.js" "D:\\a\\_temp\\100%%\\config.json" %*',
      'exit /b %ERRORLEVEL%',
      ''
    ])
  })
})

describe('runTokenCommand, the network settings the main step used', () => {
  const fresh = () => makeJwt(serviceIdClaims(NOW))

  it('sends no credential when a later step set HTTPS_PROXY, and names it on a warning', async () => {
    const config = setUp(apikeyEnv)
    const r = await run([config], [jsonResponse(200, tokenBody(fresh()))], {
      EPHEMERAL_KEY: APIKEY,
      HTTPS_PROXY: 'http://127.0.0.1:9'
    })
    expect(r.code).toBe(1)
    expect(r.stdout).toBe('')
    expect(r.transport.requests).toEqual([])
    expect(r.stderr).toMatch(
      /^::warning::HTTPS_PROXY \(set by a later step\) changed|^::warning::HTTPS_PROXY changed/m
    )
    expect(r.stderr).not.toContain('127.0.0.1:9')
  })

  it('sends no credential when NODE_EXTRA_CA_CERTS differs from the recorded one', async () => {
    const config = setUp(apikeyEnv, undefined, { network: { NODE_EXTRA_CA_CERTS: '/ca/main.pem' } })
    const r = await run([config], [], { EPHEMERAL_KEY: APIKEY, NODE_EXTRA_CA_CERTS: '/tmp/x.pem' })
    expect(r.code).toBe(1)
    expect(r.transport.requests).toEqual([])
    expect(r.stderr).toMatch(/NODE_EXTRA_CA_CERTS changed since the main step/)
  })

  it('sends no credential from a config without a record of them', async () => {
    const config = setUp(apikeyEnv, undefined, { network: undefined })
    const r = await run([config], [], { EPHEMERAL_KEY: APIKEY })
    expect(r.code).toBe(1)
    expect(r.transport.requests).toEqual([])
    expect(r.stderr).toMatch(/found no record of the network settings/)
  })

  it('renews with the recorded settings unchanged', async () => {
    const token = fresh()
    const config = setUp(apikeyEnv, undefined, {
      network: { HTTPS_PROXY: 'http://proxy.example:3128', no_proxy: 'localhost' }
    })
    const r = await run([config], [jsonResponse(200, tokenBody(token))], {
      EPHEMERAL_KEY: APIKEY,
      HTTPS_PROXY: 'http://proxy.example:3128',
      no_proxy: 'localhost'
    })
    expect(r.code).toBe(0)
    expect(r.stdout).toBe(`${token}\n`)
  })

  it('still prints a fresh cached token whatever the settings: nothing is sent for it', async () => {
    const config = setUp(apikeyEnv, { accessToken: 'cached.jwt.value', expiration: NOW_S + 900 })
    const r = await run([config], [], { HTTPS_PROXY: 'http://127.0.0.1:9' })
    expect(r).toMatchObject({ code: 0, stdout: 'cached.jwt.value\n' })
  })
})
