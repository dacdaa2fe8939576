/**
 * installTokenCommand and the config file it writes, called directly: which credentials can be
 * renewed in later steps (never a long-lived API key), what lands under RUNNER_TEMP and with
 * which modes, and what the step says about it.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseConfig, type Config } from '../src/config.js'
import type { IamToken } from '../src/iam/token.js'
import { nodeFiles } from '../src/runner/files.js'
import { installTokenCommand } from '../src/token-command/install.js'
import { parseRenewalConfig, renewableCredential } from '../src/token-command/renewal.js'
import { ACCOUNT_ID, APIKEY, IAM_ID, RecordingRunner } from './helpers/fakes.js'

const PROFILE_ID = 'Profile-9f1e2d3c-4b5a-6789-0abc-def012345678'
const HOST = { node: '/opt/node/bin/node', script: '/action/dist/token-command/index.js' }
const TOKEN: IamToken = {
  accessToken: 'eyJ.access.token',
  tokenType: 'Bearer',
  expiresIn: 3600,
  expiration: 1771592400,
  claims: {},
  accountId: ACCOUNT_ID,
  iamId: IAM_ID
}
const NOT_RENEWABLE =
  'renewing would need the API key, which is never written to disk (use ephemeral-key: true, ' +
  'cr-token-file or vpc-metadata for a renewable token)'

let temp: string
beforeEach(() => {
  temp = mkdtempSync(join(tmpdir(), 'token-command-install-'))
})
afterEach(() => rmSync(temp, { recursive: true, force: true }))

function config(inputs: Record<string, string>): Config {
  return parseConfig((name) => inputs[name] ?? '', { readFile: () => 'eyJ.cr.token' })
}

function install(
  inputs: Record<string, string>,
  where: { script?: typeof HOST; runnerTemp?: string }
) {
  const runner = new RecordingRunner({})
  const dir = installTokenCommand(runner, config(inputs), TOKEN, { ...where, files: nodeFiles })
  return { runner, dir }
}

const mode = (path: string) => statSync(path).mode & 0o777
const LIMITS = { 'timeout-seconds': '12', 'max-attempts': '3' }

describe('installTokenCommand', () => {
  it('writes the config, the seeded cache and both launchers in a private folder, and says so', () => {
    const path = '/var/run/secrets/tokens/sa'
    const inputs = {
      'cr-token-file': path,
      'profile-name': 'deployer',
      'account-id': ACCOUNT_ID,
      ...LIMITS
    }
    const { runner, dir } = install(inputs, { script: HOST, runnerTemp: temp })
    expect(dir).toMatch(new RegExp(`^${temp}/ibmcloud-iam-token-`))
    expect(readdirSync(temp)).toEqual([dir!.slice(temp.length + 1)])
    expect(mode(dir!)).toBe(0o700)
    expect(readdirSync(dir!).sort()).toEqual([
      'config.json',
      'ibmcloud-iam-token',
      'ibmcloud-iam-token.cmd',
      'token.json'
    ])
    expect(JSON.parse(readFileSync(join(dir!, 'config.json'), 'utf8'))).toEqual({
      version: 1,
      credential: {
        kind: 'cr-token-file',
        path,
        profile: { name: 'deployer', account: ACCOUNT_ID }
      },
      endpoint: 'https://iam.cloud.ibm.com',
      accountId: ACCOUNT_ID,
      timeoutMs: 12_000,
      maxAttempts: 3,
      cache: join(dir!, 'token.json')
    })
    expect(JSON.parse(readFileSync(join(dir!, 'token.json'), 'utf8'))).toEqual({
      accessToken: TOKEN.accessToken,
      expiration: TOKEN.expiration
    })
    expect(mode(join(dir!, 'config.json'))).toBe(0o600)
    expect(mode(join(dir!, 'token.json'))).toBe(0o600)
    expect(mode(join(dir!, 'ibmcloud-iam-token'))).toBe(0o700)
    expect(mode(join(dir!, 'ibmcloud-iam-token.cmd'))).toBe(0o700)
    expect(readFileSync(join(dir!, 'ibmcloud-iam-token'), 'utf8')).toContain(
      `'${HOST.node}' '${HOST.script}' '${join(dir!, 'config.json')}' "$@"`
    )
    expect(runner.paths).toEqual([dir])
    expect(runner.printed()).toEqual([
      'Later steps can run `ibmcloud-iam-token` for a token valid at least 5 more minutes, ' +
        `renewed from ${path}, re-read each time (token-command: false turns this off).`
    ])
  })

  it('leaves accountId out of the config when account-id is not set', () => {
    const { dir } = install(
      { 'vpc-metadata': 'true', ...LIMITS },
      { script: HOST, runnerTemp: temp }
    )
    expect(JSON.parse(readFileSync(join(dir!, 'config.json'), 'utf8'))).toEqual({
      version: 1,
      credential: { kind: 'vpc-metadata', endpoint: 'http://169.254.169.254' },
      endpoint: 'https://iam.cloud.ibm.com',
      timeoutMs: 12_000,
      maxAttempts: 3,
      cache: join(dir!, 'token.json')
    })
  })

  it.each([
    [{ 'vpc-metadata': 'true' }, 'renewed from the VPC instance metadata service'],
    [
      { apikey: APIKEY, 'ephemeral-key': 'true' },
      'renewed with the ephemeral key in $IBMCLOUD_API_KEY'
    ],
    [
      { apikey: APIKEY, 'ephemeral-key': 'true', 'ephemeral-key-env': 'MY_KEY' },
      'renewed with the ephemeral key in $MY_KEY'
    ]
  ])('says how %j is renewed', (inputs, how) => {
    const { runner } = install(inputs, { script: HOST, runnerTemp: temp })
    expect(runner.printed()).toEqual([
      `Later steps can run \`ibmcloud-iam-token\` for a token valid at least 5 more minutes, ${how} (token-command: false turns this off).`
    ])
  })

  it.each<[Record<string, string>, { host?: boolean; runnerTemp?: boolean }, string]>([
    [{ apikey: APIKEY }, { host: true, runnerTemp: true }, NOT_RENEWABLE],
    [
      { 'vpc-metadata': 'true' },
      { runnerTemp: true },
      'this runner gives no path to the bundled command'
    ],
    [{ 'vpc-metadata': 'true' }, { host: true }, 'RUNNER_TEMP is not set']
  ])('installs nothing for %j with %j, and says why in the debug log', (inputs, given, why) => {
    const where = {
      ...(given.host ? { script: HOST } : {}),
      ...(given.runnerTemp ? { runnerTemp: temp } : {})
    }
    const { runner, dir } = install(inputs, where)
    expect(dir).toBeUndefined()
    expect(readdirSync(temp)).toEqual([])
    expect(runner.paths).toEqual([])
    expect(runner.printed()).toEqual([`::debug::ibmcloud-iam-token is not installed: ${why}.`])
  })

  it('installs nothing, silently, with token-command: false', () => {
    const inputs = { 'vpc-metadata': 'true', 'token-command': 'false' }
    const { runner, dir } = install(inputs, { script: HOST, runnerTemp: temp })
    expect(dir).toBeUndefined()
    expect(readdirSync(temp)).toEqual([])
    expect(runner.events).toEqual([])
  })
})

describe('renewableCredential', () => {
  it('takes an ephemeral key only when it is exported to the later steps', () => {
    expect(renewableCredential(config({ apikey: APIKEY, 'ephemeral-key': 'true' }))).toEqual({
      credential: { kind: 'apikey-env', envName: 'IBMCLOUD_API_KEY' }
    })
    expect(
      renewableCredential(
        config({ apikey: APIKEY, 'ephemeral-key': 'true', 'export-env': 'false' })
      )
    ).toEqual({ why: NOT_RENEWABLE })
  })

  it('never renews from a long-lived API key, alone or with a profile, nor from no credential', () => {
    const profile = config({ apikey: APIKEY, 'profile-id': PROFILE_ID })
    const none: Config = {
      ...config({ apikey: APIKEY, 'ephemeral-key': 'true' }),
      credential: { kind: 'none' }
    }
    for (const c of [config({ apikey: APIKEY }), profile, none]) {
      expect(renewableCredential(c)).toEqual({ why: NOT_RENEWABLE })
    }
  })
})

describe('parseRenewalConfig', () => {
  const valid = {
    version: 1,
    credential: { kind: 'apikey-env', envName: 'IBMCLOUD_API_KEY' },
    endpoint: 'https://iam.cloud.ibm.com',
    timeoutMs: 30_000,
    maxAttempts: 5,
    cache: '/tmp/x/token.json'
  }

  it.each([
    { kind: 'apikey-env', envName: 'K' },
    { kind: 'cr-token-file', path: '/t', profile: { id: PROFILE_ID } },
    { kind: 'vpc-metadata', endpoint: 'http://169.254.169.254' }
  ])('reads a config for %j', (credential) => {
    const text = JSON.stringify({ ...valid, credential })
    expect(parseRenewalConfig(text)).toEqual({ ...valid, credential })
  })

  it.each<[string, unknown]>([
    ['null', null],
    ['version 2', { ...valid, version: 2 }],
    ['no credential', { ...valid, credential: undefined }],
    ['an API key credential', { ...valid, credential: { kind: 'apikey', apikey: 'x' } }],
    ['a numeric endpoint', { ...valid, endpoint: 443 }],
    ['no cache', { ...valid, cache: undefined }],
    ['a string timeoutMs', { ...valid, timeoutMs: '30000' }],
    ['no maxAttempts', { ...valid, maxAttempts: undefined }]
  ])('refuses %s', (_what, json) => {
    expect(() => parseRenewalConfig(JSON.stringify(json))).toThrow(
      new Error('its config file is not one this version wrote')
    )
  })
})
