import {
  changedNetworkVariables,
  networkChange,
  networkSettings,
  readNetworkRecord,
  recordNetworkSettings
} from '../src/network-settings.js'

describe('network settings recorded by the main step', () => {
  const env = {
    HTTPS_PROXY: 'http://proxy:3128',
    http_proxy: 'http://proxy:3128',
    no_proxy: '.internal',
    NODE_EXTRA_CA_CERTS: '/etc/ca.pem',
    HTTPS_PROXY_EXTRA: 'not ours',
    PATH: '/bin',
    HTTP_PROXY: ''
  }

  it('records the proxy variables in both cases and the extra CA file, nothing else', () => {
    expect(networkSettings(env)).toEqual({
      HTTPS_PROXY: 'http://proxy:3128',
      http_proxy: 'http://proxy:3128',
      no_proxy: '.internal',
      NODE_EXTRA_CA_CERTS: '/etc/ca.pem'
    })
  })

  it('reads back what it recorded', () => {
    expect(readNetworkRecord(recordNetworkSettings(env))).toEqual(networkSettings(env))
    expect(readNetworkRecord('{}')).toEqual({})
  })

  it.each([
    ['empty', ''],
    ['not JSON', '{'],
    ['an array', '[]'],
    ['null', 'null'],
    ['another variable', '{"PATH":"/bin"}'],
    ['a value that is no string', '{"HTTPS_PROXY":1}']
  ])('refuses a record that is %s', (_, text) => {
    expect(readNetworkRecord(text)).toBeUndefined()
  })

  it('names each variable set, removed or changed; unset and empty are the same', () => {
    const recorded = { HTTPS_PROXY: 'http://a', NO_PROXY: 'x' }
    expect(changedNetworkVariables(recorded, { HTTPS_PROXY: 'http://a', NO_PROXY: 'x' })).toEqual(
      []
    )
    expect(
      changedNetworkVariables(recorded, {
        HTTPS_PROXY: 'http://b',
        https_proxy: 'http://c',
        NODE_EXTRA_CA_CERTS: '/tmp/ca',
        HTTP_PROXY: ''
      })
    ).toEqual(['HTTPS_PROXY', 'https_proxy', 'NO_PROXY', 'NODE_EXTRA_CA_CERTS'])
  })

  it('explains a change by name only (a proxy URL may hold a password), and why it matters', () => {
    const message = networkChange({}, { HTTPS_PROXY: 'http://u:secret@evil:1' }, 'The post step')
    expect(message).toMatch(
      /^HTTPS_PROXY changed since the main step: HTTPS_PROXY \(set by a later step\)\. The post step sends no credential/
    )
    expect(message).toContain('GITHUB_ENV')
    expect(message).not.toContain('secret')
  })

  it('says removed and changed apart', () => {
    expect(networkChange({ NO_PROXY: 'a' }, {}, 'X')).toContain(
      'NO_PROXY (removed by a later step)'
    )
    expect(networkChange({ NO_PROXY: 'a' }, { NO_PROXY: 'b' }, 'X')).toContain(
      'NO_PROXY (given another value by a later step)'
    )
  })

  it('refuses without a record, and is silent when nothing changed', () => {
    expect(networkChange(undefined, {}, 'X')).toMatch(/^X found no record/)
    expect(
      networkChange({ HTTPS_PROXY: 'http://a' }, { HTTPS_PROXY: 'http://a' }, 'X')
    ).toBeUndefined()
  })
})
