import { run as runMain } from '../src/main.js'
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
  tokenBody
} from './helpers/fakes.js'

/** Stands for IAM's 200 with a fresh token (built per test). */
const OK: HttpResponse = { status: 200, headers: {}, body: 'placeholder' }

async function run(
  responses: (HttpResponse | Error)[],
  inputs: Record<string, string> = {},
  randoms = [0.5]
) {
  const jwt = makeJwt(serviceIdClaims(NOW))
  const all = responses.map((r) => (r === OK ? jsonResponse(200, tokenBody(jwt)) : r))
  const h = harness({ apikey: APIKEY, ...inputs }, all, { clock: fakeClock(NOW, randoms) })
  await runMain(h.deps)
  return { ...h, jwt }
}

const PROXY_504 =
  '<html>\r\n<head><title>504 Gateway Time-out</title></head>\r\n<body>\r\n' +
  '<center><h1>504 Gateway Time-out</h1></center>\r\n<hr><center>nginx/1.25.3</center>\r\n' +
  `${'<!-- a padding comment to make the page longer -->\r\n'.repeat(12)}</body>\r\n</html>\r\n`

describe('main step, retries', () => {
  it('succeeds after 503, 503, 200: three requests, two sleeps', async () => {
    const { runner, transport, clock, jwt } = await run([
      textResponse(503, 'Service Unavailable'),
      textResponse(503, 'Service Unavailable'),
      OK
    ])
    expect(runner.failed).toBeUndefined()
    expect(runner.outputs.token).toBe(jwt)
    expect(transport.requests).toHaveLength(3)
    expect(clock.sleeps).toHaveLength(2)
    // Every attempt sends the same request.
    expect(new Set(transport.requests.map((r) => r.body)).size).toBe(1)
    const log = runner.printed().join('\n')
    expect(log).toMatch(/HTTP 503 on attempt 1 of 5/)
    expect(log).toMatch(/HTTP 503 on attempt 2 of 5/)
  })

  it('honours a 429 Retry-After in seconds as a floor and adds the 429 jitter (up to 3.5 s)', async () => {
    const { runner, clock } = await run(
      [textResponse(429, '', { 'Retry-After': '20' }), OK],
      {},
      [0.25]
    )
    expect(runner.failed).toBeUndefined()
    expect(clock.sleeps).toHaveLength(1)
    expect(clock.sleeps[0]).toBeGreaterThanOrEqual(20_000)
    expect(clock.sleeps[0]).toBe(20_000 + 0.25 * 3500)
  })

  it('honours a 429 Retry-After given as an HTTP date', async () => {
    const when = new Date(NOW + 8000).toUTCString()
    const { runner, clock } = await run(
      [textResponse(429, '', { 'Retry-After': when }), OK],
      {},
      [0.1]
    )
    expect(runner.failed).toBeUndefined()
    expect(clock.sleeps[0]).toBeGreaterThanOrEqual(8000)
    expect(clock.sleeps[0]).toBe(8000 + 0.1 * 3500)
  })

  it('caps Retry-After at 30 s', async () => {
    const { clock } = await run([textResponse(429, '', { 'Retry-After': '86400' }), OK], {}, [0])
    expect(clock.sleeps).toEqual([30_000])
  })

  it('gives up after max-attempts with a message naming the attempts', async () => {
    const { runner, transport, clock } = await run(
      [
        textResponse(503, 'Service Unavailable'),
        textResponse(503, 'Service Unavailable'),
        textResponse(503, 'Service Unavailable'),
        OK
      ],
      { 'max-attempts': '3' }
    )
    expect(transport.requests).toHaveLength(3)
    expect(clock.sleeps).toHaveLength(2)
    expect(runner.failed).toContain('after 3 attempts')
    expect(runner.failed).toContain('HTTP 503')
    expect(runner.failed).toMatch(/IAM kept failing for 3 attempt/)
    expect(runner.count('setOutput')).toBe(0)
  })

  it('summarises an HTML 504 from a proxy in a short, tag-free message', async () => {
    const { runner } = await run([textResponse(504, PROXY_504)], { 'max-attempts': '1' })
    const message = runner.failed ?? ''
    expect(message).toContain('HTTP 504')
    expect(message).toContain('504 Gateway Time-out')
    expect(message).not.toMatch(/[<>]/)
    expect(message).not.toContain('\r')
    expect(message).not.toContain('padding comment')
  })

  it('does not retry 501', async () => {
    const { runner, transport } = await run([textResponse(501, 'Not Implemented'), OK])
    expect(transport.requests).toHaveLength(1)
    expect(runner.failed).toContain('HTTP 501')
  })

  it('retries 408', async () => {
    const { runner, transport } = await run([textResponse(408, 'Request Timeout'), OK])
    expect(transport.requests).toHaveLength(2)
    expect(runner.failed).toBeUndefined()
  })

  it.each(['ECONNRESET', 'ETIMEDOUT'])('retries the network error %s', async (code) => {
    const { runner, transport, clock } = await run([networkError(code), OK])
    expect(runner.failed).toBeUndefined()
    expect(transport.requests).toHaveLength(2)
    expect(clock.sleeps).toHaveLength(1)
  })

  it.each([
    ['ENOTFOUND', /did not resolve/],
    ['CERT_HAS_EXPIRED', /NODE_EXTRA_CA_CERTS/]
  ])('does not retry %s, and says what to check', async (code, advice) => {
    const { runner, transport, clock } = await run([networkError(code), OK])
    expect(transport.requests).toHaveLength(1)
    expect(clock.sleeps).toEqual([])
    expect(runner.failed).toContain(code)
    expect(runner.failed).toContain('after 1 attempt:')
    expect(runner.failed).toMatch(advice)
  })

  it('reports a network failure that outlasted every attempt with the count', async () => {
    const { runner, transport } = await run(
      [networkError('ETIMEDOUT'), networkError('ETIMEDOUT')],
      { 'max-attempts': '2' }
    )
    expect(transport.requests).toHaveLength(2)
    expect(runner.failed).toContain('after 2 attempts')
    expect(runner.failed).toContain('https://iam.cloud.ibm.com/identity/token')
    expect(runner.failed).toMatch(/timeout-seconds/)
  })

  it('with max-attempts 1 never sleeps', async () => {
    const { runner, clock } = await run([textResponse(503, '')], { 'max-attempts': '1' })
    expect(clock.sleeps).toEqual([])
    expect(runner.failed).toContain('after 1 attempt:')
  })
})
