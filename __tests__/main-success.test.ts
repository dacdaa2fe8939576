import { run as runMain } from '../src/main.js'
import { APIKEY_GRANT as GRANT_APIKEY } from '../src/credentials/apikey.js'

const APIKEY_GRANT = GRANT_APIKEY
import {
  ACCOUNT_ID,
  APIKEY,
  fakeClock,
  formFields,
  harness,
  IAM_ID,
  jsonResponse,
  makeJwt,
  serviceIdClaims,
  tokenBody,
  type RecordingRunner
} from './helpers/fakes.js'

const NOW = Date.UTC(2026, 1, 20, 12, 0, 0)
const EXP = Math.floor(NOW / 1000) + 3600

async function succeed(inputs: Record<string, string> = {}) {
  const jwt = makeJwt(serviceIdClaims(NOW))
  const h = harness({ apikey: APIKEY, ...inputs }, [jsonResponse(200, tokenBody(jwt))], {
    clock: fakeClock(NOW)
  })
  await runMain(h.deps)
  return { ...h, jwt }
}

/** Index of the first event that could carry the token into a log, output or env. */
function firstWriteIndex(runner: RecordingRunner): number {
  const idx = runner.events.findIndex((e) =>
    ['setOutput', 'exportVariable', 'info', 'notice', 'warning', 'summary', 'setFailed'].includes(
      e.kind
    )
  )
  expect(idx).toBeGreaterThanOrEqual(0)
  return idx
}

describe('main step, success', () => {
  it('succeeds with exactly one token request', async () => {
    const { runner, transport } = await succeed()
    expect(runner.failed).toBeUndefined()
    expect(transport.requests).toHaveLength(1)
    expect(transport.requests[0]?.url).toBe('https://iam.cloud.ibm.com/identity/token')
    expect(formFields(transport.requests[0]?.body)).toEqual({
      grant_type: APIKEY_GRANT,
      apikey: APIKEY,
      response_type: 'cloud_iam'
    })
  })

  it('sets every output', async () => {
    const { runner, jwt } = await succeed()
    expect(runner.outputs).toEqual(
      expect.objectContaining({
        token: jwt,
        authorization: `Bearer ${jwt}`,
        'token-type': 'Bearer',
        'expires-in': '3600',
        expiration: String(EXP),
        'expires-at': new Date(EXP * 1000).toISOString(),
        'account-id': ACCOUNT_ID,
        'iam-id': IAM_ID,
        'iam-endpoint': 'https://iam.cloud.ibm.com',
        authenticated: 'true'
      })
    )
    expect(runner.outputs.token).not.toMatch(/^Bearer /)
    expect(runner.outputs['expires-at']).toBe('2026-02-20T13:00:00.000Z')
  })

  it('exports the raw token as IBMCLOUD_IAM_TOKEN by default', async () => {
    const { runner, jwt } = await succeed()
    expect(runner.env).toEqual({ IBMCLOUD_IAM_TOKEN: jwt })
  })

  it('exports under env-name, and says so by name in the log', async () => {
    const { runner, jwt } = await succeed({ 'env-name': 'IC_IAM_TOKEN' })
    expect(runner.env).toEqual({ IC_IAM_TOKEN: jwt })
    expect(runner.printed()).toContain(
      'Exported the token as $IC_IAM_TOKEN (IAM tokens last at most an hour).'
    )
  })

  it('exports nothing with export-env: false, but still sets the outputs', async () => {
    const { runner, jwt } = await succeed({ 'export-env': 'false' })
    expect(runner.count('exportVariable')).toBe(0)
    expect(runner.env).toEqual({})
    expect(runner.printed().join('\n')).not.toContain('Exported the token')
    expect(runner.outputs.token).toBe(jwt)
    expect(runner.failed).toBeUndefined()
  })

  it('uses iam-endpoint for the request and the iam-endpoint output', async () => {
    const { runner, transport } = await succeed({ 'iam-endpoint': 'http://127.0.0.1:4010/' })
    expect(transport.requests[0]?.url).toBe('http://127.0.0.1:4010/identity/token')
    expect(runner.outputs['iam-endpoint']).toBe('http://127.0.0.1:4010')
  })

  it('passes timeout-seconds to the transport', async () => {
    const { transportOptions } = await succeed({ 'timeout-seconds': '12' })
    expect(transportOptions).toEqual([{ timeoutMs: 12_000 }])
  })
})

describe('main step, masking', () => {
  it('masks the API key, as given and trimmed, before anything else', async () => {
    const raw = `${APIKEY}\n`
    const { runner, transport } = await succeed({ apikey: raw })
    expect(runner.events[0]).toEqual({ kind: 'setSecret', value: raw })
    const keyMask = runner.indexOf('setSecret', { value: APIKEY })
    expect(keyMask).toBeGreaterThanOrEqual(0)
    const firstOther = runner.events.findIndex((e) => e.kind !== 'setSecret')
    expect(keyMask).toBeLessThan(firstOther)
    // A key pasted with a trailing newline works: IAM gets the trimmed key.
    expect(formFields(transport.requests[0]?.body).apikey).toBe(APIKEY)
    expect(runner.failed).toBeUndefined()
  })

  it('masks the access token before any output, env or log line', async () => {
    const { runner, jwt } = await succeed()
    const tokenMask = runner.indexOf('setSecret', { value: jwt })
    expect(tokenMask).toBeGreaterThanOrEqual(0)
    expect(tokenMask).toBeLessThan(firstWriteIndex(runner))
    expect(tokenMask).toBeLessThan(runner.indexOf('setOutput'))
    expect(tokenMask).toBeLessThan(runner.indexOf('exportVariable'))
    expect(tokenMask).toBeLessThan(runner.indexOf('info'))
  })

  it('never prints the token or the key, not even unmasked', async () => {
    const { runner, jwt } = await succeed({ apikey: `  ${APIKEY}  ` })
    const log = runner.printed({ unmasked: true }).join('\n')
    expect(log).not.toContain(jwt)
    expect(log).not.toContain(APIKEY)
    expect(runner.printed().join('\n')).not.toContain(jwt)
  })

  it("does not mask IAM's 'not_supported' refresh token", async () => {
    const { runner } = await succeed()
    expect(runner.secrets).not.toContain('not_supported')
  })

  it('masks a real refresh token', async () => {
    const jwt = makeJwt(serviceIdClaims(NOW))
    const refresh = 'real-refresh-token-0123456789abcdef'
    const h = harness(
      { apikey: APIKEY },
      [jsonResponse(200, tokenBody(jwt, { refresh_token: refresh }))],
      { clock: fakeClock(NOW) }
    )
    await runMain(h.deps)
    const refreshMask = h.runner.indexOf('setSecret', { value: refresh })
    expect(refreshMask).toBeGreaterThanOrEqual(0)
    expect(refreshMask).toBeLessThan(firstWriteIndex(h.runner))
    expect(Object.values(h.runner.outputs)).not.toContain(refresh)
  })
})

describe('main step, log and job summary', () => {
  it('says who authenticated, in which account and until when', async () => {
    const { runner } = await succeed()
    expect(runner.printed()).toContain(
      `Authenticated to IBM Cloud as ci-deployer (${IAM_ID}) in account ${ACCOUNT_ID}; ` +
        'the token expires at 2026-02-20T13:00:00.000Z.'
    )
  })

  it('names the identity by its IAM id when the token has no name', async () => {
    const jwt = makeJwt(serviceIdClaims(NOW, { name: undefined }))
    const h = harness({ apikey: APIKEY }, [jsonResponse(200, tokenBody(jwt))], {
      clock: fakeClock(NOW)
    })
    await runMain(h.deps)
    expect(h.runner.printed()).toContain(
      `Authenticated to IBM Cloud as ${IAM_ID} (${IAM_ID}) in account ${ACCOUNT_ID}; ` +
        'the token expires at 2026-02-20T13:00:00.000Z.'
    )
  })

  it('says in the debug log which credential it exchanges, and where', async () => {
    const { runner } = await succeed()
    expect(runner.printed()).toContain(
      '::debug::Getting an IAM token (apikey) from https://iam.cloud.ibm.com'
    )
  })

  it('writes a job summary with identity, account, endpoint and expiry, and no token', async () => {
    const { runner, jwt } = await succeed()
    expect(runner.summaries).toHaveLength(1)
    const md = runner.summaries[0] ?? ''
    expect(md).toContain(IAM_ID)
    expect(md).toContain(ACCOUNT_ID)
    expect(md).toContain('https://iam.cloud.ibm.com')
    expect(md).toContain('2026-02-20T13:00:00.000Z')
    expect(md).toMatch(/^\| .* \| .* \|$/m)
    expect(md).not.toContain(jwt)
    expect(md).not.toContain(APIKEY)
  })

  it('still succeeds when the job summary cannot be written', async () => {
    const jwt = makeJwt(serviceIdClaims(NOW))
    const h = harness({ apikey: APIKEY }, [jsonResponse(200, tokenBody(jwt))], {
      clock: fakeClock(NOW)
    })
    h.runner.summaryError = new Error('GITHUB_STEP_SUMMARY is not set')
    await runMain(h.deps)
    expect(h.runner.failed).toBeUndefined()
    expect(h.runner.printed()).toContain(
      '::debug::No job summary written: GITHUB_STEP_SUMMARY is not set'
    )
    expect(h.runner.outputs.token).toBe(jwt)
    expect(h.runner.outputs.authenticated).toBe('true')
  })

  it('computes expires-in from the clock when IAM leaves it out', async () => {
    const jwt = makeJwt(serviceIdClaims(NOW, { exp: Math.floor(NOW / 1000) + 1800 }))
    const h = harness({ apikey: APIKEY }, [jsonResponse(200, { access_token: jwt })], {
      clock: fakeClock(NOW)
    })
    await runMain(h.deps)
    expect(h.runner.failed).toBeUndefined()
    expect(h.runner.outputs['expires-in']).toBe('1800')
    expect(h.runner.outputs['token-type']).toBe('Bearer')
  })
})
