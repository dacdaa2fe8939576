import { run as runPost } from '../src/post.js'
import { STATE } from '../src/ephemeral/issue.js'
import type { HttpResponse } from '../src/iam/http.js'
import {
  APIKEY,
  fakeClock,
  jsonResponse,
  makeJwt,
  serviceIdClaims,
  tokenBody,
  wrongKeyResponse
} from './helpers/fakes.js'
import {
  EPHEMERAL_VALUE,
  KEY_ID,
  noContent,
  ownKeyResponse,
  postHarness,
  RUN_ENV,
  savedKeyState
} from './helpers/identity.js'

const NOW = Date.UTC(2026, 1, 20, 15, 0, 0)
const EXPIRES = Date.UTC(2026, 1, 20, 18, 1)

const savedState = (overrides: Record<string, string> = {}) => savedKeyState(EXPIRES, overrides)

async function post(
  inputs: Record<string, string>,
  state: Record<string, string>,
  options: { now?: number; env?: Record<string, string>; responses?: HttpResponse[] } = {}
) {
  const h = postHarness(inputs, state, options.responses ?? [], fakeClock(options.now ?? NOW))
  if (options.env) h.deps.env = { ...RUN_ENV, ...options.env }
  const read: string[] = []
  const getInput = h.runner.getInput.bind(h.runner)
  h.runner.getInput = (name: string) => {
    read.push(name)
    return getInput(name)
  }
  await runPost(h.deps)
  return { ...h, read }
}

/** IAM's answers to a revocation: a token for the key, the key, the deletion. */
const revoked = () => [
  jsonResponse(200, tokenBody(makeJwt(serviceIdClaims(NOW)))),
  ownKeyResponse(),
  noContent()
]

describe('post step, nothing to do', () => {
  it('without state from the main step: one line, no request', async () => {
    const { runner, transport } = await post({ apikey: APIKEY, 'ephemeral-key': 'true' }, {})
    expect(runner.printed()).toEqual([
      'No ephemeral API key was created by the main step: nothing to revoke.'
    ])
    expect(transport.requests).toEqual([])
    expect(runner.failed).toBeUndefined()
  })

  it('without state, does not even read the inputs: bad inputs cause no warning', async () => {
    const { runner, read } = await post({ apikey: APIKEY, 'max-attempts': 'many' }, {})
    expect(runner.count('warning')).toBe(0)
    expect(read).toEqual([])
  })

  it('with revoke: false: one info line naming the key, no request', async () => {
    const { runner, transport } = await post({ apikey: APIKEY, revoke: 'false' }, savedState())
    expect(runner.printed()).toEqual([
      `revoke is false: ephemeral API key ${KEY_ID} is left for IAM to expire.`
    ])
    expect(transport.requests).toEqual([])
    expect(runner.failed).toBeUndefined()
  })

  it('with inputs that do not parse: a warning, no request, no failure', async () => {
    const { runner, transport } = await post(
      { apikey: APIKEY, 'max-attempts': 'many' },
      savedState()
    )
    expect(runner.failed).toBeUndefined()
    expect(runner.count('warning')).toBe(1)
    const warning = runner.printed().join('\n')
    expect(warning).toContain(`Could not revoke ephemeral API key ${KEY_ID}`)
    expect(warning).toContain('max-attempts must be a whole number')
    expect(transport.requests).toEqual([])
  })

  it('masks the saved ephemeral key first', async () => {
    const { runner } = await post({ apikey: APIKEY }, savedState())
    expect(runner.events[0]).toEqual({ kind: 'setSecret', value: EPHEMERAL_VALUE })
  })
})

describe('post step, the long-lived key', () => {
  it('is never read, masked or sent, whatever the inputs hold', async () => {
    const { runner, transport, read } = await post({ apikey: APIKEY }, savedState(), {
      responses: revoked()
    })
    expect(read).not.toContain('apikey')
    expect(runner.events.filter((e) => e.value.includes(APIKEY))).toEqual([])
    expect(transport.requests.filter((r) => (r.body ?? '').includes(APIKEY))).toEqual([])
    expect(runner.printed()).toContain(`Revoked ephemeral API key ${KEY_ID}.`)
  })

  it('an empty apikey input changes nothing: still revoked', async () => {
    const { runner } = await post({ apikey: '' }, savedState(), { responses: revoked() })
    expect(runner.count('warning')).toBe(0)
    expect(runner.printed()).toContain(`Revoked ephemeral API key ${KEY_ID}.`)
  })

  it('without a saved key value: a warning, no request', async () => {
    const { runner, transport } = await post(
      { apikey: APIKEY },
      savedState({ [STATE.keyValue]: '' })
    )
    expect(runner.printed()).toEqual([
      `::warning::Cannot delete ephemeral API key ${KEY_ID}: the main step saved no key to revoke it ` +
        'with (the post step never uses the apikey input). IAM expires it on its own.'
    ])
    expect(transport.requests).toEqual([])
  })
})

describe('post step, an expiry read from GITHUB_STATE decides nothing', () => {
  it.each([
    ['a minute ago', String(NOW - 60_000)],
    ['exactly now', String(NOW)],
    ['not a number', 'soon']
  ])('a saved expiry %s: IAM is still asked, and the key deleted', async (_what, saved) => {
    const { runner, transport } = await post(
      { apikey: APIKEY },
      savedState({ [STATE.keyExpiresAt]: saved }),
      { responses: revoked() }
    )
    expect(transport.requests.map((r) => r.method)).toEqual(['POST', 'GET', 'DELETE'])
    expect(runner.printed()).toContain(`Revoked ephemeral API key ${KEY_ID}.`)
  })
})

describe('post step, network settings changed after the main step', () => {
  it.each([
    ['HTTPS_PROXY set', {}, { HTTPS_PROXY: 'http://user:pw@evil.example:8080' }, 'HTTPS_PROXY'],
    ['https_proxy set', {}, { https_proxy: 'http://evil.example:8080' }, 'https_proxy'],
    ['NO_PROXY removed', { NO_PROXY: 'iam.cloud.ibm.com' }, {}, 'NO_PROXY'],
    [
      'HTTP_PROXY changed',
      { HTTP_PROXY: 'http://a:1' },
      { HTTP_PROXY: 'http://b:1' },
      'HTTP_PROXY'
    ],
    [
      'NODE_EXTRA_CA_CERTS set',
      {},
      { NODE_EXTRA_CA_CERTS: '/tmp/planted-ca.pem' },
      'NODE_EXTRA_CA_CERTS'
    ]
  ])('%s: a warning naming it, nothing sent', async (_what, recorded, env, name) => {
    const { runner, transport } = await post(
      { apikey: APIKEY },
      savedState({ [STATE.network]: JSON.stringify(recorded) }),
      { env }
    )
    expect(transport.requests).toEqual([])
    expect(runner.count('warning')).toBe(1)
    const warning = runner.printed()[0]!
    expect(warning).toMatch(
      new RegExp(
        `^::warning::Did not revoke ephemeral API key ${KEY_ID}: ${name} changed since the main step`
      )
    )
    expect(warning).toContain('GITHUB_ENV')
    // Only names: a proxy URL may carry a password.
    for (const value of Object.values({ ...recorded, ...env })) expect(warning).not.toContain(value)
  })

  it('the same settings as the main step: revoked', async () => {
    const network = { HTTPS_PROXY: 'http://proxy:3128', NODE_EXTRA_CA_CERTS: '/etc/ca.pem' }
    const { runner } = await post(
      { apikey: APIKEY },
      savedState({ [STATE.network]: JSON.stringify(network) }),
      { env: network, responses: revoked() }
    )
    expect(runner.count('warning')).toBe(0)
    expect(runner.printed()).toContain(`Revoked ephemeral API key ${KEY_ID}.`)
  })

  it.each([
    ['missing', ''],
    ['not JSON', '{'],
    ['naming another variable', JSON.stringify({ PATH: '/bin' })]
  ])('a record that is %s: nothing sent', async (_what, record) => {
    const { runner, transport } = await post(
      { apikey: APIKEY },
      savedState({ [STATE.network]: record })
    )
    expect(transport.requests).toEqual([])
    expect(runner.printed()[0]).toMatch(/found no record of the network settings/)
  })
})

describe('post step, a key that no longer signs in', () => {
  it("IAM's BXNIM0415E for the key itself: one info line, no warning, nothing deleted", async () => {
    const { runner, transport } = await post({ apikey: APIKEY }, savedState(), {
      responses: [wrongKeyResponse()]
    })
    expect(transport.requests).toHaveLength(1)
    expect(runner.count('warning')).toBe(0)
    expect(runner.printed()).toEqual([
      `Ephemeral API key ${KEY_ID} no longer signs in (IAM: BXNIM0415E): it was deleted already ` +
        'or it expired; nothing to revoke.'
    ])
  })
})
