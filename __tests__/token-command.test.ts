import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { posixShim, windowsShim } from '../src/token-command/shims.js'
import { runTokenCommand, type CommandIo } from '../src/token-command/run.js'
import type { RenewalConfig } from '../src/token-command/renewal.js'
import {
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

const NOW = Date.UTC(2026, 1, 20, 12, 0, 0)
const NOW_S = Math.floor(NOW / 1000)

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'token-command-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

function setUp(
  credential: RenewalConfig['credential'],
  cached?: { accessToken: string; expiration: number }
) {
  const config: RenewalConfig = {
    version: 1,
    credential,
    endpoint: 'https://iam.example.test',
    timeoutMs: 1000,
    maxAttempts: 1,
    cache: join(dir, 'token.json')
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
    readFile: (path) => readFileSync(path, 'utf8'),
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t)
  }
  const code = await runTokenCommand(args, io)
  return { code, stdout, stderr, transport }
}

const apikeyEnv = { kind: 'apikey-env', envName: 'EPHEMERAL_KEY' } as const

describe('runTokenCommand', () => {
  it('prints a cached token with 10 minutes or more left, without a request', async () => {
    const config = setUp(apikeyEnv, { accessToken: 'cached.jwt.value', expiration: NOW_S + 600 })
    const r = await run([config], [])
    expect(r).toMatchObject({ code: 0, stdout: 'cached.jwt.value\n', stderr: '' })
    expect(r.transport.requests).toEqual([])
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
