import { run as runMain } from '../src/main.js'
import type { HttpResponse } from '../src/iam/http.js'
import {
  NOW,
  APIKEY,
  fakeClock,
  harness,
  jsonResponse,
  makeJwt,
  serviceIdClaims,
  textResponse
} from './helpers/fakes.js'

async function run(response: HttpResponse) {
  const h = harness({ apikey: APIKEY }, [response], { clock: fakeClock(NOW) })
  await runMain(h.deps)
  return h
}

describe('main step, a 200 that is not a usable token', () => {
  it('fails on a missing access_token, writing nothing', async () => {
    const { runner } = await run(jsonResponse(200, { token_type: 'Bearer', expires_in: 3600 }))
    expect(runner.failed).toMatch(/without an access_token/)
    expect(runner.count('setOutput')).toBe(0)
    expect(runner.count('exportVariable')).toBe(0)
  })

  it('fails on an access_token that is not a JWT, masking it first and never showing it', async () => {
    const opaque = 'opaque-access-token-7e3b9c1d2f4a'
    const { runner } = await run(
      jsonResponse(200, { access_token: opaque, expires_in: 3600, expiration: 1771544571 })
    )
    expect(runner.failed).toMatch(/not a JWT/)
    const mask = runner.indexOf('setSecret', { value: opaque })
    expect(mask).toBeGreaterThanOrEqual(0)
    expect(mask).toBeLessThan(runner.indexOf('setFailed'))
    expect(runner.printed({ unmasked: true }).join('\n')).not.toContain(opaque)
    expect(runner.count('setOutput')).toBe(0)
  })

  it('fails on a token without expiry, after masking it', async () => {
    const jwt = makeJwt(serviceIdClaims(NOW, { exp: undefined }))
    const { runner } = await run(jsonResponse(200, { access_token: jwt }))
    expect(runner.failed).toMatch(/without an expiry/)
    expect(runner.secrets).toContain(jwt)
    expect(runner.count('setOutput')).toBe(0)
  })

  it('fails on an HTML page answered with 200', async () => {
    const { runner } = await run(textResponse(200, '<html><body>Sign in</body></html>'))
    expect(runner.failed).toMatch(/not JSON/)
    expect(runner.failed).toMatch(/iam-endpoint/)
  })
})
