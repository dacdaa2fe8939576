import { run as runMain } from '../src/main.js'
import { runFacts } from '../src/ephemeral/naming.js'
import { STATE } from '../src/ephemeral/issue.js'
import { longestJobMinutes, sweepStaleKeys } from '../src/ephemeral/sweep.js'
import type { HttpResponse } from '../src/iam/http.js'
import {
  ACCOUNT_ID,
  APIKEY,
  fakeClock,
  harness,
  IAM_ID,
  jsonResponse,
  makeJwt,
  RecordingRunner,
  scriptedTransport,
  serviceIdClaims,
  tokenBody
} from './helpers/fakes.js'
import {
  createdKeyResponse,
  ENDPOINT,
  EPHEMERAL_VALUE,
  identityError,
  KEY_ID,
  noContent,
  RUN_ENV,
  testIamClient,
  testToken
} from './helpers/identity.js'

const NOW = Date.UTC(2026, 1, 20, 12, 0, 0)
const MINUTE = 60_000

/**
 * The name and description the action gives a key of run 1234 (attempt 2, job deploy) of
 * octo/<repo>, written out rather than computed by the code under test.
 */
const ownName = (repo: string) => `gha-octo-${repo}-1234-2-deploy-3fffff`
const ownDescription = (repo: string) =>
  `Ephemeral key made by ibmcloud-iam-token-action for https://github.com/octo/${repo}/actions/runs/1234/attempts/2; deleted by its post step, or expired by IAM.`

/** IAM's minute-precision time format. */
function iamTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16)}+0000`
}

interface KeySpec {
  id: string
  /** The repository under octo/ the key was made for (default widgets, this run's). */
  repo?: string
  name?: string
  description?: string
  /** Minutes before NOW. */
  createdAgo?: number
  /** Minutes after NOW (negative: in the past). */
  expiresIn?: number
}

/** A key as IAM lists it; by default one this action made for octo/widgets. */
function listed(spec: KeySpec): Record<string, unknown> {
  const repo = spec.repo ?? 'widgets'
  return {
    id: spec.id,
    name: spec.name ?? ownName(repo),
    description: spec.description ?? ownDescription(repo),
    iam_id: IAM_ID,
    account_id: ACCOUNT_ID,
    ...(spec.createdAgo === undefined
      ? {}
      : { created_at: iamTime(NOW - spec.createdAgo * MINUTE) }),
    ...(spec.expiresIn === undefined ? {} : { expires_at: iamTime(NOW + spec.expiresIn * MINUTE) })
  }
}

function listPage(specs: KeySpec[], next?: string): HttpResponse {
  return jsonResponse(200, {
    apikeys: specs.map(listed),
    ...(next ? { next: `${ENDPOINT}/v1/apikeys?pagetoken=${next}` } : {})
  })
}

async function sweep(responses: HttpResponse[], keepId?: string) {
  const transport = scriptedTransport(responses)
  const clock = fakeClock(NOW)
  const runner = new RecordingRunner()
  const iam = testIamClient(transport, clock)
  const deleted = await sweepStaleKeys(iam, testToken(NOW), {
    runner,
    clock,
    facts: runFacts(RUN_ENV),
    longestJobMinutes: 360,
    ...(keepId ? { keepId } : {})
  })
  const deletes = transport.requests
    .filter((r) => r.method === 'DELETE')
    .map((r) => decodeURIComponent(r.url.slice(`${ENDPOINT}/v1/apikeys/`.length)))
  return { deleted, deletes, runner, transport }
}

describe('longestJobMinutes', () => {
  it('is 6 hours on GitHub-hosted runners', () => {
    expect(longestJobMinutes({ RUNNER_ENVIRONMENT: 'github-hosted' })).toBe(360)
  })

  it.each([{ RUNNER_ENVIRONMENT: 'self-hosted' }, {}])(
    'is 5 days on self-hosted runners, and when the runner does not say (%p)',
    (env) => {
      expect(longestJobMinutes(env)).toBe(7200)
    }
  )
})

describe('sweepStaleKeys', () => {
  const KEYS: KeySpec[] = [
    { id: 'expired', createdAgo: 120, expiresIn: -1 },
    { id: 'expires-now', createdAgo: 30, expiresIn: 0 },
    { id: 'too-old', createdAgo: 361, expiresIn: 600 },
    { id: 'exactly-360', createdAgo: 360, expiresIn: 600 },
    { id: 'fresh', createdAgo: 10, expiresIn: 350 },
    { id: 'no-dates' },
    { id: 'other-repo-expired', repo: 'widgets-extra', createdAgo: 900, expiresIn: -500 },
    {
      id: 'hand-made-expired',
      name: 'gha-octo-widgets-1234-1-deploy-3fffff',
      description: 'made by hand for the nightly job',
      createdAgo: 900,
      expiresIn: -500
    },
    { id: 'unrelated-old', name: 'terraform', description: 'tf', createdAgo: 100_000 }
  ]

  it('deletes only our keys that expired or are older than 360 minutes', async () => {
    const stale = ['expired', 'expires-now', 'too-old']
    const { deleted, deletes, transport } = await sweep([
      listPage(KEYS),
      ...stale.map(() => noContent())
    ])
    expect(deletes).toEqual(stale)
    expect(deleted).toEqual(stale)
    expect(transport.remaining()).toBe(0)
  })

  it('reports each key it deleted, and a total', async () => {
    const { runner } = await sweep([listPage(KEYS), noContent(), noContent(), noContent()])
    const log = runner.printed()
    expect(log).toContain(`Swept stale ephemeral API key expired (${ownName('widgets')}).`)
    expect(log.filter((l) => l.startsWith('Swept stale ephemeral API key '))).toHaveLength(3)
    expect(log[log.length - 1]).toBe(
      `Swept 3 stale ephemeral API key(s) of ${KEYS.length} checked.`
    )
  })

  it('never deletes the keepId key, even when it looks stale', async () => {
    const { deleted } = await sweep(
      [
        listPage([
          { id: KEY_ID, expiresIn: -5 },
          { id: 'expired', expiresIn: -5 }
        ]),
        noContent()
      ],
      KEY_ID
    )
    expect(deleted).toEqual(['expired'])
  })

  it('reads creation and expiry times with seconds and in ISO form', async () => {
    const { deleted } = await sweep([
      jsonResponse(200, {
        apikeys: [
          {
            ...listed({ id: 'iso-expired' }),
            expires_at: new Date(NOW - 1000).toISOString()
          },
          {
            ...listed({ id: 'seconds-old' }),
            created_at: '2026-02-20T05:59:59+0000'
          },
          {
            ...listed({ id: 'unreadable' }),
            created_at: 'yesterday',
            expires_at: 'soon'
          }
        ]
      }),
      noContent(),
      noContent()
    ])
    expect(deleted).toEqual(['iso-expired', 'seconds-old'])
  })

  it('judges a key by the one time IAM gives, when it gives only one', async () => {
    const { deleted } = await sweep([
      listPage([
        { id: 'only-expiry-past', expiresIn: -1 },
        { id: 'only-expiry-future', expiresIn: 5 },
        { id: 'only-created-old', createdAgo: 361 },
        { id: 'only-created-recent', createdAgo: 359 }
      ]),
      noContent(),
      noContent()
    ])
    expect(deleted).toEqual(['only-expiry-past', 'only-created-old'])
  })

  it('says there was nothing to sweep, with one request only', async () => {
    const { deleted, runner, transport } = await sweep([
      listPage([
        { id: 'fresh', createdAgo: 5, expiresIn: 300 },
        { id: 'x', name: 'terraform' }
      ])
    ])
    expect(deleted).toEqual([])
    expect(transport.requests).toHaveLength(1)
    expect(runner.printed()).toEqual(['No stale ephemeral API keys to sweep (2 keys checked).'])
  })

  it('looks through every page', async () => {
    const { deleted, transport } = await sweep([
      listPage([{ id: 'fresh', createdAgo: 5 }], 'p2'),
      listPage([{ id: 'old', createdAgo: 400 }]),
      noContent()
    ])
    expect(deleted).toEqual(['old'])
    expect(transport.requests.map((r) => r.method)).toEqual(['GET', 'GET', 'DELETE'])
  })

  it('lists the keys of the token identity in the token account', async () => {
    const { transport } = await sweep([listPage([])])
    const url = new URL(transport.requests[0]!.url)
    expect(url.searchParams.get('iam_id')).toBe(IAM_ID)
    expect(url.searchParams.get('account_id')).toBe(ACCOUNT_ID)
  })

  it('rejects with the IamError when a deletion is refused', async () => {
    await expect(
      sweep([
        listPage([{ id: 'expired', expiresIn: -1 }]),
        identityError(403, 'BXNIM0513E', 'trace-sweep')
      ])
    ).rejects.toMatchObject({ name: 'IamError', operation: 'API key deletion', status: 403 })
  })
})

describe('main step with sweep-stale-keys: true', () => {
  async function run(afterCreate: HttpResponse[], inputs: Record<string, string> = {}) {
    const jwt = makeJwt(serviceIdClaims(NOW))
    const h = harness(
      { apikey: APIKEY, 'ephemeral-key': 'true', 'sweep-stale-keys': 'true', ...inputs },
      [jsonResponse(200, tokenBody(jwt)), createdKeyResponse(), ...afterCreate],
      { clock: fakeClock(NOW), env: RUN_ENV }
    )
    await runMain(h.deps)
    return { ...h, jwt }
  }

  it('sweeps after publishing, and keeps the key it just made', async () => {
    const { runner, transport } = await run([
      listPage([
        { id: KEY_ID, createdAgo: 0, expiresIn: -1 },
        { id: 'old', createdAgo: 500, expiresIn: 100 }
      ]),
      noContent()
    ])
    expect(runner.failed).toBeUndefined()
    expect(transport.requests.map((r) => r.method)).toEqual(['POST', 'POST', 'GET', 'DELETE'])
    expect(transport.requests[3]?.url).toBe(`${ENDPOINT}/v1/apikeys/old`)
    expect(
      runner.indexOf('info', { value: 'Swept 1 stale ephemeral API key(s) of 2 checked.' })
    ).toBeGreaterThan(runner.indexOf('setOutput', { name: 'ephemeral-apikey' }))
  })

  it('a failed sweep is a warning: the step still succeeds with its outputs and state', async () => {
    const { runner, jwt } = await run([identityError(403, 'BXNIM0513E', 'trace-list-403')])
    expect(runner.failed).toBeUndefined()
    expect(runner.count('setFailed')).toBe(0)
    const warnings = runner.events.filter((e) => e.kind === 'warning').map((e) => e.value)
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatch(/^Sweeping stale keys failed: IBM Cloud IAM API key listing failed/)
    expect(warnings[0]).toContain('trace-list-403')
    expect(runner.outputs).toMatchObject({
      token: jwt,
      authenticated: 'true',
      'ephemeral-apikey': EPHEMERAL_VALUE,
      'ephemeral-apikey-id': KEY_ID
    })
    expect(runner.state[STATE.keyId]).toBe(KEY_ID)
    expect(runner.summaries).toHaveLength(1)
  })

  it('a deletion refused during the sweep is a warning too', async () => {
    const { runner } = await run([
      listPage([{ id: 'old', createdAgo: 500 }]),
      identityError(409, 'BXNIM0511E', 'trace-locked')
    ])
    expect(runner.failed).toBeUndefined()
    expect(runner.count('warning')).toBe(1)
    expect(runner.outputs.authenticated).toBe('true')
  })

  it('sweeps without an ephemeral key as well', async () => {
    const jwt = makeJwt(serviceIdClaims(NOW))
    const h = harness(
      { apikey: APIKEY, 'sweep-stale-keys': 'true' },
      [jsonResponse(200, tokenBody(jwt)), listPage([{ id: 'old', expiresIn: -60 }]), noContent()],
      { clock: fakeClock(NOW), env: RUN_ENV }
    )
    await runMain(h.deps)
    expect(h.runner.failed).toBeUndefined()
    expect(h.transport.requests.map((r) => r.method)).toEqual(['POST', 'GET', 'DELETE'])
  })

  it('on a self-hosted runner, a 500-minute-old unexpired key may still be in use and is kept', async () => {
    const jwt = makeJwt(serviceIdClaims(NOW))
    const h = harness(
      { apikey: APIKEY, 'sweep-stale-keys': 'true' },
      [
        jsonResponse(200, tokenBody(jwt)),
        listPage([{ id: 'old', createdAgo: 500, expiresIn: 100 }])
      ],
      { clock: fakeClock(NOW), env: { ...RUN_ENV, RUNNER_ENVIRONMENT: 'self-hosted' } }
    )
    await runMain(h.deps)
    expect(h.runner.failed).toBeUndefined()
    expect(h.transport.requests.map((r) => r.method)).toEqual(['POST', 'GET'])
  })

  it('does not list keys unless asked to', async () => {
    const { transport } = await run([], { 'sweep-stale-keys': 'false' })
    expect(transport.requests).toHaveLength(2)
  })
})
