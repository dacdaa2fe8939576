import { run as runMain } from '../src/main.js'
import {
  NOW,
  ACCOUNT_ID,
  APIKEY,
  fakeClock,
  harness,
  header,
  jsonResponse,
  makeJwt,
  serviceIdClaims,
  tokenBody,
  wrongKeyResponse
} from './helpers/fakes.js'

const OTHER_ACCOUNT = 'ffffeeeeddddccccbbbbaaaa99998888'

async function run(accountInput: string | undefined, bss: string | undefined) {
  const claims = serviceIdClaims(NOW, { account: bss === undefined ? undefined : { bss } })
  const jwt = makeJwt(claims)
  const inputs: Record<string, string> = { apikey: APIKEY }
  if (accountInput !== undefined) inputs['account-id'] = accountInput
  const h = harness(inputs, [jsonResponse(200, tokenBody(jwt))], { clock: fakeClock(NOW) })
  await runMain(h.deps)
  return { ...h, jwt }
}

describe('main step, account-id pinning', () => {
  it('sends IBM-Cloud-Tenant and succeeds when the token is for the pinned account', async () => {
    const { runner, transport } = await run(ACCOUNT_ID, ACCOUNT_ID)
    expect(runner.failed).toBeUndefined()
    expect(header(transport.requests[0]!.headers, 'IBM-Cloud-Tenant')).toBe(ACCOUNT_ID)
    expect(runner.outputs['account-id']).toBe(ACCOUNT_ID)
    expect(runner.outputs.authenticated).toBe('true')
  })

  it('sends no IBM-Cloud-Tenant without account-id', async () => {
    const { transport } = await run(undefined, ACCOUNT_ID)
    expect(header(transport.requests[0]!.headers, 'IBM-Cloud-Tenant')).toBeUndefined()
  })

  it('fails naming both accounts when the token is for another one', async () => {
    const { runner } = await run(ACCOUNT_ID, OTHER_ACCOUNT)
    expect(runner.failed).toContain(ACCOUNT_ID)
    expect(runner.failed).toContain(OTHER_ACCOUNT)
    expect(runner.failed).toMatch(/account-id/)
  })

  it('writes no outputs and no env on a mismatch, but still masks the token', async () => {
    const { runner, jwt } = await run(ACCOUNT_ID, OTHER_ACCOUNT)
    expect(runner.count('setOutput')).toBe(0)
    expect(runner.count('exportVariable')).toBe(0)
    expect(runner.count('summary')).toBe(0)
    const mask = runner.indexOf('setSecret', { value: jwt })
    expect(mask).toBeGreaterThanOrEqual(0)
    expect(mask).toBeLessThan(runner.indexOf('setFailed'))
    expect(runner.failed).not.toContain(jwt)
  })

  it('fails when the token names no account at all', async () => {
    const { runner } = await run(ACCOUNT_ID, undefined)
    expect(runner.failed).toMatch(/none in the token/)
    expect(runner.count('setOutput')).toBe(0)
  })

  it('adds the pinned account to a wrong-key error', async () => {
    const h = harness({ apikey: APIKEY, 'account-id': ACCOUNT_ID }, [wrongKeyResponse()])
    await runMain(h.deps)
    expect(h.runner.failed).toMatch(
      new RegExp(`account-id pins account ${ACCOUNT_ID}: check that the key belongs`)
    )
  })
})
