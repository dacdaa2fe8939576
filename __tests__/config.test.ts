import { parseConfig } from '../src/config.js'
import { apiKeyOf } from '../src/credentials/credential.js'
import { nodeFiles } from '../src/runner/files.js'
import { validateEnvName } from '../src/inputs.js'
import { REGIONS } from '../src/iam/endpoints.js'
import { ConfigError } from '../src/errors.js'
import { APIKEY } from './helpers/fakes.js'

function parse(inputs: Record<string, string>) {
  return parseConfig((name) => inputs[name] ?? '', nodeFiles)
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

describe('parseConfig defaults', () => {
  it('gives the documented defaults when only apikey is set', () => {
    const config = parse({ apikey: APIKEY })
    expect(config).toMatchObject({
      credential: { kind: 'apikey', apikey: APIKEY },
      endpoint: 'https://iam.cloud.ibm.com',
      envName: 'IBMCLOUD_IAM_TOKEN',
      exportEnv: true,
      maxAttempts: 5,
      timeoutMs: 30_000,
      onMissingApikey: 'fail'
    })
    expect(config.accountId).toBeUndefined()
  })

  it('leaves apikey empty (not an error) when it is not set, so the caller can skip or explain', () => {
    expect(apiKeyOf(parse({}).credential)).toBe('')
    expect(apiKeyOf(parse({ apikey: '  \n\t ' }).credential)).toBe('')
  })
})

describe('apikey', () => {
  it.each([
    ['a trailing newline', `${APIKEY}\n`],
    ['a trailing CRLF', `${APIKEY}\r\n`],
    ['surrounding spaces and tabs', `  \t${APIKEY} \t`]
  ])('is trimmed when pasted with %s', (_what, raw) => {
    expect(apiKeyOf(parse({ apikey: raw }).credential)).toBe(APIKEY)
  })
})

describe('endpoint selection', () => {
  it('uses the private regional endpoint for region + private: true', () => {
    expect(parse({ apikey: APIKEY, region: 'eu-de', private: 'true' }).endpoint).toBe(
      'https://private.eu-de.iam.cloud.ibm.com'
    )
  })

  it('uses the global private endpoint for private: true without a region', () => {
    expect(parse({ apikey: APIKEY, private: 'true' }).endpoint).toBe(
      'https://private.iam.cloud.ibm.com'
    )
  })

  it('lets iam-endpoint win over region and private', () => {
    const config = parse({
      apikey: APIKEY,
      region: 'us-south',
      private: 'true',
      'iam-endpoint': 'https://iam.test.cloud.ibm.com/'
    })
    expect(config.endpoint).toBe('https://iam.test.cloud.ibm.com')
  })

  it('accepts plain http only to a loopback emulator', () => {
    expect(parse({ apikey: APIKEY, 'iam-endpoint': 'http://127.0.0.1:8080' }).endpoint).toBe(
      'http://127.0.0.1:8080'
    )
    expect(problem({ apikey: APIKEY, 'iam-endpoint': 'http://iam.cloud.ibm.com' })).toMatch(
      /plain http/
    )
  })

  it('names every valid region when the region is unknown', () => {
    const message = problem({ apikey: APIKEY, region: 'mars-north', private: 'true' })
    expect(message).toContain('mars-north')
    for (const region of REGIONS) expect(message).toContain(region)
  })

  it('refuses a private input that is not a boolean', () => {
    expect(problem({ apikey: APIKEY, private: 'yes' })).toMatch(/private must be true or false/)
  })
})

describe('apikey', () => {
  it.each([
    ['too short to be an IBM key', 'abc'],
    ['19 characters', 'a'.repeat(19)],
    ['a tab inside', 'Zx9_fakeFAKEfake01234\t56789abcdefGHIJKLmnopqr'],
    ['a space inside', 'Zx9_fakeFAKEfake01234 56789abcdefGHIJKLmnopqr'],
    ['a control character', 'Zx9_fakeFAKEfake01234\u000756789abcdefGHIJKLmnopqr'],
    ['over 512 characters', 'k'.repeat(513)]
  ])('refuses a key with %s, without quoting it', (_what, apikey) => {
    const message = problem({ apikey })
    expect(message).toMatch(/^The `apikey` input cannot be an IBM Cloud API key/)
    expect(message).not.toContain(apikey)
  })

  it('accepts 20 characters and more, up to 512', () => {
    expect(apiKeyOf(parse({ apikey: 'a'.repeat(20) }).credential)).toBe('a'.repeat(20))
    expect(apiKeyOf(parse({ apikey: 'a'.repeat(512) }).credential)).toBe('a'.repeat(512))
  })

  it.each([
    ['abc', 'is only 3 characters long'],
    ['k'.repeat(513), 'is 513 characters long'],
    [
      'Zx9_fakeFAKEfake01234 56789abcdefGHIJKLmnopqr',
      'contains a space, a line break or another control character'
    ]
  ])('says what is wrong with the key and what a key looks like', (apikey, what) => {
    expect(problem({ apikey })).toBe(
      `The \`apikey\` input cannot be an IBM Cloud API key: it ${what} (IBM Cloud API keys are ` +
        "44 characters of letters, digits, '-' and '_'). Check that the secret holds the key " +
        'itself, as `ibmcloud iam api-key-create` or the console printed it, and nothing else.'
    )
  })
})

describe('env-name', () => {
  // Every member of every reserved family, one by one: dropping any of them must fail a test.
  it.each([
    ...['GITHUB_X', 'RUNNER_X', 'ACTIONS_X', 'LD_X', 'DYLD_X'],
    ...['BASH_ENV', 'ENV', 'ZDOTDIR', 'PROMPT_COMMAND', 'IFS', 'PS0', 'PS1', 'PS2', 'PS3', 'PS4'],
    ...['SHELLOPTS', 'BASHOPTS', 'CDPATH', 'GLOBIGNORE', 'HISTFILE', 'INPUTRC', 'BASH_FUNC_F'],
    ...['BASH_FUNC_', 'BASH_FUNC_LONGER_NAME'],
    ...['BASH_XTRACEFD', 'SHELL', 'HOME', 'USER', 'TERM', 'TMPDIR', 'TZ'],
    ...['OPTIONS', 'X_OPTIONS', 'OPTS', 'X_OPTS', 'NODE_X', 'PYTHONX', 'PERL5X', 'PERLLIB'],
    ...['RUBYX', 'GIT_X', 'NPM_CONFIG_X', 'GEM_X', 'BUNDLE_X', 'PIP_X', 'CARGO_X', 'RUSTC'],
    ...['RUSTFLAGS', 'GOFLAGS', 'GOPROXY', 'GOROOT', 'GOTOOLCHAIN', 'GOENV', 'SSH_ASKPASS'],
    ...['EDITOR', 'VISUAL', 'PAGER', 'BROWSER', 'PATH', 'XPATH', 'X_HOME'],
    ...['PROXY', 'X_PROXY', 'X_CA_CERT', 'X_CA_CERTS', 'X_CA_BUNDLE', 'X_CA_FILE'],
    ...['SSL_X', 'TLS_X', 'CURL_X', 'CI']
  ])('refuses %s', (name) => {
    expect(() => validateEnvName('env-name', name)).toThrow(/is reserved/)
  })

  // Names that only look like a family: the families are anchored, not substrings.
  it.each([
    ...['MY_GITHUB_X', 'XGITHUB_X', 'MY_RUNNER', 'XACTIONS_X', 'XLD_X', 'XDYLD_X', 'MYENV'],
    ...['ENVX', 'BASH_ENVX', 'XIFS', 'PS5', 'PS44', 'XSHELL', 'HOMEX', 'XUSER', 'TERMINAL_ID'],
    ...['XTZ', 'XBASH_FUNC_F', 'OPTIONSX', 'XOPTIONS', 'XOPTS', 'OPTSX', 'XNODE_X', 'NODEX'],
    ...['XPYTHON', 'XGIT_X', 'GITX', 'GOFLAGSX', 'XGOROOT', 'GO', 'ASKPASSX', 'XEDITOR'],
    ...['EDITORS', 'PATHX', 'X_HOMEX', 'HOME_X', 'PROXYX', 'XPROXY', 'X_CA_CERTSX'],
    ...['XSSL_X', 'SSLX', 'XCURL_X', 'CIX', 'XCI', 'CIRCLE_TOKEN']
  ])('accepts %s', (name) => {
    expect(validateEnvName('env-name', name)).toBe(name)
  })

  it.each([
    'IBMCLOUD_IAM_TOKEN',
    'IC_IAM_TOKEN',
    'my_token',
    '_T',
    'T2',
    'GOOGLE_TOKEN',
    'TF_VAR_token'
  ])('accepts %s', (name) => {
    expect(parse({ apikey: APIKEY, 'env-name': name }).envName).toBe(name)
  })

  it.each([
    ['a newline', 'TOKEN\nEVIL'],
    ['an equals sign', 'TOKEN=x'],
    ['a space', 'MY TOKEN'],
    ['a leading digit', '1TOKEN'],
    ['a dash', 'IAM-TOKEN'],
    ['GITHUB_*', 'GITHUB_TOKEN'],
    ['GITHUB_* in lower case', 'github_env'],
    ['RUNNER_*', 'RUNNER_TEMP'],
    ['RUNNER_* in mixed case', 'Runner_Tool_Cache'],
    ['PATH', 'PATH'],
    ['path in lower case', 'path'],
    ['NODE_OPTIONS', 'NODE_OPTIONS'],
    // Whole families (issue 8), not a list of names:
    ...[
      'ACTIONS_RUNTIME_TOKEN',
      'ACTIONS_ID_TOKEN_REQUEST_URL',
      'ACTIONS_STEP_DEBUG',
      'LD_AUDIT',
      'DYLD_INSERT_LIBRARIES',
      'BASH_ENV',
      'ENV',
      'PROMPT_COMMAND',
      'IFS',
      'PS4',
      'BASH_FUNC_x%%',
      'JAVA_TOOL_OPTIONS',
      '_JAVA_OPTIONS',
      'MAVEN_OPTS',
      'PYTHONSTARTUP',
      'RUBYOPT',
      'PERL5OPT',
      'GIT_ASKPASS',
      'GIT_SSH_COMMAND',
      'NODE_EXTRA_CA_CERTS',
      'LD_LIBRARY_PATH',
      'PYTHONPATH',
      'JAVA_HOME',
      'https_proxy',
      'ALL_PROXY',
      'REQUESTS_CA_BUNDLE',
      'SSL_CERT_FILE',
      'CI'
    ].map((name) => [name, name])
  ])('refuses a name with %s', (_what, name) => {
    const message = problem({ apikey: APIKEY, 'env-name': name })
    expect(message).toMatch(/^env-name /)
  })

  // The message names the family the name belongs to, so the user sees why it is refused.
  it.each([
    ['GITHUB_TOKEN', 'GITHUB_*, RUNNER_* and ACTIONS_* (the runner)'],
    ['LD_PRELOAD', 'LD_* and DYLD_* (the dynamic loader)'],
    [
      'BASH_ENV',
      'shell hooks (BASH_ENV, ENV, PROMPT_COMMAND, IFS, PS1-PS4, BASH_FUNC_*, SHELLOPTS...)'
    ],
    [
      'NODE_OPTIONS',
      'start-up settings of runtimes and tools (NODE_*, *_OPTIONS, *_OPTS, PYTHON*, GIT_*...)'
    ],
    ['PATH', 'search paths (PATH, *PATH, *_HOME)'],
    [
      'HTTPS_PROXY',
      'proxies and CA bundles (HTTPS_PROXY, NO_PROXY, *_CA_CERTS, *_CA_BUNDLE, SSL_*...)'
    ],
    ['CI', 'CI']
  ])('refuses %s naming its family', (name, family) => {
    expect(problem({ apikey: APIKEY, 'env-name': name })).toBe(
      `env-name "${name}" is reserved: ${family} belong to the runner, the shell or a runtime, and ` +
        'a token there would break later steps. Choose another name (e.g. IBMCLOUD_IAM_TOKEN).'
    )
  })

  it('says what a valid name looks like', () => {
    expect(problem({ apikey: APIKEY, 'env-name': 'IAM-TOKEN' })).toBe(
      'env-name "IAM-TOKEN" is not a valid environment variable name: use letters, digits and ' +
        'underscores, not starting with a digit (e.g. IBMCLOUD_IAM_TOKEN).'
    )
  })

  it('shows a refused name with its newline escaped, so the message stays on one line', () => {
    const message = problem({ apikey: APIKEY, 'env-name': 'TOKEN\n::error::forged' })
    expect(message).not.toContain('\n')
    expect(message).toContain('TOKEN\\n: :error: :forged')
  })

  it('validateEnvName names the input it was given', () => {
    expect(() => validateEnvName('some-input', 'GITHUB_PATH')).toThrow(/^some-input "GITHUB_PATH"/)
    expect(validateEnvName('some-input', 'OK_NAME')).toBe('OK_NAME')
  })
})

describe('booleans', () => {
  it.each([
    ['true', true],
    ['True', true],
    ['TRUE', true],
    ['false', false],
    ['False', false],
    ['FALSE', false],
    [' false ', false]
  ])('export-env %j is %s', (value, expected) => {
    expect(parse({ apikey: APIKEY, 'export-env': value }).exportEnv).toBe(expected)
  })

  it.each(['yes', 'no', '1', '0', 'on', 'off', 'tRuE', 'y'])(
    'export-env %j is refused',
    (value) => {
      expect(problem({ apikey: APIKEY, 'export-env': value })).toMatch(
        /export-env must be true or false/
      )
    }
  )
})

describe('numbers', () => {
  it.each([
    ['1', 1],
    ['10', 10],
    ['3', 3]
  ])('max-attempts %j gives %d', (value, expected) => {
    expect(parse({ apikey: APIKEY, 'max-attempts': value }).maxAttempts).toBe(expected)
  })

  it.each(['0', '11', '-1', '2.5', 'five', '1e1'])('max-attempts %j is refused', (value) => {
    expect(problem({ apikey: APIKEY, 'max-attempts': value })).toMatch(
      /max-attempts must be a whole number from 1 to 10/
    )
  })

  it('reads timeout-seconds as seconds', () => {
    expect(parse({ apikey: APIKEY, 'timeout-seconds': '7' }).timeoutMs).toBe(7000)
  })

  it.each(['0', 'ten', '-5'])('timeout-seconds %j is refused', (value) => {
    expect(problem({ apikey: APIKEY, 'timeout-seconds': value })).toMatch(/timeout-seconds/)
  })
})

describe('on-missing-apikey and account-id', () => {
  it('accepts skip and fail, refuses anything else', () => {
    expect(parse({ 'on-missing-apikey': 'skip' }).onMissingApikey).toBe('skip')
    expect(parse({ 'on-missing-apikey': 'fail' }).onMissingApikey).toBe('fail')
    expect(problem({ 'on-missing-apikey': 'ignore' })).toMatch(
      /on-missing-apikey must be one of fail, skip/
    )
  })

  it('keeps a well-formed account-id and refuses one with other characters', () => {
    expect(parse({ apikey: APIKEY, 'account-id': ' abcdef0123456789 ' }).accountId).toBe(
      'abcdef0123456789'
    )
    expect(problem({ apikey: APIKEY, 'account-id': 'abc-def' })).toMatch(/account-id/)
  })
})

describe('several wrong inputs', () => {
  const wrong = {
    apikey: APIKEY,
    region: 'atlantis',
    'env-name': 'PATH',
    'max-attempts': '0',
    'export-env': 'maybe'
  }

  it('reports all of them in one error', () => {
    const message = problem(wrong)
    expect(message).toMatch(/^4 inputs are wrong:/)
    expect(message).toContain('region "atlantis"')
    expect(message).toContain('env-name "PATH"')
    expect(message).toContain('max-attempts')
    expect(message).toContain('export-env')
  })

  it('never puts the API key in the message', () => {
    expect(problem(wrong)).not.toContain(APIKEY)
    expect(problem({ ...wrong, apikey: `${APIKEY}\n` })).not.toContain(APIKEY)
  })
})
