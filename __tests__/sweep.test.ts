import { run as runMain } from '../src/main.js'
import { runFacts } from '../src/ephemeral/naming.js'
import { STATE } from '../src/ephemeral/issue.js'
import { longestJobMinutes, sweepStaleKeys } from '../src/ephemeral/sweep.js'
import type { HttpResponse } from '../src/iam/http.js'
import {
  NOW,
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

const MINUTE = 60_000

/**
 * The name and description the action gives a key of run 1234 (attempt 2, job deploy) of
 * octo/<repo>, written out rather than computed by the code under test.
 */
const ownName = (repo: string) => `gha-octo-${repo}-1234-2-deploy-3fffff`
const ownDescription = (repo: string, usableFor: number) =>
  `Ephemeral key made by ibmcloud-iam-token-action for https://github.com/octo/${repo}/actions/runs/1234/attempts/2; deleted by its post step, or expired by IAM; not used after ${new Date(NOW + usableFor * MINUTE).toISOString()}.`
/** What versions before issue 19 wrote: no "not used after". */
const legacyDescription = (repo: string) =>
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
  /** The "not used after" of its description, minutes after NOW (default 60: its job still runs). */
  usableFor?: number
  /** Another identity or account than the token's, as a list could wrongly carry. */
  iamId?: string
  accountId?: string
}

/** A key as IAM lists it; by default one this action made for octo/widgets. */
function listed(spec: KeySpec): Record<string, unknown> {
  const repo = spec.repo ?? 'widgets'
  return {
    id: spec.id,
    name: spec.name ?? ownName(repo),
    description: spec.description ?? ownDescription(repo, spec.usableFor ?? 60),
    iam_id: spec.iamId ?? IAM_ID,
    account_id: spec.accountId ?? ACCOUNT_ID,
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
    { id: 'job-over', createdAgo: 361, expiresIn: 600, usableFor: -1 },
    { id: 'job-ends-now', createdAgo: 360, expiresIn: 600, usableFor: 0 },
    // Made by a self-hosted job 7 hours ago: its job may run for days yet.
    { id: 'self-hosted-7h', createdAgo: 420, expiresIn: 600, usableFor: 3000 },
    { id: 'fresh', createdAgo: 10, expiresIn: 350 },
    { id: 'legacy-old', description: legacyDescription('widgets'), createdAgo: 7201 },
    { id: 'legacy-recent', description: legacyDescription('widgets'), createdAgo: 400 },
    { id: 'other-identity', expiresIn: -1, iamId: 'iam-ServiceId-someone-else' },
    { id: 'other-account', expiresIn: -1, accountId: 'b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0' },
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

  it('deletes only our keys past their expiry or the longest life their own job named', async () => {
    const stale = ['expired', 'expires-now', 'job-over', 'job-ends-now', 'legacy-old']
    const { deleted, deletes, transport } = await sweep([
      listPage(KEYS),
      ...stale.map(() => noContent())
    ])
    expect(deletes).toEqual(stale)
    expect(deleted).toEqual(stale)
    expect(transport.remaining()).toBe(0)
  })

  it('reports each key it deleted, and a total', async () => {
    const { runner } = await sweep([
      listPage(KEYS),
      noContent(),
      noContent(),
      noContent(),
      noContent(),
      noContent()
    ])
    const log = runner.printed()
    expect(log).toContain(`Swept stale ephemeral API key expired (${ownName('widgets')}).`)
    expect(log.filter((l) => l.startsWith('Swept stale ephemeral API key '))).toHaveLength(5)
    expect(log[log.length - 1]).toBe(
      `Swept 5 stale ephemeral API key(s) of ${KEYS.length} checked.`
    )
  })

  it("reports IAM's 404 as already gone, not as swept", async () => {
    const { runner, deleted } = await sweep([
      listPage([
        { id: 'expired', expiresIn: -1 },
        { id: 'gone', expiresIn: -1 }
      ]),
      noContent(),
      identityError(404, 'BXNIM0102E', 'trace-gone')
    ])
    expect(deleted).toEqual(['expired'])
    const log = runner.printed()
    expect(log).toContain(`Stale ephemeral API key gone (${ownName('widgets')}) was already gone.`)
    expect(log.filter((l) => l.includes('Swept stale ephemeral API key gone'))).toEqual([])
    expect(log[log.length - 1]).toBe(
      'Swept 1 stale ephemeral API key(s) of 2 checked (1 already gone).'
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
            description: legacyDescription('widgets'),
            created_at: '2026-02-15T11:59:59+0000'
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
        { id: 'only-created-old', description: legacyDescription('widgets'), createdAgo: 7201 },
        { id: 'only-created-recent', description: legacyDescription('widgets'), createdAgo: 7199 }
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
      listPage([{ id: 'old', createdAgo: 400, usableFor: -40 }]),
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
        { id: 'old', createdAgo: 500, expiresIn: 100, usableFor: -140 }
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
      listPage([{ id: 'old', createdAgo: 500, usableFor: -140 }]),
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

  it("a key's own job decides, not the sweeping runner: a self-hosted job's 500-minute-old key is kept by a GitHub-hosted sweep", async () => {
    const jwt = makeJwt(serviceIdClaims(NOW))
    const h = harness(
      { apikey: APIKEY, 'sweep-stale-keys': 'true' },
      [
        jsonResponse(200, tokenBody(jwt)),
        listPage([{ id: 'old', createdAgo: 500, expiresIn: 100, usableFor: 6700 }])
      ],
      { clock: fakeClock(NOW), env: { ...RUN_ENV, RUNNER_ENVIRONMENT: 'github-hosted' } }
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
