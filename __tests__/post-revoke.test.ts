import { run as runPost } from '../src/post.js'
import { STATE } from '../src/ephemeral/issue.js'
import type { HttpResponse } from '../src/iam/http.js'
import { APIKEY_GRANT as GRANT_APIKEY } from '../src/credentials/apikey.js'

const APIKEY_GRANT = GRANT_APIKEY
import {
  ACCOUNT_ID,
  APIKEY,
  fakeClock,
  formFields,
  header,
  jsonResponse,
  makeJwt,
  serviceIdClaims,
  tokenBody
} from './helpers/fakes.js'
import {
  ENDPOINT,
  identityError,
  KEY_ID,
  noContent,
  ownKeyResponse,
  postHarness,
  savedKeyState
} from './helpers/identity.js'

/** Three hours into the job: the main step's token is long gone. */
const NOW = Date.UTC(2026, 1, 20, 15, 0, 0)
const EXPIRES = Date.UTC(2026, 1, 20, 18, 1)

async function post(
  deleted: HttpResponse,
  inputs: Record<string, string> = {},
  state: Record<string, string> = {}
) {
  const jwt = makeJwt(serviceIdClaims(NOW))
  const h = postHarness(
    { apikey: APIKEY, 'ephemeral-key': 'true', ...inputs },
    savedKeyState(EXPIRES, state),
    [jsonResponse(200, tokenBody(jwt)), ownKeyResponse(), deleted],
    fakeClock(NOW)
  )
  await runPost(h.deps)
  return { ...h, jwt }
}

describe('post step, revoking the ephemeral key', () => {
  it('exchanges the apikey input for a fresh token, then DELETEs the key with it', async () => {
    const { runner, transport, jwt } = await post(noContent())
    expect(transport.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      `POST ${ENDPOINT}/identity/token`,
      `GET ${ENDPOINT}/v1/apikeys/${KEY_ID}`,
      `DELETE ${ENDPOINT}/v1/apikeys/${KEY_ID}`
    ])
    expect(formFields(transport.requests[0]?.body)).toMatchObject({
      grant_type: APIKEY_GRANT,
      apikey: APIKEY
    })
    expect(header(transport.requests[1]!.headers, 'Authorization')).toBe(`Bearer ${jwt}`)
    expect(header(transport.requests[2]!.headers, 'Authorization')).toBe(`Bearer ${jwt}`)
    expect(runner.failed).toBeUndefined()
    expect(runner.count('warning')).toBe(0)
  })

  it("prints one line: 'Revoked ephemeral API key <id>.'", async () => {
    const { runner } = await post(noContent())
    expect(runner.printed()).toEqual([`Revoked ephemeral API key ${KEY_ID}.`])
  })

  it("on a 404 to the DELETE says the key 'was deleted meanwhile', without a warning", async () => {
    const { runner } = await post(identityError(404, 'BXNIM0102E', 'trace-404'))
    expect(runner.printed()).toEqual([`Ephemeral API key ${KEY_ID} was deleted meanwhile.`])
    expect(runner.failed).toBeUndefined()
  })

  // Was: 'talks to the endpoint the main step saved'. GITHUB_STATE can be written by any
  // step of the job (issue 8): the API key goes only to the endpoint the inputs name.
  it('talks to the endpoint the inputs give, and warns about a different saved one', async () => {
    const { transport, runner } = await post(
      noContent(),
      { region: 'eu-de', private: 'true' },
      { [STATE.endpoint]: 'http://127.0.0.1:4010' }
    )
    expect(transport.requests.map((r) => r.url)).toEqual([
      'https://private.eu-de.iam.cloud.ibm.com/identity/token',
      `https://private.eu-de.iam.cloud.ibm.com/v1/apikeys/${KEY_ID}`,
      `https://private.eu-de.iam.cloud.ibm.com/v1/apikeys/${KEY_ID}`
    ])
    expect(runner.events.filter((e) => e.kind === 'warning').map((e) => e.value)).toEqual([
      'GITHUB_STATE names IAM endpoint "http://127.0.0.1:4010", not ' +
        'https://private.eu-de.iam.cloud.ibm.com as the inputs do: it was ignored. Another step ' +
        'may have written GITHUB_STATE.'
    ])
  })

  it('falls back to the inputs when no endpoint was saved', async () => {
    const { transport } = await post(
      noContent(),
      { 'iam-endpoint': 'https://iam.test.cloud.ibm.com' },
      { [STATE.endpoint]: '' }
    )
    expect(transport.requests[1]?.url).toBe(`https://iam.test.cloud.ibm.com/v1/apikeys/${KEY_ID}`)
  })

  it('pins the account with IBM-Cloud-Tenant when account-id is set', async () => {
    const { transport, runner } = await post(noContent(), { 'account-id': ACCOUNT_ID })
    expect(header(transport.requests[0]!.headers, 'IBM-Cloud-Tenant')).toBe(ACCOUNT_ID)
    expect(runner.printed()).toEqual([`Revoked ephemeral API key ${KEY_ID}.`])
  })

  it('masks the apikey input before anything else, and the fresh token before any line', async () => {
    const { runner, jwt } = await post(noContent(), { apikey: `${APIKEY}\n` })
    expect(runner.events[0]).toEqual({ kind: 'setSecret', value: `${APIKEY}\n` })
    expect(runner.indexOf('setSecret', { value: APIKEY })).toBeLessThan(
      runner.events.findIndex((e) => e.kind !== 'setSecret')
    )
    const tokenMask = runner.indexOf('setSecret', { value: jwt })
    expect(tokenMask).toBeGreaterThanOrEqual(0)
    expect(tokenMask).toBeLessThan(runner.indexOf('info'))
  })

  it('sets no output, exports nothing and saves no state', async () => {
    const { runner } = await post(noContent())
    expect(runner.count('setOutput')).toBe(0)
    expect(runner.count('exportVariable')).toBe(0)
    expect(runner.count('saveState')).toBe(0)
  })

  it('prints neither the apikey nor the token', async () => {
    const { runner, jwt } = await post(noContent())
    const log = runner.printed({ unmasked: true }).join('\n')
    expect(log).not.toContain(APIKEY)
    expect(log).not.toContain(jwt)
  })
})
