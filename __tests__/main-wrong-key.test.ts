import { run as runMain } from '../src/main.js'
import {
  APIKEY,
  harness,
  jsonResponse,
  makeJwt,
  serviceIdClaims,
  tokenBody,
  wrongKeyResponse
} from './helpers/fakes.js'

const ok = jsonResponse(200, tokenBody(makeJwt(serviceIdClaims(Date.now()))))

describe('main step, wrong API key (400 BXNIM0415E)', () => {
  async function wrongKey(response = wrongKeyResponse('7c1f0e0a-0415-4d2b-b0b0-requestid')) {
    const h = harness({ apikey: APIKEY }, [response, ok])
    await runMain(h.deps)
    return h
  }

  it('fails after a single request: a wrong key is never retried', async () => {
    const { runner, transport, clock } = await wrongKey()
    expect(runner.failed).toBeDefined()
    expect(transport.requests).toHaveLength(1)
    expect(clock.sleeps).toEqual([])
  })

  it('explains what is wrong and what to do, with code, message and request id', async () => {
    const { runner } = await wrongKey()
    const message = runner.failed ?? ''
    expect(message).toContain('BXNIM0415E')
    expect(message).toContain('Provided API key could not be found.')
    expect(message).toContain('7c1f0e0a-0415-4d2b-b0b0-requestid')
    expect(message).toMatch(/deleted/)
    expect(message).toMatch(/Check the secret passed as `apikey`/)
    expect(message).toContain('after 1 attempt:')
  })

  it('uses the Transaction-Id header as the request id when the body has none', async () => {
    const { runner } = await wrongKey(
      jsonResponse(
        400,
        { errorCode: 'BXNIM0415E', errorMessage: 'Provided API key could not be found.' },
        { 'Transaction-Id': 'tx-from-header-123' }
      )
    )
    expect(runner.failed).toContain('tx-from-header-123')
  })

  it('writes no outputs and no env', async () => {
    const { runner } = await wrongKey()
    expect(runner.count('setOutput')).toBe(0)
    expect(runner.count('exportVariable')).toBe(0)
  })

  it('never shows the key, even when the error body echoes it', async () => {
    const { runner } = await wrongKey(
      jsonResponse(400, {
        errorCode: 'BXNIM0415E',
        errorMessage: 'Provided API key could not be found.',
        errorDetails: `apikey ${APIKEY} unknown; form was apikey=${encodeURIComponent(APIKEY)}`
      })
    )
    expect(runner.failed).toBeDefined()
    expect(runner.failed).not.toContain(APIKEY)
    expect(runner.printed({ unmasked: true }).join('\n')).not.toContain(APIKEY)
    expect(runner.secrets[0]).toBe(APIKEY)
  })

  it.each([401, 403, 404])('does not retry HTTP %d either', async (status) => {
    const { runner, transport } = await wrongKey(
      jsonResponse(status, { errorCode: 'BXNIM0000E', errorMessage: 'nope' })
    )
    expect(transport.requests).toHaveLength(1)
    expect(runner.failed).toContain(`HTTP ${status}`)
  })
})
