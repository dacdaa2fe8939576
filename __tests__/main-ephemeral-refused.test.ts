import { run as runMain } from '../src/main.js'
import { advise } from '../src/advice.js'
import type { HttpResponse } from '../src/iam/http.js'
import {
  NOW,
  APIKEY,
  fakeClock,
  harness,
  jsonResponse,
  makeJwt,
  networkError,
  serviceIdClaims,
  textResponse,
  tokenBody,
  type RecordingRunner
} from './helpers/fakes.js'
import { createdKeyResponse, EPHEMERAL_VALUE, identityError, RUN_ENV } from './helpers/identity.js'

async function run(created: (HttpResponse | Error)[], inputs: Record<string, string> = {}) {
  const jwt = makeJwt(serviceIdClaims(NOW))
  const h = harness(
    { apikey: APIKEY, 'ephemeral-key': 'true', ...inputs },
    [jsonResponse(200, tokenBody(jwt)), ...created],
    { clock: fakeClock(NOW), env: RUN_ENV }
  )
  await runMain(h.deps)
  return { ...h, jwt }
}

/** The step failed and left nothing behind for later steps or the post step. */
function expectNothingPublished(runner: RecordingRunner): void {
  expect(runner.failed).toBeDefined()
  expect(runner.count('setOutput')).toBe(0)
  expect(runner.outputs).toEqual({})
  expect(runner.count('exportVariable')).toBe(0)
  expect(runner.env).toEqual({})
  expect(runner.count('saveState')).toBe(0)
  expect(runner.state).toEqual({})
  expect(runner.summaries).toEqual([])
}

describe('main step, IAM refuses to create the ephemeral key', () => {
  it('403: fails with the Operator-role advice and publishes nothing, not even the token', async () => {
    const { runner, transport, clock, jwt } = await run([
      identityError(403, 'BXNIM0513E', 'trace-create-403', 'You are not authorized.')
    ])
    expectNothingPublished(runner)
    expect(transport.requests).toHaveLength(2)
    expect(clock.sleeps).toEqual([])
    const message = runner.failed ?? ''
    expect(message).toContain('API key creation failed after 1 attempt: HTTP 403')
    expect(message).toContain('BXNIM0513E')
    expect(message).toMatch(/Operator \(or Administrator\) role on the IAM Identity Service/)
    expect(message).toContain('ephemeral-key: false')
    expect(message).toContain('trace-create-403')
    expect(message).not.toContain(jwt)
  })

  it('5xx or a lost answer: not retried (IAM may have made the key), says why', async () => {
    const reset = networkError('ECONNRESET', 'socket hang up')
    for (const failure of [identityError(503, 'BXNIM0999E', 'trace-503'), reset]) {
      const { runner, transport, clock } = await run([failure, createdKeyResponse()], {
        'max-attempts': '5'
      })
      expectNothingPublished(runner)
      expect(transport.requests).toHaveLength(2)
      expect(clock.sleeps).toEqual([])
      expect(runner.failed).toMatch(
        /IAM may have created the key before failing, so it was not retried/
      )
    }
  })

  it('429 or a refused connection: nothing was created, so it is retried', async () => {
    const refused = networkError('ECONNREFUSED', 'connect ECONNREFUSED')
    const { runner, transport } = await run([
      identityError(429, 'BXNIM0429E', 'trace-429'),
      refused,
      createdKeyResponse()
    ])
    expect(runner.failed).toBeUndefined()
    expect(transport.requests.map((r) => r.method)).toEqual(['POST', 'POST', 'POST', 'POST'])
    expect(runner.outputs['ephemeral-apikey']).toBe(EPHEMERAL_VALUE)
  })

  it('401: the token was refused (missing, expired, invalid), not a missing role', async () => {
    const { runner } = await run([identityError(401, 'BXNIM0308E', 'trace-401')])
    expectNothingPublished(runner)
    expect(runner.failed).toContain(advise('tokenRefused'))
    expect(runner.failed).not.toMatch(/IAM Identity Service|Operator/)
  })

  it('400 BXNIM0110E: a malformed field, not a key limit', async () => {
    const { runner, transport } = await run([
      identityError(400, 'BXNIM0110E', 'trace-110', 'Invalid value for expires_at.')
    ])
    expectNothingPublished(runner)
    expect(transport.requests).toHaveLength(2)
    expect(runner.failed).toContain(advise('invalidValue'))
    expect(runner.failed).not.toContain(advise('keyLimit'))
  })

  it('400: fails with the key-limit advice, after a single attempt', async () => {
    const { runner, transport, clock } = await run(
      [identityError(400, 'BXNIM0507E', 'trace-400', 'Limit reached.'), createdKeyResponse()],
      { 'max-attempts': '5' }
    )
    expectNothingPublished(runner)
    expect(transport.requests).toHaveLength(2)
    expect(transport.remaining()).toBe(1)
    expect(clock.sleeps).toEqual([])
    expect(runner.failed).toContain('HTTP 400')
    expect(runner.failed).toMatch(/a limit on API keys may be reached/)
    expect(runner.failed).toContain('sweep-stale-keys: true')
  })

  it('a 201 without an id: the value is masked, the step fails, nothing is published', async () => {
    const { runner } = await run([createdKeyResponse({ id: undefined })])
    expectNothingPublished(runner)
    const mask = runner.indexOf('setSecret', { value: EPHEMERAL_VALUE })
    expect(mask).toBeGreaterThanOrEqual(0)
    expect(mask).toBeLessThan(runner.indexOf('setFailed'))
    expect(runner.failed).toMatch(/without a key id and value/)
    expect(runner.printed({ unmasked: true }).join('\n')).not.toContain(EPHEMERAL_VALUE)
  })

  it('a 201 that is not JSON: fails without publishing', async () => {
    const { runner } = await run([textResponse(201, '<html>ok</html>')])
    expectNothingPublished(runner)
  })

  it('a token exchange failure: no creation is attempted', async () => {
    const h = harness(
      { apikey: APIKEY, 'ephemeral-key': 'true', 'max-attempts': '1' },
      [textResponse(503, 'down')],
      { clock: fakeClock(NOW), env: RUN_ENV }
    )
    await runMain(h.deps)
    expectNothingPublished(h.runner)
    expect(h.transport.requests).toHaveLength(1)
  })
})

describe('main step, ephemeral-key configuration', () => {
  it('refuses env-name equal to ephemeral-key-env before any request', async () => {
    const h = harness(
      { apikey: APIKEY, 'ephemeral-key': 'true', 'env-name': 'IBMCLOUD_API_KEY' },
      [],
      { clock: fakeClock(NOW), env: RUN_ENV }
    )
    await runMain(h.deps)
    expect(h.runner.failed).toBe(
      'env-name and ephemeral-key-env are both IBMCLOUD_API_KEY: give them different names.'
    )
    expect(h.transport.requests).toEqual([])
    expectNothingPublished(h.runner)
  })

  it('refuses both set to the same custom name', async () => {
    const h = harness(
      { apikey: APIKEY, 'ephemeral-key': 'true', 'env-name': 'IC_X', 'ephemeral-key-env': 'IC_X' },
      [],
      { clock: fakeClock(NOW), env: RUN_ENV }
    )
    await runMain(h.deps)
    expect(h.runner.failed).toMatch(/both IC_X/)
    expect(h.transport.requests).toEqual([])
  })

  it('allows the same name when nothing is exported (export-env: false)', async () => {
    const { runner } = await run([createdKeyResponse()], {
      'env-name': 'IBMCLOUD_API_KEY',
      'export-env': 'false'
    })
    expect(runner.failed).toBeUndefined()
    expect(runner.count('exportVariable')).toBe(0)
  })

  it('refuses a reserved ephemeral-key-env', async () => {
    const h = harness(
      { apikey: APIKEY, 'ephemeral-key': 'true', 'ephemeral-key-env': 'PATH' },
      [],
      {
        clock: fakeClock(NOW),
        env: RUN_ENV
      }
    )
    await runMain(h.deps)
    expect(h.runner.failed).toMatch(/ephemeral-key-env "PATH" is reserved/)
    expect(h.transport.requests).toEqual([])
  })

  it.each(['4', '1441', 'six hours'])('refuses ephemeral-key-ttl %p', async (ttl) => {
    const h = harness({ apikey: APIKEY, 'ephemeral-key': 'true', 'ephemeral-key-ttl': ttl }, [], {
      clock: fakeClock(NOW),
      env: RUN_ENV
    })
    await runMain(h.deps)
    expect(h.runner.failed).toMatch(/ephemeral-key-ttl must be a whole number from 5 to 1440/)
    expect(h.transport.requests).toEqual([])
  })
})
