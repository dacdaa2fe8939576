import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeEach, describe, expect, test } from '@jest/globals'
import type { Emulator } from '../../emulator/index.mjs'
import { useEmulator } from './fixture.js'
import {
  claimsOf,
  leaks,
  maskedJwts,
  runStep,
  secretsOf,
  unmaskedJwts,
  type StepResult
} from './leak-checks.js'

// Trusted profiles and compute-resource tokens, each mode run from dist/ against the emulator
// with debug logging on: the requests IAM (and the metadata service) saw, the outputs for the
// final identity, and every credential masked, intermediate ones included.

const emulator = useEmulator()
let iam: Emulator
beforeEach(() => {
  iam = emulator()
})
// Token files live outside the job's workspace, as a projected volume does.
const files = mkdtempSync(join(tmpdir(), 'keyless-e2e-'))
afterAll(() => rmSync(files, { recursive: true, force: true }))

function tokenFile(content: string): string {
  const path = join(files, `token-${Math.random().toString(36).slice(2)}`)
  writeFileSync(path, content)
  return path
}

function main(inputs: Record<string, string>) {
  return runStep('main', { inputs: { 'iam-endpoint': iam.url, ...inputs }, caPath: iam.caPath })
}

function errorOf(step: StepResult): string {
  return step.commands
    .filter((c) => c.command === 'error')
    .map((c) => c.value)
    .join('\n')
}

/** Every credential of the run, intermediate ones included, masked before any report; no JWT in clear. */
function expectMasked(step: StepResult, ...known: string[]) {
  const secrets = [...secretsOf(known[0] ?? '', step), ...known.slice(1), ...maskedJwts(step)]
  expect(leaks(step, secrets)).toEqual([])
  expect(unmaskedJwts(step.stdout + step.stderr)).toEqual([])
  expect(step.workspaceFiles).toEqual([])
}

const grants = () =>
  iam.requests
    .filter((r) => r.path === '/identity/token')
    .map((r) => r.grantType?.replace('urn:ibm:params:oauth:grant-type:', ''))

describe('a trusted profile assumed with an API key', () => {
  test.each([
    ['profile-id', () => ({ 'profile-id': iam.seed.profileId })],
    ['profile-crn', () => ({ 'profile-crn': iam.seed.profileCrn })],
    [
      'profile-name + account-id',
      () => ({ 'profile-name': iam.seed.profileName, 'account-id': iam.seed.accountId })
    ]
  ])(
    '%s: the API-key grant, then the assume grant; outputs for the profile',
    async (_, profile) => {
      const step = await main({ apikey: iam.seed.apikey, ...profile() })
      expect(errorOf(step)).toBe('')
      expect(step.code).toBe(0)
      expect(grants()).toEqual(['apikey', 'assume'])
      expect(step.outputs['iam-id']).toBe(`iam-${iam.seed.profileId}`)
      expect(step.outputs['account-id']).toBe(iam.seed.accountId)
      expect(step.exportedEnv).toEqual({ IBMCLOUD_IAM_TOKEN: step.outputs.token })
      // The service ID's own token was masked too, and published nowhere.
      const jwts = maskedJwts(step)
      expect(jwts).toHaveLength(2)
      const intermediate = jwts.find((t) => t !== step.outputs.token)!
      expect(claimsOf(intermediate).sub_type).toBe('ServiceId')
      expect(Object.values(step.outputs)).not.toContain(intermediate)
      expectMasked(step, iam.seed.apikey, intermediate)
      // Not renewable without the key on disk: no command is installed.
      expect(step.paths).toEqual([])
    }
  )

  test('a profile that does not trust the key fails with IAM code and request id', async () => {
    const step = await main({
      apikey: iam.seed.otherAccountApikey,
      'profile-id': iam.seed.profileId
    })
    expect(step.code).toBe(1)
    expect(errorOf(step)).toMatch(/HTTP 400/)
    expect(errorOf(step)).toMatch(/IAM request id: /)
    expect(step.outputs).toEqual({})
    expectMasked(step, iam.seed.otherAccountApikey)
  })
})

describe('a compute-resource token file', () => {
  test('one cr-token grant; the file is trimmed and masked; the command is installed', async () => {
    const path = tokenFile(`${iam.seed.crToken}\n`)
    const step = await main({ 'cr-token-file': path, 'profile-id': iam.seed.crProfileId })
    expect(errorOf(step)).toBe('')
    expect(step.code).toBe(0)
    expect(grants()).toEqual(['cr-token'])
    expect(step.outputs['iam-id']).toBe(`iam-${iam.seed.crProfileId}`)
    expectMasked(step, iam.seed.crToken)
    expect(step.paths).toHaveLength(1)
  })

  test('by profile name within account-id', async () => {
    const step = await main({
      'cr-token-file': tokenFile(iam.seed.crToken),
      'profile-name': iam.seed.crProfileName,
      'account-id': iam.seed.accountId
    })
    expect(step.code).toBe(0)
    expect(step.outputs['iam-id']).toBe(`iam-${iam.seed.crProfileId}`)
    expectMasked(step, iam.seed.crToken)
  })

  test('an expired token in the file is IAM refusing it, with the code and request id', async () => {
    const expired = iam.issueCrToken({ lifetimeSeconds: -60 })
    const step = await main({
      'cr-token-file': tokenFile(expired),
      'profile-id': iam.seed.crProfileId
    })
    expect(step.code).toBe(1)
    expect(errorOf(step)).toMatch(/HTTP 400 \w+: Provided compute resource token is invalid/)
    expectMasked(step, expired)
  })
})

describe('the VPC instance metadata service', () => {
  const metadata = () => iam.requests.filter((r) => r.service === 'metadata')

  test("the instance's default profile: PUT then POST, as IBM's VpcInstanceAuthenticator", async () => {
    const step = await main({ 'vpc-metadata': 'true', 'vpc-metadata-endpoint': iam.metadataUrl })
    expect(errorOf(step)).toBe('')
    expect(step.code).toBe(0)
    expect(metadata().map((r) => `${r.method} ${r.path} ${r.query.version} ${r.status}`)).toEqual([
      'PUT /instance_identity/v1/token 2022-03-01 200',
      'POST /instance_identity/v1/iam_token 2022-03-01 200'
    ])
    for (const r of metadata()) expect(r.headers['metadata-flavor']).toBe('ibm')
    expect(grants()).toEqual([]) // IAM's token endpoint is not called
    expect(step.outputs['iam-id']).toBe(`iam-${iam.seed.vsiProfileId}`)
    const exp = claimsOf(step.outputs.token!).exp as number
    expect(Number(step.outputs.expiration)).toBe(exp)
    // The instance identity token was masked too.
    expect(maskedJwts(step)).toHaveLength(2)
    expectMasked(step, '')
    expect(step.paths).toHaveLength(1)
  })

  test('a named profile linked to the instance', async () => {
    const step = await main({
      'vpc-metadata': 'true',
      'vpc-metadata-endpoint': iam.metadataUrl,
      'profile-id': iam.seed.crProfileId
    })
    expect(step.code).toBe(0)
    expect(step.outputs['iam-id']).toBe(`iam-${iam.seed.crProfileId}`)
    expectMasked(step, '')
  })
})

describe('refused before any request, in one message with the other input problems', () => {
  const cases: [string, () => Record<string, string>, RegExp][] = [
    [
      'two credential sources',
      () => ({ apikey: iam.seed.apikey, 'vpc-metadata': 'true', 'profile-id': iam.seed.profileId }),
      /apikey and vpc-metadata: true are each a credential source: give exactly one/
    ],
    [
      'a token file and the metadata service',
      () => ({
        'cr-token-file': tokenFile(iam.seed.crToken),
        'vpc-metadata': 'true',
        'profile-id': iam.seed.crProfileId
      }),
      /cr-token-file and vpc-metadata: true are each a credential source/
    ],
    [
      'a profile given twice',
      () => ({
        apikey: iam.seed.apikey,
        'profile-id': iam.seed.profileId,
        'profile-crn': iam.seed.profileCrn
      }),
      /profile-id and profile-crn each name a trusted profile: give only one/
    ],
    [
      'profile-name without account-id',
      () => ({ apikey: iam.seed.apikey, 'profile-name': iam.seed.profileName }),
      /profile-name needs account-id/
    ],
    [
      'cr-token-file without a profile',
      () => ({ 'cr-token-file': tokenFile(iam.seed.crToken) }),
      /cr-token-file needs a trusted profile/
    ],
    [
      'a missing token file',
      () => ({ 'cr-token-file': join(files, 'absent'), 'profile-id': iam.seed.crProfileId }),
      /cr-token-file .*absent does not exist/
    ],
    [
      'an empty token file',
      () => ({ 'cr-token-file': tokenFile(' \n'), 'profile-id': iam.seed.crProfileId }),
      /cr-token-file .* is empty/
    ],
    [
      'an unreadable token file (a folder)',
      () => ({ 'cr-token-file': files, 'profile-id': iam.seed.crProfileId }),
      /cr-token-file .* cannot be read \(EISDIR\)/
    ],
    [
      'ephemeral-key with a profile',
      () => ({
        apikey: iam.seed.apikey,
        'profile-id': iam.seed.profileId,
        'ephemeral-key': 'true'
      }),
      /trusted profiles cannot own API keys\. Remove ephemeral-key and run `ibmcloud-iam-token`/
    ],
    [
      'a metadata endpoint over plain http elsewhere',
      () => ({ 'vpc-metadata': 'true', 'vpc-metadata-endpoint': 'http://metadata.example.com' }),
      /plain http, which is accepted only for 169\.254\.169\.254, api\.metadata\.cloud\.ibm\.com and loopback/
    ]
  ]

  test.each(cases)('%s', async (_, inputs, message) => {
    const step = await main({ ...inputs(), 'max-attempts': '0' })
    expect(step.code).toBe(1)
    const error = errorOf(step)
    expect(error).toMatch(/^\d+ inputs are wrong:/)
    expect(error).toMatch(message)
    expect(error).toMatch(/max-attempts must be a whole number/)
    expect(iam.requests).toEqual([])
    expect(step.outputs).toEqual({})
    expect(step.paths).toEqual([])
    expectMasked(step, inputs().apikey ?? '')
  })

  test('a profile without any credential source: on-missing-apikey decides', async () => {
    const step = await main({ 'profile-id': iam.seed.profileId, 'on-missing-apikey': 'skip' })
    expect(step.code).toBe(0)
    expect(step.outputs).toEqual({ authenticated: 'false' })
    expect(iam.requests).toEqual([])
  })
})
