import { run as runMain } from '../src/main.js'
import { STATE } from '../src/ephemeral/issue.js'
import type { HttpResponse } from '../src/iam/http.js'
import {
  ACCOUNT_ID,
  APIKEY,
  fakeClock,
  header,
  harness,
  IAM_ID,
  jsonResponse,
  makeJwt,
  serviceIdClaims,
  tokenBody,
  type RecordingRunner
} from './helpers/fakes.js'
import { createdKeyResponse, EPHEMERAL_VALUE, KEY_ID, RUN_ENV } from './helpers/identity.js'

/** 30 s past the minute, so that the key's expiry has to be rounded up. */
const NOW = Date.UTC(2026, 1, 20, 12, 0, 30)

async function run(
  inputs: Record<string, string> = {},
  created: HttpResponse = createdKeyResponse()
) {
  const jwt = makeJwt(serviceIdClaims(NOW))
  const h = harness(
    { apikey: APIKEY, 'ephemeral-key': 'true', ...inputs },
    [jsonResponse(200, tokenBody(jwt)), created],
    { clock: fakeClock(NOW), env: RUN_ENV }
  )
  await runMain(h.deps)
  return { ...h, jwt }
}

/** Indexes of the events that put the key's value into an output or the environment. */
function keyWrites(runner: RecordingRunner): number[] {
  return runner.events.flatMap((e, i) =>
    (e.kind === 'setOutput' || e.kind === 'exportVariable') && e.value === EPHEMERAL_VALUE
      ? [i]
      : []
  )
}

describe('main step with ephemeral-key: true', () => {
  it('exchanges the key, then creates the ephemeral key with the new token', async () => {
    const { runner, transport, jwt } = await run()
    expect(runner.failed).toBeUndefined()
    expect(transport.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'POST https://iam.cloud.ibm.com/identity/token',
      'POST https://iam.cloud.ibm.com/v1/apikeys'
    ])
    const create = transport.requests[1]!
    expect(header(create.headers, 'Authorization')).toBe(`Bearer ${jwt}`)
    expect(JSON.parse(create.body ?? '')).toEqual({
      name: 'gha-octo-widgets-9876543210-2-deploy-7fffff',
      description:
        'Ephemeral key made by ibmcloud-iam-token-action for https://github.com/octo/widgets/actions/runs/9876543210/attempts/2; deleted by its post step, or expired by IAM.',
      iam_id: IAM_ID,
      account_id: ACCOUNT_ID,
      expires_at: '2026-02-20T18:01+0000',
      store_value: false
    })
    expect(JSON.parse(create.body ?? '').name).toBe('gha-octo-widgets-9876543210-2-deploy-7fffff')
  })

  it('asks for expires_at = now + ephemeral-key-ttl minutes, rounded up to the minute', async () => {
    const { transport } = await run({ 'ephemeral-key-ttl': '30' })
    expect(JSON.parse(transport.requests[1]?.body ?? '').expires_at).toBe('2026-02-20T12:31+0000')
    const onTheMinute = harness(
      { apikey: APIKEY, 'ephemeral-key': 'true', 'ephemeral-key-ttl': '5' },
      [
        jsonResponse(200, tokenBody(makeJwt(serviceIdClaims(Date.UTC(2026, 1, 20, 12))))),
        createdKeyResponse()
      ],
      { clock: fakeClock(Date.UTC(2026, 1, 20, 12)), env: RUN_ENV }
    )
    await runMain(onTheMinute.deps)
    expect(JSON.parse(onTheMinute.transport.requests[1]?.body ?? '').expires_at).toBe(
      '2026-02-20T12:05+0000'
    )
  })

  it('masks the key value before saving its id, and saves the id before publishing the value', async () => {
    const { runner } = await run()
    const mask = runner.indexOf('setSecret', { value: EPHEMERAL_VALUE })
    const savedId = runner.indexOf('saveState', { name: STATE.keyId })
    const writes = keyWrites(runner)
    expect(mask).toBeGreaterThanOrEqual(0)
    expect(savedId).toBeGreaterThan(mask)
    expect(writes).toHaveLength(2)
    for (const write of writes) expect(write).toBeGreaterThan(savedId)
    // Every piece of state is saved before anything at all is published.
    const lastState = runner.events.map((e) => e.kind).lastIndexOf('saveState')
    expect(lastState).toBeLessThan(runner.indexOf('setOutput'))
    expect(lastState).toBeLessThan(runner.indexOf('exportVariable'))
    // And the value is masked before any line is printed.
    expect(mask).toBeLessThan(runner.indexOf('info'))
  })

  it('saves the key id, its expiry and the endpoint for the post step, and nothing secret', async () => {
    const { runner } = await run()
    expect(runner.state).toEqual({
      [STATE.keyId]: KEY_ID,
      [STATE.keyExpiresAt]: String(Date.UTC(2026, 1, 20, 18, 1)),
      [STATE.endpoint]: 'https://iam.cloud.ibm.com'
    })
    expect(STATE).toEqual({
      keyId: 'ephemeral-key-id',
      keyExpiresAt: 'ephemeral-key-expires-at',
      endpoint: 'iam-endpoint'
    })
  })

  it("saves IAM's own expires_at when the answer has one", async () => {
    const { runner } = await run({}, createdKeyResponse({ expires_at: '2026-02-20T17:45+0000' }))
    expect(runner.state[STATE.keyExpiresAt]).toBe(String(Date.UTC(2026, 1, 20, 17, 45)))
  })

  it('saves the iam-endpoint it used', async () => {
    const { runner, transport } = await run({ 'iam-endpoint': 'http://127.0.0.1:4010' })
    expect(transport.requests[1]?.url).toBe('http://127.0.0.1:4010/v1/apikeys')
    expect(runner.state[STATE.endpoint]).toBe('http://127.0.0.1:4010')
  })

  it('sets the ephemeral-apikey and ephemeral-apikey-id outputs besides the token outputs', async () => {
    const { runner, jwt } = await run()
    expect(runner.outputs).toMatchObject({
      'ephemeral-apikey': EPHEMERAL_VALUE,
      'ephemeral-apikey-id': KEY_ID,
      token: jwt,
      authenticated: 'true'
    })
  })

  it('exports the key as IBMCLOUD_API_KEY next to the token', async () => {
    const { runner, jwt } = await run()
    expect(runner.env).toEqual({ IBMCLOUD_IAM_TOKEN: jwt, IBMCLOUD_API_KEY: EPHEMERAL_VALUE })
  })

  it('exports the key under ephemeral-key-env', async () => {
    const { runner, jwt } = await run({ 'ephemeral-key-env': 'IC_API_KEY' })
    expect(runner.env).toEqual({ IBMCLOUD_IAM_TOKEN: jwt, IC_API_KEY: EPHEMERAL_VALUE })
  })

  it('exports nothing at all with export-env: false, and still sets the outputs', async () => {
    const { runner } = await run({ 'export-env': 'false' })
    expect(runner.failed).toBeUndefined()
    expect(runner.count('exportVariable')).toBe(0)
    expect(runner.env).toEqual({})
    expect(runner.outputs['ephemeral-apikey']).toBe(EPHEMERAL_VALUE)
    expect(runner.outputs['ephemeral-apikey-id']).toBe(KEY_ID)
    expect(runner.printed().join('\n')).toContain('(output only)')
  })

  it('says in the log that the post step deletes the key, or that revoke is false', async () => {
    const { runner } = await run()
    expect(runner.printed().join('\n')).toContain(
      `Created ephemeral API key ${KEY_ID}, exported as $IBMCLOUD_API_KEY; the post step deletes it`
    )
    const kept = await run({ revoke: 'false' })
    expect(kept.runner.printed().join('\n')).toMatch(/revoke is false, so IAM expires it at/)
  })

  it('never prints the key value, not even before masking, nor puts it in the summary', async () => {
    const { runner } = await run()
    const log = runner.printed({ unmasked: true }).join('\n')
    expect(log).not.toContain(EPHEMERAL_VALUE)
    expect(log).not.toContain(APIKEY)
    expect(runner.summaries).toHaveLength(1)
    expect(runner.summaries[0]).toContain(KEY_ID)
    expect(runner.summaries[0]).not.toContain(EPHEMERAL_VALUE)
  })

  it('makes no key without ephemeral-key: true', async () => {
    const jwt = makeJwt(serviceIdClaims(NOW))
    const h = harness({ apikey: APIKEY }, [jsonResponse(200, tokenBody(jwt))], {
      clock: fakeClock(NOW),
      env: RUN_ENV
    })
    await runMain(h.deps)
    expect(h.runner.failed).toBeUndefined()
    expect(h.transport.requests).toHaveLength(1)
    expect(h.runner.count('saveState')).toBe(0)
    expect(h.runner.outputs['ephemeral-apikey']).toBeUndefined()
  })
})
