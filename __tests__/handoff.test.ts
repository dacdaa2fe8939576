import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { getAuthenticatorFromEnvironment } from 'ibm-cloud-sdk-core'
import { parseConfig } from '../src/config.js'
import type { Credential, ProfileRef } from '../src/credentials/credential.js'
import { ConfigError } from '../src/errors.js'
import { cliEnv } from '../src/handoff/cli-env.js'
import { removeCredentialsFile } from '../src/handoff/cleanup.js'
import {
  checkRunnerTemp,
  renderCredentialsFile,
  sdkEntries,
  writeCredentialsFile
} from '../src/handoff/sdk-credentials.js'
import { parseSdkServices, unportable } from '../src/handoff/sdk-services.js'
import { nodeFiles as fs } from '../src/runner/files.js'
import { APIKEY } from './helpers/fakes.js'

// The pieces of issue 22 one by one; __tests__/e2e/sdk-handoff.test.ts runs them over dist/
// with IBM's SDK reading the file.

const PROFILE = 'Profile-9f1e2d3c-4b5a-6789-0abc-def012345678'
const CRN = 'crn:v1:bluemix:public:iam-identity::a/0123::profile:' + PROFILE
const TOKEN = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln'
const cr = (profile: ProfileRef) =>
  ({ kind: 'cr-token-file', path: '/var/run/secrets/tokens/sa-token', profile }) as const

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'handoff-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

describe('sdk-services', () => {
  it('splits on spaces, commas and new lines, and drops a second spelling of one prefix', () => {
    expect(
      parseSdkServices(' iam_identity, resource_controller\nsecrets-manager  secrets_manager,')
    ).toEqual(['iam_identity', 'resource_controller', 'secrets-manager'])
    expect(parseSdkServices('')).toEqual([])
  })

  it.each(['IAM_IDENTITY', '9lives', 'iam.identity', 'iam/identity', '_x', 'é'])(
    'refuses %j, naming it',
    (name) => {
      expect(() => parseSdkServices(`iam_identity ${name}`)).toThrow(ConfigError)
      expect(() => parseSdkServices(name)).toThrow(/is not an IBM SDK service name/)
    }
  )

  it('is refused with the other input problems, before any request (parseConfig does no request)', () => {
    const read = (inputs: Record<string, string>) => (n: string) => inputs[n] ?? ''
    expect(() =>
      parseConfig(read({ apikey: APIKEY, 'sdk-services': 'Bad!', 'max-attempts': '0' }))
    ).toThrow(/2 inputs are wrong:[\s\S]*max-attempts[\s\S]*sdk-services/)
    expect(
      parseConfig(read({ apikey: APIKEY, 'sdk-services': 'iam_identity' })).sdkServices
    ).toEqual(['iam_identity'])
    expect(parseConfig(read({ apikey: APIKEY })).sdkServices).toEqual([])
  })

  it("refuses profile-crn with cr-token-file: IBM's ContainerAuthenticator has no CRN entry", () => {
    const inputs: Record<string, string> = {
      'cr-token-file': '/t',
      'profile-crn': CRN,
      'sdk-services': 'iam_identity'
    }
    expect(() => parseConfig((n) => inputs[n] ?? '')).toThrow(
      /ContainerAuthenticator.*IAM_PROFILE_ID or\s+IAM_PROFILE_NAME only/s
    )
    delete inputs['sdk-services']
    expect(parseConfig((n) => inputs[n] ?? '').credential.kind).toBe('cr-token-file')
  })

  it('refuses a value the file cannot carry as the SDKs read it back', () => {
    const inputs = { 'cr-token-file': '/tokens/#1', 'profile-id': PROFILE, 'sdk-services': 'x' }
    expect(() => parseConfig((n) => (inputs as Record<string, string>)[n] ?? '')).toThrow(
      /cr-token-file contains a #/
    )
    expect(unportable('ok-value:/with=equals')).toBeUndefined()
    expect(unportable(' lead')).toMatch(/spaces/)
    expect(unportable('"quoted')).toMatch(/quote/)
    expect(unportable('a\nb')).toMatch(/line break/)
  })
})

describe('the entries, per credential (names as ibm-cloud-sdk-core reads them)', () => {
  const base = { endpoint: 'https://iam.cloud.ibm.com', accessToken: TOKEN }

  it('an ephemeral key: iam + APIKEY; AUTH_URL only for another IAM than the public one', () => {
    const c: Credential = { kind: 'apikey', apikey: APIKEY }
    expect(sdkEntries({ ...base, credential: c, ephemeralKey: 'eph-key' })).toEqual({
      properties: { AUTH_TYPE: 'iam', APIKEY: 'eph-key' },
      bearerOnly: false
    })
    const priv = { ...base, endpoint: 'https://private.eu-de.iam.cloud.ibm.com' }
    expect(sdkEntries({ ...priv, credential: c, ephemeralKey: 'k' }).properties.AUTH_URL).toBe(
      'https://private.eu-de.iam.cloud.ibm.com'
    )
  })

  it('a long-lived key, alone or with a profile: only the token, never the key', () => {
    for (const c of [
      { kind: 'apikey', apikey: APIKEY },
      { kind: 'apikey-profile', apikey: APIKEY, profile: { id: PROFILE } }
    ] as Credential[]) {
      const entries = sdkEntries({ ...base, credential: c })
      expect(entries).toEqual({
        properties: { AUTH_TYPE: 'bearerToken', BEARER_TOKEN: TOKEN },
        bearerOnly: true
      })
      expect(JSON.stringify(entries)).not.toContain(APIKEY)
    }
  })

  it('cr-token-file: container, the file, the profile by id or by name (no account entry)', () => {
    expect(sdkEntries({ ...base, credential: cr({ id: PROFILE }) }).properties).toEqual({
      AUTH_TYPE: 'container',
      CR_TOKEN_FILENAME: '/var/run/secrets/tokens/sa-token',
      IAM_PROFILE_ID: PROFILE
    })
    const byName = cr({ name: 'deploy', account: 'abc' })
    expect(sdkEntries({ ...base, credential: byName }).properties).toEqual({
      AUTH_TYPE: 'container',
      CR_TOKEN_FILENAME: '/var/run/secrets/tokens/sa-token',
      IAM_PROFILE_NAME: 'deploy'
    })
  })

  it('vpc-metadata: vpc, the profile when given, AUTH_URL = the metadata endpoint when not default', () => {
    const vpc = (endpoint: string, profile?: { crn: string }): Credential =>
      profile ? { kind: 'vpc-metadata', endpoint, profile } : { kind: 'vpc-metadata', endpoint }
    expect(sdkEntries({ ...base, credential: vpc('http://169.254.169.254') }).properties).toEqual({
      AUTH_TYPE: 'vpc'
    })
    const other = { ...base, endpoint: 'https://private.iam.cloud.ibm.com' }
    expect(
      sdkEntries({ ...other, credential: vpc('http://api.metadata.cloud.ibm.com', { crn: CRN }) })
        .properties
    ).toEqual({
      AUTH_TYPE: 'vpc',
      IAM_PROFILE_CRN: CRN,
      AUTH_URL: 'http://api.metadata.cloud.ibm.com'
    })
  })

  it('renders <PREFIX>_<NAME>=<value> per service, and refuses a value it cannot write', () => {
    const text = renderCredentialsFile(['iam_identity', 'secrets-manager'], {
      AUTH_TYPE: 'iam',
      APIKEY: 'k1'
    })
    expect(text.split('\n').filter((l) => l && !l.startsWith('#'))).toEqual([
      'IAM_IDENTITY_AUTH_TYPE=iam',
      'IAM_IDENTITY_APIKEY=k1',
      'SECRETS_MANAGER_AUTH_TYPE=iam',
      'SECRETS_MANAGER_APIKEY=k1'
    ])
    expect(() => renderCredentialsFile(['x'], { APIKEY: 'a#b' })).toThrow(/nothing written/)
  })
})

describe('the ibmcloud CLI variables', () => {
  it('cr-token-file: @path and the profile (id, CRN or name)', () => {
    expect(cliEnv(cr({ id: PROFILE }))).toEqual({
      IBMCLOUD_CR_TOKEN: '@/var/run/secrets/tokens/sa-token',
      IBMCLOUD_CR_PROFILE: PROFILE
    })
    expect(cliEnv(cr({ crn: CRN })).IBMCLOUD_CR_PROFILE).toBe(CRN)
    expect(cliEnv(cr({ name: 'deploy', account: 'a' })).IBMCLOUD_CR_PROFILE).toBe('deploy')
  })

  it('vpc-metadata: the profile only when given, the URL only when not the default', () => {
    expect(cliEnv({ kind: 'vpc-metadata', endpoint: 'http://169.254.169.254' })).toEqual({})
    expect(
      cliEnv({ kind: 'vpc-metadata', endpoint: 'http://127.0.0.1:8080', profile: { id: PROFILE } })
    ).toEqual({ IBMCLOUD_CR_PROFILE: PROFILE, IBMCLOUD_CR_VPC_URL: 'http://127.0.0.1:8080' })
  })

  it('an API key: nothing (its variable is the ephemeral key)', () => {
    expect(cliEnv({ kind: 'apikey', apikey: APIKEY })).toEqual({})
    expect(cliEnv({ kind: 'apikey-profile', apikey: APIKEY, profile: { id: PROFILE } })).toEqual({})
  })
})

describe('RUNNER_TEMP and the file', () => {
  it('writes into a fresh 0700 folder, the file 0600', () => {
    const path = writeCredentialsFile(checkRunnerTemp(dir, fs), 'X_AUTH_TYPE=iam\n', fs)
    expect(path).toMatch(/ibm-credentials-[A-Za-z0-9]{6}\/ibm-credentials\.env$/)
    expect(readFileSync(path, 'utf8')).toBe('X_AUTH_TYPE=iam\n')
  })

  it('refuses a RUNNER_TEMP that is unset, missing or a file', () => {
    expect(() => checkRunnerTemp(undefined, fs)).toThrow(/RUNNER_TEMP.*is not set/s)
    expect(() => checkRunnerTemp(join(dir, 'nope'), fs)).toThrow(/does not exist/)
    writeFileSync(join(dir, 'f'), '')
    expect(() => checkRunnerTemp(join(dir, 'f'), fs)).toThrow(/is not a folder/)
  })

  it('refuses a RUNNER_TEMP it cannot write in, by trying (root included)', () => {
    // A folder whose path is a few characters short of PATH_MAX: nothing fits inside it.
    let deep = dir
    while (deep.length < 4070) deep = join(deep, 'd'.repeat(Math.min(200, 4070 - deep.length)))
    mkdirSync(deep, { recursive: true })
    expect(() => checkRunnerTemp(deep, fs)).toThrow(/is not writable \(ENAMETOOLONG\)/)
    expect(() => checkRunnerTemp(deep, fs)).toThrow(/^.{0,400}$/s) // the path is cut in the message
    expect(readdirSync(dir)).toEqual(['d'.repeat(200)]) // the probe left nothing behind
  })

  it('a write that fails after the check says so, and that nothing was exported', () => {
    writeFileSync(join(dir, 'f'), '')
    expect(() => writeCredentialsFile(join(dir, 'f'), 'x', fs)).toThrow(
      /could not be written under RUNNER_TEMP .* \(ENOTDIR\)\. Nothing was exported/
    )
  })
})

describe('the post step deletes only a file this action wrote', () => {
  const made = () => writeCredentialsFile(dir, 'X_AUTH_TYPE=iam\n', fs)

  it('deletes the file and its folder', () => {
    const path = made()
    expect(removeCredentialsFile(path, dir, fs)).toMatchObject({ level: 'info' })
    expect(existsSync(path)).toBe(false)
    expect(existsSync(join(path, '..'))).toBe(false)
    expect(removeCredentialsFile(path, dir, fs)?.message).toMatch(/already gone/)
    expect(removeCredentialsFile('', dir, fs)).toBeUndefined()
  })

  it('leaves anything else alone, with a warning', () => {
    const other = join(dir, 'ibm-credentials.env')
    writeFileSync(other, 'keep')
    for (const saved of [
      other,
      join(dir, 'ibm-credentials-abcdef', '..', 'ibm-credentials.env'),
      join(dir, 'elsewhere-abcdef', 'ibm-credentials.env'),
      '/etc/passwd'
    ]) {
      expect(removeCredentialsFile(saved, dir, fs)).toMatchObject({ level: 'warning' })
    }
    expect(removeCredentialsFile(made(), undefined, fs)).toMatchObject({ level: 'warning' })
    expect(readFileSync(other, 'utf8')).toBe('keep')
  })

  it('a file that cannot be deleted is a warning, never a throw', () => {
    const path = made()
    const stuck = {
      ...fs,
      unlink: () => {
        throw Object.assign(new Error('busy'), { code: 'EBUSY' })
      }
    }
    expect(removeCredentialsFile(path, dir, stuck)).toEqual({
      level: 'warning',
      message: expect.stringMatching(
        /Could not delete .* \(EBUSY\); the runner empties RUNNER_TEMP/
      )
    })
  })

  it('never follows a symbolic link planted in its place', () => {
    const target = join(dir, 'precious')
    writeFileSync(target, 'keep')
    const folder = join(dir, 'ibm-credentials-Abc123')
    mkdirSync(folder)
    symlinkSync(target, join(folder, 'ibm-credentials.env'))
    const result = removeCredentialsFile(join(folder, 'ibm-credentials.env'), dir, fs)
    expect(result).toMatchObject({
      level: 'warning',
      message: expect.stringMatching(/not a regular file/)
    })
    expect(readFileSync(target, 'utf8')).toBe('keep')
  })
})

describe("read back by ibm-cloud-sdk-core's own authenticator factory", () => {
  // getAuthenticatorFromEnvironment is what newInstance({ serviceName }) calls: the file this
  // module renders must give, for every credential, the authenticator and fields it means.
  const read = (properties: Record<string, string>) => {
    const path = join(dir, 'ibm-credentials.env')
    writeFileSync(path, renderCredentialsFile(['iam_identity'], properties))
    const before = process.env.IBM_CREDENTIALS_FILE
    process.env.IBM_CREDENTIALS_FILE = path
    try {
      return getAuthenticatorFromEnvironment('iam_identity') as unknown as Record<
        string,
        unknown
      > & {
        authenticationType(): string
        tokenManager?: { url?: string }
      }
    } finally {
      if (before === undefined) delete process.env.IBM_CREDENTIALS_FILE
      else process.env.IBM_CREDENTIALS_FILE = before
    }
  }
  const base = { endpoint: 'https://private.iam.cloud.ibm.com', accessToken: TOKEN }

  it('iam with the ephemeral key and AUTH_URL', () => {
    const c: Credential = { kind: 'apikey', apikey: APIKEY }
    const auth = read(
      sdkEntries({ ...base, credential: c, ephemeralKey: 'ephemeral-0123' }).properties
    )
    expect(auth.authenticationType()).toBe('iam')
    expect(auth.apikey).toBe('ephemeral-0123')
    expect(auth.tokenManager?.url).toBe('https://private.iam.cloud.ibm.com')
  })

  it('bearerToken with the token', () => {
    const c: Credential = { kind: 'apikey', apikey: APIKEY }
    const auth = read(sdkEntries({ ...base, credential: c }).properties)
    expect(auth.authenticationType()).toBe('bearerToken')
    expect(auth.bearerToken).toBe(TOKEN)
  })

  it('container with the file and the profile by id, and by name', () => {
    const byId = read(sdkEntries({ ...base, credential: cr({ id: PROFILE }) }).properties)
    expect(byId.authenticationType()).toBe('container')
    expect(byId).toMatchObject({
      crTokenFilename: '/var/run/secrets/tokens/sa-token',
      iamProfileId: PROFILE
    })
    expect(byId.tokenManager?.url).toBe('https://private.iam.cloud.ibm.com')
    const byName = read(
      sdkEntries({ ...base, credential: cr({ name: 'deploy', account: 'a' }) }).properties
    )
    expect(byName).toMatchObject({ iamProfileName: 'deploy' })
  })

  it('vpc with a CRN profile and the metadata endpoint as its url', () => {
    const c: Credential = {
      kind: 'vpc-metadata',
      endpoint: 'http://api.metadata.cloud.ibm.com',
      profile: { crn: CRN }
    }
    const auth = read(sdkEntries({ ...base, credential: c }).properties)
    expect(auth.authenticationType()).toBe('vpc')
    expect(auth.iamProfileCrn).toBe(CRN)
    expect(auth.tokenManager?.url).toBe('http://api.metadata.cloud.ibm.com')
  })
})
