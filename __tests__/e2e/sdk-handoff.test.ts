import { spawn } from 'node:child_process'
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import type { Emulator } from '../../emulator/index.mjs'
import { useEmulator } from './fixture.js'
import { leaks, runStep, secretsOf, type StepResult } from './leak-checks.js'

// Judged by IBM's SDK itself: dist/ runs as a runner does with sdk-services, then a later step
// (its own Node process, with only PATH, HOME, the runner's CA and what the job exported)
// builds IamIdentityV1 with newInstance({ serviceName }) and no credential in code. The
// emulator's request log shows which token request IBM's SDK core made from the file.

const LATER_STEP = join(dirname(fileURLToPath(import.meta.url)), 'sdk-later-step.mjs')
const emulator = useEmulator()
let iam: Emulator
let runnerTemp: string
let scratch: string
beforeEach(() => {
  iam = emulator()
  runnerTemp = mkdtempSync(join(tmpdir(), 'sdk-runner-temp-'))
  scratch = mkdtempSync(join(tmpdir(), 'sdk-scratch-'))
})
afterEach(() => {
  rmSync(runnerTemp, { recursive: true, force: true })
  rmSync(scratch, { recursive: true, force: true })
})

function main(inputs: Record<string, string>, env: Record<string, string> = {}) {
  const all = { 'iam-endpoint': iam.url, ...inputs }
  return runStep('main', { inputs: all, caPath: iam.caPath, runnerTemp, env })
}

/** A projected token as Kubernetes writes it: no trailing newline (IBM's SDK does not trim). */
function tokenFile(content = iam.seed.crToken): string {
  const path = join(scratch, 'sa-token')
  writeFileSync(path, content)
  return path
}

interface Later {
  code: number | null
  result: { ok: boolean; authType?: string; configuredUrl?: string; status?: number }
  stderr: string
}

/** The later step: async spawn (the emulator answers from this process). */
async function laterStep(step: StepResult, args: string[], extraEnv: Record<string, string> = {}) {
  const home = mkdtempSync(join(scratch, 'home-'))
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    ...(iam.caPath ? { NODE_EXTRA_CA_CERTS: iam.caPath } : {}),
    ...step.exportedEnv,
    ...extraEnv
  }
  // The Node the job runs (the Node 24 pass of .ci/run sets E2E_NODE).
  const node = process.env.E2E_NODE || process.execPath
  const child = spawn(node, [LATER_STEP, ...args], { cwd: home, env })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
  const code = await new Promise<number | null>((done) => child.on('close', done))
  const last = stdout.trim().split('\n').at(-1) ?? '{}'
  return { code, result: JSON.parse(last) as Later['result'], stderr } satisfies Later
}

/**
 * A folder that exists but in which nothing can be created, whoever runs the test: its path is
 * a few characters short of Linux's PATH_MAX (4096), so any name inside it is too long.
 */
function deepFolder(under: string): string {
  let path = under
  while (path.length < 4070) path = join(path, 'd'.repeat(Math.min(200, 4070 - path.length)))
  mkdirSync(path, { recursive: true })
  return path
}

/** name=value lines of the credentials file. */
function entries(path: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line || line.startsWith('#')) continue
    out[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1)
  }
  return out
}

/** Every file under RUNNER_TEMP with its content, for the "no long-lived key" check. */
function filesUnder(dir: string): [string, string][] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => {
      const path = join(e.parentPath, e.name)
      return [relative(dir, path), readFileSync(path, 'utf8')] as [string, string]
    })
}

function expectCredentialsFile(step: StepResult): string {
  expect(step.commands.filter((c) => c.command === 'error')).toEqual([])
  expect(step.code).toBe(0)
  const path = step.exportedEnv.IBM_CREDENTIALS_FILE!
  expect(path).toBe(step.outputs['sdk-credentials-file'])
  expect(relative(runnerTemp, path)).toMatch(
    /^ibm-credentials-[A-Za-z0-9]{6}\/ibm-credentials\.env$/
  )
  expect(statSync(path).mode & 0o777).toBe(0o600)
  expect(statSync(dirname(path)).mode & 0o777).toBe(0o700)
  return path
}

const tokenRequests = (since: number) =>
  iam.requests.slice(since).filter((r) => r.path === '/identity/token')

describe('an ephemeral key: AUTH_TYPE=iam with that key, renewable by the SDK', () => {
  test('IamIdentityV1.newInstance authenticates with the ephemeral key; env vars are ignored; post deletes the file', async () => {
    const inputs = {
      apikey: iam.seed.apikey,
      'ephemeral-key': 'true',
      'sdk-services': 'iam_identity'
    }
    const step = await main(inputs)
    const path = expectCredentialsFile(step)
    const key = step.outputs['ephemeral-apikey']!
    expect(entries(path)).toEqual({
      IAM_IDENTITY_AUTH_TYPE: 'iam',
      IAM_IDENTITY_APIKEY: key,
      IAM_IDENTITY_AUTH_URL: iam.url
    })
    // No long-lived key in any file the action wrote.
    const files = filesUnder(runnerTemp)
    expect(files.length).toBeGreaterThan(0)
    expect(files.filter(([, text]) => text.includes(iam.seed.apikey))).toEqual([])
    // Nor in the runner's files (outputs, env, state, summary, path), nor in the workspace.
    const { outputs, exportedEnv, state, summary, paths } = step
    expect(JSON.stringify({ outputs, exportedEnv, state, summary, paths })).not.toContain(
      iam.seed.apikey
    )
    expect(step.workspaceFiles).toEqual([])
    expect(leaks(step, secretsOf(iam.seed.apikey, step))).toEqual([])
    // Not keyless: no ibmcloud CR variables.
    expect(Object.keys(step.exportedEnv).sort()).toEqual([
      'IBMCLOUD_API_KEY',
      'IBMCLOUD_IAM_TOKEN',
      'IBM_CREDENTIALS_FILE'
    ])

    const before = iam.requests.length
    // <SERVICE>_* variables a job might also carry: the file wins, so neither is used.
    const later = await laterStep(step, ['iam_identity', iam.seed.accountId, iam.url], {
      IAM_IDENTITY_APIKEY: iam.seed.otherAccountApikey,
      IAM_IDENTITY_URL: 'https://127.0.0.1:9'
    })
    expect(later.stderr).toBe('')
    expect(later.result).toMatchObject({ ok: true, authType: 'iam', status: 200 })
    // IAM_IDENTITY_URL was not read: without serviceUrl the client has the SDK's default.
    expect(later.result.configuredUrl).toBe('https://iam.cloud.ibm.com')
    const grants = tokenRequests(before)
    expect(grants).toHaveLength(1)
    expect(grants[0]).toMatchObject({
      grantType: 'urn:ibm:params:oauth:grant-type:apikey',
      apikeyId: step.outputs['ephemeral-apikey-id'],
      status: 200
    })
    expect(grants[0]!.headers['user-agent']).toMatch(/^ibm-node-sdk-core/)
    const calls = iam.requests.slice(before).filter((r) => r.path === '/v1/apikeys')
    expect(calls.map((r) => `${r.method} ${r.status}`)).toEqual(['GET 200'])

    const post = await runStep('post', {
      inputs: { ...inputs, 'iam-endpoint': iam.url },
      caPath: iam.caPath,
      runnerTemp,
      after: step
    })
    expect(post.code).toBe(0)
    expect(post.stdout).toContain(`Deleted the IBM SDK credentials file ${path}`)
    expect(readdirSync(runnerTemp).filter((n) => n.startsWith('ibm-credentials-'))).toEqual([])
    // And the key the file held is revoked.
    expect(iam.requests.at(-1)).toMatchObject({ method: 'DELETE', status: 204 })
  })
})

describe('a compute-resource token file: AUTH_TYPE=container, the SDK reads the file itself', () => {
  test.each([
    [
      'profile-id',
      () => ({ 'profile-id': iam.seed.crProfileId }),
      'IAM_PROFILE_ID',
      () => iam.seed.crProfileId
    ],
    [
      'profile-name',
      () => ({ 'profile-name': iam.seed.crProfileName, 'account-id': iam.seed.accountId }),
      'IAM_PROFILE_NAME',
      () => iam.seed.crProfileName
    ]
  ])(
    '%s: the SDK makes the cr-token grant for that profile; the CLI gets @file and the profile',
    async (_, profile, entry, value) => {
      const file = tokenFile()
      const step = await main({
        'cr-token-file': file,
        ...profile(),
        'sdk-services': 'iam_identity, resource_controller'
      })
      const path = expectCredentialsFile(step)
      const expected = {
        AUTH_TYPE: 'container',
        CR_TOKEN_FILENAME: file,
        [entry]: value(),
        AUTH_URL: iam.url
      }
      const both = Object.fromEntries(
        ['IAM_IDENTITY_', 'RESOURCE_CONTROLLER_'].flatMap((p) =>
          Object.entries(expected).map(([k, v]) => [p + k, v])
        )
      )
      expect(entries(path)).toEqual(both)
      expect(step.exportedEnv.IBMCLOUD_CR_TOKEN).toBe(`@${file}`)
      expect(step.exportedEnv.IBMCLOUD_CR_PROFILE).toBe(value())
      expect(step.exportedEnv.IBMCLOUD_CR_VPC_URL).toBeUndefined()
      // The file is named, never copied: the token is in no file the action wrote.
      expect(filesUnder(runnerTemp).filter(([, t]) => t.includes(iam.seed.crToken))).toEqual([])

      const before = iam.requests.length
      const later = await laterStep(step, ['iam_identity', iam.seed.accountId, iam.url])
      expect(later.stderr).toBe('')
      expect(later.result).toMatchObject({ ok: true, authType: 'container', status: 200 })
      const grants = tokenRequests(before)
      expect(grants).toHaveLength(1)
      expect(grants[0]).toMatchObject({
        grantType: 'urn:ibm:params:oauth:grant-type:cr-token',
        profileId: iam.seed.crProfileId,
        status: 200
      })
      expect(grants[0]!.headers['user-agent']).toMatch(/^ibm-node-sdk-core/)
    }
  )

  test('a service URL can go into the file: the SDK then needs no serviceUrl in code', async () => {
    const step = await main({
      'cr-token-file': tokenFile(),
      'profile-id': iam.seed.crProfileId,
      'sdk-services': 'iam_identity'
    })
    const path = expectCredentialsFile(step)
    writeFileSync(path, `${readFileSync(path, 'utf8')}IAM_IDENTITY_URL=${iam.url}\n`)
    const later = await laterStep(step, ['iam_identity', iam.seed.accountId])
    expect(later.result).toMatchObject({ ok: true, configuredUrl: iam.url, status: 200 })
  })

  test('a token file with a trailing newline: the action warns, since the SDK sends it as it is and IAM refuses it', async () => {
    const step = await main({
      'cr-token-file': tokenFile(`${iam.seed.crToken}\n`),
      'profile-id': iam.seed.crProfileId,
      'sdk-services': 'iam_identity'
    })
    expect(step.code).toBe(0)
    expect(step.commands.find((c) => c.command === 'warning')?.value).toMatch(
      /IBM's SDKs send the file as it is/
    )
    const before = iam.requests.length
    const later = await laterStep(step, ['iam_identity', iam.seed.accountId, iam.url])
    expect(later.result).toMatchObject({ ok: false, status: 400 })
    expect(tokenRequests(before)[0]).toMatchObject({
      grantType: 'urn:ibm:params:oauth:grant-type:cr-token',
      status: 400
    })
  })
})

describe('the ibmcloud CLI variables without sdk-services', () => {
  test('cr-token-file: IBMCLOUD_CR_TOKEN=@<absolute path> and IBMCLOUD_CR_PROFILE, no credentials file', async () => {
    const file = tokenFile()
    const step = await main({ 'cr-token-file': file, 'profile-crn': iam.seed.crProfileCrn })
    expect(step.code).toBe(0)
    expect(step.exportedEnv).toEqual({
      IBMCLOUD_IAM_TOKEN: step.outputs.token,
      IBMCLOUD_CR_TOKEN: `@${file}`,
      IBMCLOUD_CR_PROFILE: iam.seed.crProfileCrn
    })
    expect(step.outputs['sdk-credentials-file']).toBeUndefined()
  })

  test("vpc-metadata with the default profile and endpoint: nothing the CLI's defaults lack", async () => {
    const step = await main({ 'vpc-metadata': 'true', 'vpc-metadata-endpoint': iam.metadataUrl })
    expect(step.code).toBe(0)
    // The emulator's metadata URL is not the default one, so only that is exported.
    expect(step.exportedEnv).toEqual({
      IBMCLOUD_IAM_TOKEN: step.outputs.token,
      IBMCLOUD_CR_VPC_URL: iam.metadataUrl
    })
  })
})

describe('export-env: false and the post step', () => {
  test('export-env: false: the file is an output only; nothing exported, not even for the CLI', async () => {
    const step = await main({
      'cr-token-file': tokenFile(),
      'profile-id': iam.seed.crProfileId,
      'sdk-services': 'iam_identity',
      'export-env': 'false'
    })
    expect(step.code).toBe(0)
    expect(step.exportedEnv).toEqual({})
    const path = step.outputs['sdk-credentials-file']!
    expect(entries(path).IAM_IDENTITY_AUTH_TYPE).toBe('container')
    // A later step that names the file itself gets the same identity.
    const later = await laterStep(step, ['iam_identity', iam.seed.accountId, iam.url], {
      IBM_CREDENTIALS_FILE: path
    })
    expect(later.result).toMatchObject({ ok: true, authType: 'container', status: 200 })
  })

  test("the job's own IBM_CREDENTIALS_FILE is replaced, with a warning that says what that means", async () => {
    const own = join(scratch, 'own.env')
    writeFileSync(own, 'OTHER_SERVICE_AUTH_TYPE=noauth\n')
    const step = await main(
      { apikey: iam.seed.apikey, 'ephemeral-key': 'true', 'sdk-services': 'iam_identity' },
      { IBM_CREDENTIALS_FILE: own }
    )
    expect(step.code).toBe(0)
    expect(step.exportedEnv.IBM_CREDENTIALS_FILE).not.toBe(own)
    expect(step.commands.find((c) => c.command === 'warning')?.value).toMatch(
      /IBM_CREDENTIALS_FILE was .*own\.env; later steps now get this action's file instead/
    )
  })

  test('a path planted in GITHUB_STATE is not deleted, and the post step still succeeds', async () => {
    const inputs = {
      'cr-token-file': tokenFile(),
      'profile-id': iam.seed.crProfileId,
      'sdk-services': 'iam_identity'
    }
    const step = await main(inputs)
    expect(step.code).toBe(0)
    const precious = join(scratch, 'ibm-credentials.env')
    writeFileSync(precious, 'keep')
    const planted = { ...step, state: { ...step.state, 'sdk-credentials-file': precious } }
    const post = await runStep('post', {
      inputs: { ...inputs, 'iam-endpoint': iam.url },
      caPath: iam.caPath,
      runnerTemp,
      after: planted
    })
    expect(post.code).toBe(0)
    expect(post.commands.find((c) => c.command === 'warning')?.value).toMatch(
      /is not one this action writes/
    )
    expect(readFileSync(precious, 'utf8')).toBe('keep')
  })
})

describe('the VPC metadata service: AUTH_TYPE=vpc with the profile and the endpoint', () => {
  test('the SDK asks the metadata service itself (PUT then POST); the CLI gets the profile and the URL', async () => {
    const step = await main({
      'vpc-metadata': 'true',
      'vpc-metadata-endpoint': iam.metadataUrl,
      'profile-id': iam.seed.crProfileId,
      'sdk-services': 'iam_identity'
    })
    const path = expectCredentialsFile(step)
    expect(entries(path)).toEqual({
      IAM_IDENTITY_AUTH_TYPE: 'vpc',
      IAM_IDENTITY_IAM_PROFILE_ID: iam.seed.crProfileId,
      IAM_IDENTITY_AUTH_URL: iam.metadataUrl
    })
    expect(step.exportedEnv).toMatchObject({
      IBMCLOUD_CR_PROFILE: iam.seed.crProfileId,
      IBMCLOUD_CR_VPC_URL: iam.metadataUrl
    })
    expect(step.exportedEnv.IBMCLOUD_CR_TOKEN).toBeUndefined()
    const before = iam.requests.length
    const later = await laterStep(step, ['iam_identity', iam.seed.accountId, iam.url])
    expect(later.result).toMatchObject({ ok: true, authType: 'vpc', status: 200 })
    const metadata = iam.requests.slice(before).filter((r) => r.service === 'metadata')
    expect(metadata.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      'PUT /instance_identity/v1/token 200',
      'POST /instance_identity/v1/iam_token 200'
    ])
  })
})

describe("a long-lived key without an ephemeral key: only this run's token reaches the file", () => {
  test.each([
    ['apikey', () => ({})],
    [
      'apikey + profile-id (ephemeral keys are refused there)',
      () => ({ 'profile-id': iam.seed.profileId })
    ]
  ])(
    '%s: AUTH_TYPE=bearerToken with the token, a notice on the hour limit, the key in no file',
    async (_, profile) => {
      const step = await main({
        apikey: iam.seed.apikey,
        ...profile(),
        'sdk-services': 'iam_identity'
      })
      const path = expectCredentialsFile(step)
      expect(entries(path)).toEqual({
        IAM_IDENTITY_AUTH_TYPE: 'bearerToken',
        IAM_IDENTITY_BEARER_TOKEN: step.outputs.token
      })
      expect(step.commands.find((c) => c.command === 'notice')?.value).toMatch(
        /at most an hour.*ephemeral-key: true/s
      )
      expect(filesUnder(runnerTemp).filter(([, t]) => t.includes(iam.seed.apikey))).toEqual([])
      expect(leaks(step, secretsOf(iam.seed.apikey, step))).toEqual([])
      const before = iam.requests.length
      const later = await laterStep(step, ['iam_identity', iam.seed.accountId, iam.url])
      expect(later.result).toMatchObject({ ok: true, authType: 'bearerToken', status: 200 })
      expect(tokenRequests(before)).toEqual([]) // nothing to renew with
    }
  )
})

describe('refused, with nothing exported', () => {
  test.each([['IAM_Identity'], ['iam identity!'], ['9lives'], ['iam.identity']])(
    'sdk-services "%s": refused before any request',
    async (services) => {
      const step = await main({ apikey: iam.seed.apikey, 'sdk-services': services })
      expect(step.code).toBe(1)
      expect(step.commands.find((c) => c.command === 'error')?.value).toMatch(
        /not an IBM SDK service name/
      )
      expect(iam.requests).toEqual([])
      expect(step.exportedEnv).toEqual({})
      expect(step.outputs).toEqual({})
    }
  )

  test.each([
    ['unset', () => ''],
    ['missing', () => join(scratch, 'no-such-folder')],
    ['a file', () => tokenFile('not a folder')]
  ])('RUNNER_TEMP %s: a clear message before any request', async (_, where) => {
    const step = await main(
      { apikey: iam.seed.apikey, 'ephemeral-key': 'true', 'sdk-services': 'iam_identity' },
      { RUNNER_TEMP: where() }
    )
    expect(step.code).toBe(1)
    expect(step.commands.find((c) => c.command === 'error')?.value).toMatch(
      /sdk-services.*RUNNER_TEMP/s
    )
    expect(iam.requests).toEqual([])
    expect(step.exportedEnv).toEqual({})
    expect(step.outputs).toEqual({})
  })

  test('RUNNER_TEMP not writable (a folder whose path leaves no room for ours: fails even for root)', async () => {
    const step = await main(
      { apikey: iam.seed.apikey, 'ephemeral-key': 'true', 'sdk-services': 'iam_identity' },
      { RUNNER_TEMP: deepFolder(scratch) }
    )
    expect(step.code).toBe(1)
    expect(step.commands.find((c) => c.command === 'error')?.value).toMatch(
      /RUNNER_TEMP .* is not writable \(ENAMETOOLONG\).*Nothing was exported/s
    )
    expect(iam.requests).toEqual([])
    expect(step.exportedEnv).toEqual({})
    expect(step.outputs).toEqual({})
  })
})
