import {
  isLoopbackHost,
  parseEndpoint,
  PRIVATE_ENDPOINT,
  PUBLIC_ENDPOINT,
  REGIONS,
  resolveEndpoint
} from '../src/iam/endpoints.js'
import { ConfigError } from '../src/errors.js'

function refusal(value: string): string {
  try {
    parseEndpoint(value)
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError)
    return (err as Error).message
  }
  throw new Error(`expected parseEndpoint to refuse ${value}`)
}

describe('isLoopbackHost', () => {
  it.each(['localhost', 'LOCALHOST', '127.0.0.1', '127.255.10.3', '127.0.0.254', '::1', '[::1]'])(
    '%s is loopback',
    (host) => expect(isLoopbackHost(host)).toBe(true)
  )

  it.each([
    'iam.cloud.ibm.com',
    '10.0.0.1',
    '128.0.0.1',
    '0.0.0.0',
    '127.0.0.1.nip.io',
    'localhost.example.com',
    '::2',
    'my127.0.0.1',
    '127.0.0.1000',
    '127.0.0.'
  ])('%s is not loopback', (host) => expect(isLoopbackHost(host)).toBe(false))
})

describe('parseEndpoint', () => {
  it('accepts https and drops trailing slashes', () => {
    expect(parseEndpoint('https://iam.test.cloud.ibm.com')).toBe('https://iam.test.cloud.ibm.com')
    expect(parseEndpoint('https://iam.test.cloud.ibm.com///')).toBe(
      'https://iam.test.cloud.ibm.com'
    )
    expect(parseEndpoint('https://proxy.example.com:8443/iam/')).toBe(
      'https://proxy.example.com:8443/iam'
    )
  })

  it.each([
    'http://localhost:3000',
    'http://127.0.0.1:8080',
    'http://127.3.2.1',
    'http://[::1]:9000'
  ])('accepts plain http to loopback: %s', (url) => {
    expect(parseEndpoint(url)).toBe(url)
  })

  it.each([
    'http://iam.cloud.ibm.com',
    'http://10.1.2.3:8080',
    'http://localhost.example.com',
    'http://127.0.0.1.nip.io'
  ])('refuses plain http to a non-loopback host: %s', (url) => {
    expect(refusal(url)).toMatch(/plain http.*unencrypted.*https:\/\//s)
  })

  it.each(['ftp://iam.example.com', 'file:///etc/passwd', 'ws://127.0.0.1:80'])(
    'refuses other schemes: %s',
    (url) => {
      expect(refusal(url)).toMatch(/https:\/\//)
    }
  )

  it('refuses credentials in the URL without repeating them', () => {
    const message = refusal('https://user:s3cretPassw0rd@iam.cloud.ibm.com')
    expect(message).toMatch(/without user name, password/)
    expect(message).not.toContain('s3cretPassw0rd')
    expect(refusal('https://onlyuser@iam.cloud.ibm.com')).toMatch(/without user name, password/)
    const passwordOnly = refusal('https://:0nlyPassw0rd@iam.cloud.ibm.com')
    expect(passwordOnly).toBe(
      'iam-endpoint must be a base URL without user name, password, ?query or #fragment.'
    )
    expect(passwordOnly).not.toContain('0nlyPassw0rd')
  })

  it.each(['https://iam.cloud.ibm.com/?apikey=x', 'https://iam.cloud.ibm.com/#frag'])(
    'refuses a query or fragment: %s',
    (url) => {
      expect(refusal(url)).toMatch(/query or #fragment/)
    }
  )

  // The token URL is `${endpoint}/identity/token`: an endpoint ending in a bare '?' or '#'
  // would send the API key to the host's root path instead.
  it.each(['https://iam.cloud.ibm.com/?', 'https://iam.cloud.ibm.com/#'])(
    'never returns a base that keeps an empty query or fragment marker: %s',
    (url) => {
      let base: string | undefined
      try {
        base = parseEndpoint(url)
      } catch (err) {
        expect(err).toBeInstanceOf(ConfigError)
        return
      }
      expect(new URL(`${base}/identity/token`).pathname).toBe('/identity/token')
    }
  )

  it('quotes a value that is not a URL as one inert line', () => {
    expect(refusal('not a url\n::error::forged')).toBe(
      'iam-endpoint "not a url\\n: :error: :forged" is not a URL. Give a base URL such as https://iam.cloud.ibm.com.'
    )
  })

  it('refuses something that is not a URL', () => {
    expect(refusal('iam.cloud.ibm.com')).toBe(
      'iam-endpoint "iam.cloud.ibm.com" is not a URL. Give a base URL such as https://iam.cloud.ibm.com.'
    )
  })

  it('says which scheme it got and which it wants', () => {
    expect(refusal('ftp://iam.example.com')).toBe(
      'iam-endpoint must start with https:// (got ftp://).'
    )
    expect(refusal('http://iam.cloud.ibm.com:8080')).toBe(
      'iam-endpoint http://iam.cloud.ibm.com:8080 uses plain http, which would send the API key ' +
        'unencrypted. Use https:// (plain http is accepted only for a loopback emulator: ' +
        'localhost, 127.0.0.1, ::1).'
    )
  })
})

describe('REGIONS', () => {
  it('are the regions IAM has a private regional endpoint in', () => {
    expect([...REGIONS]).toEqual([
      ...['au-syd', 'br-sao', 'ca-mon', 'ca-tor', 'eu-de', 'eu-es', 'eu-gb', 'jp-osa', 'jp-tok'],
      ...['us-east', 'us-south']
    ])
  })
})

describe('resolveEndpoint', () => {
  it('defaults to the public endpoint', () => {
    expect(resolveEndpoint({ iamEndpoint: '', region: '', private: false })).toBe(PUBLIC_ENDPOINT)
  })

  it.each(REGIONS)('maps private + %s to its private regional endpoint', (region) => {
    expect(resolveEndpoint({ iamEndpoint: '', region, private: true })).toBe(
      `https://private.${region}.iam.cloud.ibm.com`
    )
  })

  it('uses the global private endpoint without a region', () => {
    expect(resolveEndpoint({ iamEndpoint: '', region: '', private: true })).toBe(PRIVATE_ENDPOINT)
  })

  it('lets iam-endpoint win over region and private', () => {
    expect(
      resolveEndpoint({ iamEndpoint: 'https://iam.example.com/', region: 'jp-tok', private: true })
    ).toBe('https://iam.example.com')
  })

  it('refuses a region without private: true instead of ignoring it', () => {
    expect(() => resolveEndpoint({ iamEndpoint: '', region: 'eu-de', private: false })).toThrow(
      new ConfigError(
        'region "eu-de" selects a private regional IAM endpoint and needs private: true ' +
          '(runners inside IBM Cloud: https://private.eu-de.iam.cloud.ibm.com). ' +
          "IAM's public endpoint (https://iam.cloud.ibm.com) is global: on other runners remove region."
      )
    )
  })

  it('lists every valid region when the region is unknown', () => {
    expect(() => resolveEndpoint({ iamEndpoint: '', region: 'us-west', private: true })).toThrow(
      `Valid regions: ${REGIONS.join(', ')}.`
    )
  })
})
