import { parseConfig } from '../src/config.js'
import { nodeFiles } from '../src/runner/files.js'
import { parseCredential, type CredentialInputs } from '../src/credentials/parse.js'
import { parseMetadataEndpoint } from '../src/credentials/metadata-endpoint.js'
import { ConfigError } from '../src/errors.js'
import { APIKEY } from './helpers/fakes.js'

const ACCOUNT = '0123456789abcdef0123456789abcdef'
const PROFILE_ID = 'Profile-9f1e2d3c-4b5a-6789-0abc-def012345678'
const PROFILE_CRN = `crn:v1:bluemix:public:iam-identity::a/${ACCOUNT}::profile:${PROFILE_ID}`
const CR_TOKEN = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzeXN0ZW0ifQ.c2lnbmF0dXJl'

/** Files the parser may read: path -> content, or an error code. */
function files(map: Record<string, string | { code: string }>) {
  const reads: string[] = []
  const readFile = (path: string) => {
    reads.push(path)
    const entry = map[path]
    if (entry === undefined) throw Object.assign(new Error('nope'), { code: 'ENOENT' })
    if (typeof entry !== 'string') throw Object.assign(new Error('nope'), entry)
    return entry
  }
  return { readFile, reads }
}

const TOKEN_FILE = '/var/run/secrets/tokens/sa-token'
const fs = () =>
  files({ [TOKEN_FILE]: `${CR_TOKEN}\n`, '/empty': ' \n\t', '/dir': { code: 'EISDIR' } })

function parse(inputs: Record<string, string>) {
  return parseConfig((name) => inputs[name] ?? '', fs())
}

function problem(inputs: Record<string, string>): string {
  try {
    parse(inputs)
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError)
    return (err as Error).message
  }
  throw new Error(`expected parseConfig to refuse ${JSON.stringify(inputs)}`)
}

describe('the credential, parsed into one kind', () => {
  it.each([
    [{ apikey: APIKEY }, { kind: 'apikey', apikey: APIKEY }],
    [
      { apikey: APIKEY, 'profile-id': PROFILE_ID },
      { kind: 'apikey-profile', apikey: APIKEY, profile: { id: PROFILE_ID } }
    ],
    [
      { apikey: APIKEY, 'profile-crn': PROFILE_CRN },
      { kind: 'apikey-profile', apikey: APIKEY, profile: { crn: PROFILE_CRN } }
    ],
    [
      { apikey: APIKEY, 'profile-name': 'deployer', 'account-id': ACCOUNT },
      { kind: 'apikey-profile', apikey: APIKEY, profile: { name: 'deployer', account: ACCOUNT } }
    ],
    [
      { 'cr-token-file': TOKEN_FILE, 'profile-id': PROFILE_ID },
      { kind: 'cr-token-file', path: TOKEN_FILE, profile: { id: PROFILE_ID } }
    ],
    [{ 'vpc-metadata': 'true' }, { kind: 'vpc-metadata', endpoint: 'http://169.254.169.254' }],
    [
      {
        'vpc-metadata': 'true',
        'profile-id': PROFILE_ID,
        'vpc-metadata-endpoint': 'http://api.metadata.cloud.ibm.com/'
      },
      {
        kind: 'vpc-metadata',
        endpoint: 'http://api.metadata.cloud.ibm.com',
        profile: { id: PROFILE_ID }
      }
    ],
    [
      { 'cr-token-file': TOKEN_FILE, 'profile-crn': PROFILE_CRN },
      { kind: 'cr-token-file', path: TOKEN_FILE, profile: { crn: PROFILE_CRN } }
    ],
    [
      { 'cr-token-file': TOKEN_FILE, 'profile-name': 'deployer', 'account-id': ACCOUNT },
      {
        kind: 'cr-token-file',
        path: TOKEN_FILE,
        profile: { name: 'deployer', account: ACCOUNT }
      }
    ],
    // The longest accepted: 512 characters.
    [
      { apikey: APIKEY, 'profile-id': `Profile-${'a'.repeat(504)}` },
      { kind: 'apikey-profile', apikey: APIKEY, profile: { id: `Profile-${'a'.repeat(504)}` } }
    ],
    [
      { apikey: APIKEY, 'profile-name': 'n'.repeat(512), 'account-id': ACCOUNT },
      {
        kind: 'apikey-profile',
        apikey: APIKEY,
        profile: { name: 'n'.repeat(512), account: ACCOUNT }
      }
    ],
    [{}, { kind: 'none' }],
    // An empty apikey (a fork pull request) with a profile: no source, on-missing-apikey decides.
    [{ 'profile-id': PROFILE_ID }, { kind: 'none' }]
  ])('%j', (inputs, credential) => {
    expect(parse(inputs).credential).toEqual(credential)
  })

  it('reads the token file only to check it: its content is not in the config', () => {
    const io = fs()
    const config = parseConfig(
      (name) => ({ 'cr-token-file': TOKEN_FILE, 'profile-id': PROFILE_ID })[name] ?? '',
      io
    )
    expect(io.reads).toEqual([TOKEN_FILE])
    expect(JSON.stringify(config)).not.toContain(CR_TOKEN)
  })

  it('token-command is on by default and can be turned off', () => {
    expect(parse({ apikey: APIKEY }).tokenCommand).toBe(true)
    expect(parse({ apikey: APIKEY, 'token-command': 'false' }).tokenCommand).toBe(false)
    expect(problem({ apikey: APIKEY, 'token-command': 'maybe' })).toBe(
      'token-command must be true or false (got "maybe").'
    )
  })
})

describe('refusals, each before any request', () => {
  it.each([
    [
      { apikey: APIKEY, 'cr-token-file': TOKEN_FILE, 'profile-id': PROFILE_ID },
      'apikey and cr-token-file are each a credential source: give exactly one (apikey, with or without a profile; cr-token-file with a profile; or vpc-metadata: true).'
    ],
    [
      { apikey: APIKEY, 'profile-id': PROFILE_ID, 'profile-name': 'x', 'account-id': ACCOUNT },
      'profile-id and profile-name each name a trusted profile: give only one.'
    ],
    [
      { apikey: APIKEY, 'profile-name': 'deployer' },
      'profile-name needs account-id: a profile name is unique only within an account. Set account-id to the account of the profile, or use profile-id instead.'
    ],
    [
      { 'cr-token-file': TOKEN_FILE },
      "cr-token-file needs a trusted profile: set profile-id (or profile-crn, or profile-name with account-id) to the profile whose compute-resource trust rule admits this runner's token."
    ],
    [{ 'cr-token-file': '/empty', 'profile-id': PROFILE_ID }, /^cr-token-file \/empty is empty/],
    [
      { 'cr-token-file': '/absent', 'profile-id': PROFILE_ID },
      /^cr-token-file \/absent does not exist/
    ],
    [
      { 'cr-token-file': '/dir', 'profile-id': PROFILE_ID },
      /^cr-token-file \/dir cannot be read \(EISDIR\)/
    ],
    [
      { apikey: APIKEY, 'profile-id': 'deployer' },
      /^profile-id "deployer" is not a trusted profile id \(Profile-<uuid>/
    ],
    [{ apikey: APIKEY, 'profile-crn': 'Profile-1' }, /^profile-crn "Profile-1" is not a CRN/],
    [
      { 'vpc-metadata-endpoint': 'http://127.0.0.1:9' },
      'vpc-metadata-endpoint is set but vpc-metadata is not true: set vpc-metadata: true, or remove vpc-metadata-endpoint.'
    ],
    [{ 'vpc-metadata': 'yes' }, 'vpc-metadata must be true or false (got "yes").'],
    [
      { 'vpc-metadata': 'true', 'vpc-metadata-endpoint': 'http://10.0.0.5' },
      /^vpc-metadata-endpoint http:\/\/10\.0\.0\.5 uses plain http/
    ]
  ])('%j', (inputs, message) => {
    if (typeof message === 'string') expect(problem(inputs)).toBe(message)
    else expect(problem(inputs)).toMatch(message)
  })

  it.each<Record<string, string>>([
    { apikey: APIKEY, 'profile-id': PROFILE_ID },
    { 'cr-token-file': TOKEN_FILE, 'profile-id': PROFILE_ID },
    { 'vpc-metadata': 'true' }
  ])('ephemeral-key: true with a trusted profile (%j) says why and what to do', (inputs) => {
    expect(problem({ ...inputs, 'ephemeral-key': 'true' })).toBe(
      'ephemeral-key: true cannot be used with a trusted profile (profile-id, profile-crn, ' +
        'profile-name, cr-token-file or vpc-metadata): trusted profiles cannot own API keys. Remove ' +
        'ephemeral-key and run `ibmcloud-iam-token` in later steps for a fresh token (see ' +
        "token-command), or drop the profile to get an ephemeral key for the API key's own service ID."
    )
  })

  it('reports every problem in one message, with the other inputs', () => {
    const message = problem({
      apikey: APIKEY,
      'vpc-metadata': 'true',
      'profile-id': PROFILE_ID,
      'profile-crn': PROFILE_CRN,
      'max-attempts': '0'
    })
    expect(message.split('\n')).toEqual([
      '3 inputs are wrong:',
      expect.stringMatching(/^- apikey and vpc-metadata: true are each a credential source/),
      '- profile-id and profile-crn each name a trusted profile: give only one.',
      '- max-attempts must be a whole number from 1 to 10 (got "0").'
    ])
  })
})

describe('parseMetadataEndpoint', () => {
  it.each([
    ['http://169.254.169.254', 'http://169.254.169.254'],
    ['http://api.metadata.cloud.ibm.com', 'http://api.metadata.cloud.ibm.com'],
    ['http://127.0.0.1:8080/', 'http://127.0.0.1:8080'],
    ['http://127.0.0.1:8080//', 'http://127.0.0.1:8080'],
    ['http://API.Metadata.Cloud.IBM.com/', 'http://api.metadata.cloud.ibm.com'],
    ['http://[::1]:8080', 'http://[::1]:8080'],
    ['https://metadata.internal.example', 'https://metadata.internal.example']
  ])('accepts %s', (value, endpoint) => {
    expect(parseMetadataEndpoint(value)).toBe(endpoint)
  })

  it.each([
    ['http://169.254.169.253', /plain http/],
    ['http://api.metadata.cloud.ibm.com.evil.example', /plain http/],
    ['ftp://169.254.169.254', /must start with http:\/\/ or https:\/\//],
    ['http://user:pw@169.254.169.254', /without user name/],
    ['http://169.254.169.254/?x=1', /\?query/],
    ['not a url', /is not a URL/]
  ])('refuses %s', (value, message) => {
    expect(() => parseMetadataEndpoint(value)).toThrow(message)
  })

  it.each([
    'http://user@169.254.169.254',
    'http://:pw@169.254.169.254',
    'http://169.254.169.254/?',
    'http://169.254.169.254/#x',
    'http://169.254.169.254#'
  ])('refuses %s as not a base URL', (value) => {
    expect(() => parseMetadataEndpoint(value)).toThrow(
      new ConfigError(
        'vpc-metadata-endpoint must be a base URL without user name, password, ?query or #fragment.'
      )
    )
  })

  it('says exactly what it accepts', () => {
    expect(() => parseMetadataEndpoint('not a url')).toThrow(
      new ConfigError(
        'vpc-metadata-endpoint "not a url" is not a URL. Leave it empty for http://169.254.169.254.'
      )
    )
    expect(() => parseMetadataEndpoint('http://10.0.0.5:80/')).toThrow(
      new ConfigError(
        'vpc-metadata-endpoint http://10.0.0.5 uses plain http, which is accepted only for ' +
          '169.254.169.254, api.metadata.cloud.ibm.com and loopback (an emulator). Use https://, ' +
          'or leave it empty for http://169.254.169.254.'
      )
    )
    expect(() => parseMetadataEndpoint('ftp://169.254.169.254')).toThrow(
      new ConfigError('vpc-metadata-endpoint must start with http:// or https:// (got ftp://).')
    )
  })
})

describe('profile names that are refused', () => {
  const ID_HELP =
    'is not a trusted profile id (Profile-<uuid>, as `ibmcloud iam trusted-profile NAME --id` ' +
    'prints). For a name, use profile-name with account-id.'

  it.each([
    ['deployer', 'deployer'],
    ['xProfile-abc', 'xProfile-abc'],
    ['Profile-abc/def', 'Profile-abc/def'],
    ['Profile-abc\u0007', 'Profile-abc\\u0007'],
    // Quoted up to 80 characters.
    ['Profile-' + 'a'.repeat(505), 'Profile-' + 'a'.repeat(72)],
    ['deployer'.repeat(20), 'deployer'.repeat(10)]
  ])('profile-id %j', (id, shown) => {
    expect(problem({ apikey: APIKEY, 'profile-id': id })).toBe(`profile-id "${shown}" ${ID_HELP}`)
  })

  it.each([
    ['Profile-1', 'Profile-1'],
    ['crn:v1:\u0007', 'crn:v1:\\u0007'],
    ['crn:' + 'x'.repeat(509), 'crn:' + 'x'.repeat(76)],
    ['x'.repeat(200), 'x'.repeat(80)]
  ])('profile-crn %j', (crn, shown) => {
    expect(problem({ apikey: APIKEY, 'profile-crn': crn })).toBe(
      `profile-crn "${shown}" is not a CRN (crn:v1:...).`
    )
  })

  it.each(['deploy\u0000er', 'deployer\u009f', 'n'.repeat(513)])('profile-name %j', (name) => {
    expect(problem({ apikey: APIKEY, 'profile-name': name, 'account-id': ACCOUNT })).toBe(
      'profile-name contains a control character or is over 512 characters long.'
    )
  })
})

describe('the token file, checked before any request', () => {
  const withReader = (readFile: (path: string) => string) => {
    try {
      parseConfig((name) => ({ 'cr-token-file': '/t', 'profile-id': PROFILE_ID })[name] ?? '', {
        readFile
      })
    } catch (err) {
      return (err as Error).message
    }
    throw new Error('expected a refusal')
  }

  it('says where a missing file should come from', () => {
    expect(problem({ 'cr-token-file': '/absent', 'profile-id': PROFILE_ID })).toBe(
      'cr-token-file /absent does not exist. On Kubernetes, project a service-account token ' +
        'there (a projected volume, see README "Keyless on self-hosted runners"); check the path ' +
        'inside the runner container.'
    )
  })

  it("names the reader's error code, or 'error' when it has none", () => {
    expect(problem({ 'cr-token-file': '/dir', 'profile-id': PROFILE_ID })).toBe(
      'cr-token-file /dir cannot be read (EISDIR): check that it is a file the runner user may read.'
    )
    expect(
      withReader(() => {
        throw new Error('no code')
      })
    ).toBe(
      'cr-token-file /t cannot be read (error): check that it is a file the runner user may read.'
    )
  })

  it('says an empty file has no token yet', () => {
    expect(problem({ 'cr-token-file': '/empty', 'profile-id': PROFILE_ID })).toBe(
      'cr-token-file /empty is empty: the platform has not written a compute-resource token ' +
        'there (yet). Check the projected volume or the path.'
    )
  })
})

describe('parseCredential on its own', () => {
  const inputs = (values: Record<string, string>): CredentialInputs => ({
    get: (name) => values[name] ?? '',
    apikey: values.apikey ?? '',
    ephemeralKey: false,
    readFile: () => CR_TOKEN
  })

  it("gives { kind: 'none' } after a refusal of its own, and pushes the refusal", () => {
    const problems: string[] = []
    expect(parseCredential(inputs({ apikey: APIKEY, 'profile-id': 'deployer' }), problems)).toEqual(
      {
        kind: 'none'
      }
    )
    expect(problems).toHaveLength(1)
  })

  it('is not put off by problems pushed before it', () => {
    const problems = ['max-attempts is wrong']
    expect(parseCredential(inputs({ apikey: APIKEY }), problems)).toEqual({
      kind: 'apikey',
      apikey: APIKEY
    })
    expect(problems).toEqual(['max-attempts is wrong'])
  })
})

describe('a refused input does not add problems of its own elsewhere', () => {
  it('an unreadable vpc-metadata counts as false: no second source, and the checks go on', () => {
    expect(problem({ apikey: APIKEY, 'vpc-metadata': 'yes' })).toBe(
      'vpc-metadata must be true or false (got "yes").'
    )
    expect(problem({ 'vpc-metadata': 'yes', 'cr-token-file': TOKEN_FILE }).split('\n')).toEqual([
      '2 inputs are wrong:',
      '- vpc-metadata must be true or false (got "yes").',
      expect.stringMatching(/^- cr-token-file needs a trusted profile/)
    ])
  })

  it('a refused vpc-metadata-endpoint does not stop the checks after it', () => {
    expect(
      problem({
        'vpc-metadata': 'true',
        'vpc-metadata-endpoint': 'http://10.0.0.5',
        'ephemeral-key': 'true'
      }).split('\n')
    ).toEqual([
      '2 inputs are wrong:',
      expect.stringMatching(/^- vpc-metadata-endpoint http:\/\/10\.0\.0\.5 uses plain http/),
      expect.stringMatching(/^- ephemeral-key: true cannot be used with a trusted profile/)
    ])
  })

  it('an unreadable ephemeral-key counts as false for the keyless sources', () => {
    expect(
      problem({ 'ephemeral-key': 'yes', 'vpc-metadata': 'true', 'profile-id': PROFILE_ID })
    ).toBe('ephemeral-key must be true or false (got "yes").')
  })

  it('a refused apikey counts as none when another source is given', () => {
    expect(
      problem({ apikey: 'abc', 'cr-token-file': TOKEN_FILE, 'profile-id': PROFILE_ID })
    ).toMatch(/^The `apikey` input cannot be an IBM Cloud API key: it is only 3 characters long /)
  })
})

describe('env-name and ephemeral-key-env', () => {
  it('must differ when both are exported', () => {
    expect(
      problem({
        apikey: APIKEY,
        'ephemeral-key': 'true',
        'env-name': 'T',
        'ephemeral-key-env': 'T'
      })
    ).toBe('env-name and ephemeral-key-env are both T: give them different names.')
  })

  it('may be the same when the token is not exported, or no key is made', () => {
    const same = { apikey: APIKEY, 'env-name': 'T', 'ephemeral-key-env': 'T' }
    expect(parse({ ...same, 'ephemeral-key': 'true', 'export-env': 'false' }).envName).toBe('T')
    expect(parse({ ...same, 'ephemeral-key': 'false' }).ephemeral.envName).toBe('T')
  })

  it('are not called the same when both are refused', () => {
    expect(
      problem({
        apikey: APIKEY,
        'ephemeral-key': 'true',
        'env-name': 'PATH',
        'ephemeral-key-env': 'HOME'
      })
    ).toMatch(
      /^2 inputs are wrong:\n- env-name "PATH" is reserved: .*\n- ephemeral-key-env "HOME" is reserved: [^\n]*$/
    )
  })

  it('lists each problem on its own line after the count', () => {
    expect(problem({ apikey: APIKEY, 'max-attempts': '0', 'timeout-seconds': 'x' })).toBe(
      '2 inputs are wrong:\n' +
        '- max-attempts must be a whole number from 1 to 10 (got "0").\n' +
        '- timeout-seconds must be a whole number from 1 to 300 (got "x").'
    )
  })
})

describe('the parsed configuration', () => {
  it('holds every input as given', () => {
    const config = parse({
      apikey: APIKEY,
      'account-id': ACCOUNT,
      'env-name': 'MY_TOKEN',
      'export-env': 'false',
      'max-attempts': '2',
      'timeout-seconds': '7',
      'on-missing-apikey': 'skip',
      'ephemeral-key': 'true',
      'ephemeral-key-ttl': '15',
      'ephemeral-key-env': 'MY_KEY',
      revoke: 'false',
      'sweep-stale-keys': 'true',
      'token-command': 'false'
    })
    expect(config).toEqual({
      credential: { kind: 'apikey', apikey: APIKEY },
      endpoint: 'https://iam.cloud.ibm.com',
      accountId: ACCOUNT,
      envName: 'MY_TOKEN',
      exportEnv: false,
      maxAttempts: 2,
      timeoutMs: 7000,
      onMissingApikey: 'skip',
      ephemeral: {
        enabled: true,
        ttlMinutes: 15,
        envName: 'MY_KEY',
        revoke: false,
        sweepStale: true
      },
      tokenCommand: false
    })
  })

  it('holds the defaults when only apikey is set', () => {
    expect(parse({ apikey: APIKEY })).toEqual({
      credential: { kind: 'apikey', apikey: APIKEY },
      endpoint: 'https://iam.cloud.ibm.com',
      envName: 'IBMCLOUD_IAM_TOKEN',
      exportEnv: true,
      maxAttempts: 5,
      timeoutMs: 30_000,
      onMissingApikey: 'fail',
      ephemeral: {
        enabled: false,
        ttlMinutes: 360,
        envName: 'IBMCLOUD_API_KEY',
        revoke: true,
        sweepStale: false
      },
      tokenCommand: true
    })
  })

  it('trims every input', () => {
    const config = parse({ apikey: APIKEY, 'env-name': ' MY_TOKEN\n', 'max-attempts': ' 3 ' })
    expect(config.envName).toBe('MY_TOKEN')
    expect(config.maxAttempts).toBe(3)
  })

  it('says what an account id looks like', () => {
    expect(problem({ apikey: APIKEY, 'account-id': 'acc-1' })).toBe(
      'account-id must be an IBM Cloud account id: letters and digits only (IBM account ids are 32 ' +
        'hex characters; `ibmcloud account show` prints it), got "acc-1".'
    )
    expect(parse({ apikey: APIKEY, 'account-id': 'a'.repeat(64) }).accountId).toBe('a'.repeat(64))
    expect(problem({ apikey: APIKEY, 'account-id': 'a'.repeat(65) })).toMatch(/^account-id must be/)
  })
})

describe('each boolean input names itself when it is not a boolean', () => {
  it.each(['revoke', 'sweep-stale-keys', 'token-command', 'export-env', 'ephemeral-key'])(
    '%s',
    (input) => {
      expect(problem({ apikey: APIKEY, [input]: 'maybe' })).toBe(
        `${input} must be true or false (got "maybe").`
      )
    }
  )
})

describe('parseConfig reads cr-token-file from disk by default', () => {
  it('checks the file a runner would read, as text', async () => {
    const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs')
    const { tmpdir } = await import('node:os')
    const { join } = await import('node:path')
    const dir = mkdtempSync(join(tmpdir(), 'cr-token-'))
    try {
      writeFileSync(join(dir, 'token'), `${CR_TOKEN}\n`)
      writeFileSync(join(dir, 'empty'), ' \n')
      const read = (file: string) => (name: string) =>
        ({ 'cr-token-file': join(dir, file), 'profile-id': PROFILE_ID })[name] ?? ''
      expect(parseConfig(read('token'), nodeFiles).credential).toEqual({
        kind: 'cr-token-file',
        path: join(dir, 'token'),
        profile: { id: PROFILE_ID }
      })
      expect(() => parseConfig(read('empty'), nodeFiles)).toThrow(/^cr-token-file .* is empty/)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
