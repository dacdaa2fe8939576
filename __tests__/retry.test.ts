import { NetworkError } from '../src/errors.js'
import {
  backoffDelay,
  DEFAULT_BACKOFF,
  isRetryableNetworkError,
  isRetryableStatus,
  parseRetryAfter,
  rateLimitDelay,
  rateLimitSpread,
  retryPolicy,
  sendWithRetry,
  type RetryPolicy
} from '../src/iam/retry.js'
import {
  fakeClock,
  jsonResponse,
  networkError,
  scriptedTransport,
  textResponse
} from './helpers/fakes.js'
import { seeded } from './helpers/seeded.js'
import type { HttpResponse } from '../src/iam/http.js'

const policy: RetryPolicy = { maxAttempts: 5, budgetMs: 150_000, ...DEFAULT_BACKOFF }
const URL_ = 'https://iam.cloud.ibm.com/identity/token'
const ok = jsonResponse(200, { ok: true })
const tooMany = (headers: Record<string, string> = {}) => textResponse(429, '', headers)

function run(
  responses: (HttpResponse | Error)[],
  maxAttempts = 5,
  randoms = [0.5],
  timeoutMs = 30_000,
  idempotent = true
) {
  const clock = fakeClock(Date.UTC(2026, 1, 20, 12, 0, 0), randoms)
  const transport = scriptedTransport(responses)
  const logs: string[] = []
  const result = sendWithRetry(() => transport({ method: 'POST', url: URL_, headers: {} }), {
    policy: retryPolicy({ maxAttempts, timeoutMs }),
    clock,
    log: (m) => logs.push(m),
    operation: 'token exchange',
    url: URL_,
    idempotent
  })
  return { result, clock, transport, logs }
}

describe('isRetryableStatus', () => {
  it.each([408, 429, 500, 502, 503, 504, 599])('%d is retried', (status) => {
    expect(isRetryableStatus(status)).toBe(true)
  })

  it.each([200, 301, 400, 401, 403, 404, 405, 409, 501, 600])('%d is not retried', (status) => {
    expect(isRetryableStatus(status)).toBe(false)
  })
})

describe('isRetryableNetworkError', () => {
  it.each(['ECONNRESET', 'ETIMEDOUT', 'ECONNREFUSED', 'EAI_AGAIN', 'EPIPE'])(
    '%s is retried',
    (code) => {
      expect(isRetryableNetworkError(new NetworkError(code, 'x'))).toBe(true)
    }
  )

  it.each([
    'ENOTFOUND',
    'CERT_HAS_EXPIRED',
    'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    'DEPTH_ZERO_SELF_SIGNED_CERT',
    'SELF_SIGNED_CERT_IN_CHAIN',
    'ERR_TLS_CERT_ALTNAME_INVALID',
    'ERR_SSL_WRONG_VERSION_NUMBER'
  ])('%s is not retried', (code) => {
    expect(isRetryableNetworkError(new NetworkError(code, 'x'))).toBe(false)
  })
})

describe('parseRetryAfter', () => {
  const now = Date.UTC(2026, 1, 20, 12, 0, 0)

  it('reads seconds', () => {
    expect(parseRetryAfter('7', now)).toBe(7000)
    expect(parseRetryAfter(' 0 ', now)).toBe(0)
    expect(parseRetryAfter(' 7 ', now)).toBe(7000)
    expect(parseRetryAfter('120', now)).toBe(120_000)
  })

  it('reads the IMF-fixdate form and the obsolete RFC 850 form', () => {
    // 12:00:30 on the day `now` is 12:00:00.
    expect(parseRetryAfter('Fri, 20 Feb 2026 12:00:30 GMT', now)).toBe(30_000)
    expect(parseRetryAfter('Friday, 20-Feb-26 12:00:30 GMT', now)).toBe(30_000)
  })

  it.each([
    ...['1.5', '-5', '7s', '0x10', '5 seconds', 'x Fri, 20 Feb 2026 12:00:30 GMT'],
    ...['Friday, soon', 'Mon']
  ])('ignores %j, which is neither seconds nor an HTTP date', (value) => {
    expect(parseRetryAfter(value, now)).toBeUndefined()
  })

  it('reads an HTTP date relative to now', () => {
    expect(parseRetryAfter(new Date(now + 12_000).toUTCString(), now)).toBe(12_000)
  })

  it('treats a date in the past as no wait', () => {
    expect(parseRetryAfter(new Date(now - 60_000).toUTCString(), now)).toBe(0)
  })

  it('ignores an absent or unreadable value', () => {
    expect(parseRetryAfter(undefined, now)).toBeUndefined()
    expect(parseRetryAfter('', now)).toBeUndefined()
    expect(parseRetryAfter('soon', now)).toBeUndefined()
  })
})

describe('backoffDelay', () => {
  const randoms = [0, 0.25, 0.5, 0.999_999_9]

  it.each([1, 2, 3, 4, 5, 6, 7, 8])(
    'attempt %d: full jitter within [0, min(cap, base * 2^(n-1)))',
    (attempt) => {
      const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1))
      const delays = randoms.map((r) => backoffDelay(attempt, policy, () => r))
      for (const delay of delays) {
        expect(delay).toBeGreaterThanOrEqual(0)
        expect(delay).toBeLessThan(ceiling)
        expect(Number.isInteger(delay)).toBe(true)
      }
      expect(delays[0]).toBe(0)
      // The jitter really spans the range: the largest random gives (almost) the ceiling.
      expect(delays[3]).toBeGreaterThanOrEqual(ceiling - 1)
    }
  )

  it('honours Retry-After as a floor and still adds jitter', () => {
    expect(backoffDelay(1, policy, () => 0, 5000)).toBe(5000)
    expect(backoffDelay(1, policy, () => 0.5, 5000)).toBe(5500)
  })

  it('caps Retry-After at the maximum delay', () => {
    expect(backoffDelay(1, policy, () => 0, 3_600_000)).toBe(policy.maxDelayMs)
  })
})

describe('sendWithRetry', () => {
  it('retries 503, 503 then succeeds on the third attempt after two sleeps', async () => {
    const { result, clock, transport, logs } = run([
      textResponse(503, 'busy'),
      textResponse(503, 'busy'),
      ok
    ])
    const { response, attempts } = await result
    expect(response.status).toBe(200)
    expect(attempts).toBe(3)
    expect(transport.requests).toHaveLength(3)
    expect(clock.sleeps).toHaveLength(2)
    expect(logs[0]).toMatch(/HTTP 503 on attempt 1 of 5/)
    expect(logs[1]).toMatch(/HTTP 503 on attempt 2 of 5/)
  })

  it.each([400, 401, 403, 404, 501])('never retries %d', async (status) => {
    const { result, clock, transport } = run([jsonResponse(status, {}), ok])
    const { response, attempts } = await result
    expect(response.status).toBe(status)
    expect(attempts).toBe(1)
    expect(transport.requests).toHaveLength(1)
    expect(clock.sleeps).toEqual([])
  })

  it('retries 408', async () => {
    const { result, transport } = run([textResponse(408, 'timeout'), ok])
    expect((await result).attempts).toBe(2)
    expect(transport.requests).toHaveLength(2)
  })

  it('waits at least the Retry-After seconds of a 429, plus the 429 jitter', async () => {
    const { result, clock, logs } = run(
      [textResponse(429, '', { 'Retry-After': '9' }), ok],
      5,
      [0.5]
    )
    expect((await result).attempts).toBe(2)
    // The first 429's jitter spans 3.5 s: half of it on top of the 9 s floor.
    expect(clock.sleeps).toEqual([9000 + 1750])
    expect(logs[0]).toMatch(/Retry-After 9 s/)
  })

  it('waits until an HTTP-date Retry-After, plus jitter', async () => {
    const start = Date.UTC(2026, 1, 20, 12, 0, 0)
    const retryAt = new Date(start + 14_000).toUTCString()
    const { result, clock } = run([textResponse(429, '', { 'retry-after': retryAt }), ok], 5, [0.3])
    await result
    expect(clock.sleeps).toHaveLength(1)
    expect(clock.sleeps[0]).toBeGreaterThanOrEqual(14_000)
    expect(clock.sleeps[0]).toBe(14_000 + 0.3 * 3500)
  })

  it('caps a long Retry-After at 30 s', async () => {
    const { result, clock } = run([textResponse(503, '', { 'Retry-After': '3600' }), ok], 5, [0])
    await result
    expect(clock.sleeps).toEqual([30_000])
  })

  it('grows the jitter ceiling with each attempt', async () => {
    const { result, clock } = run(
      [textResponse(500, ''), textResponse(500, ''), textResponse(500, ''), ok],
      5,
      [0.999]
    )
    await result
    expect(clock.sleeps).toEqual([999, 1998, 3996])
  })

  it('gives up after max-attempts and returns the last answer with the count', async () => {
    const { result, clock, transport } = run(
      [textResponse(503, 'a'), textResponse(503, 'b'), textResponse(503, 'c'), ok],
      3
    )
    const { response, attempts } = await result
    expect(response.status).toBe(503)
    expect(response.body).toBe('c')
    expect(attempts).toBe(3)
    expect(transport.requests).toHaveLength(3)
    expect(transport.remaining()).toBe(1)
    expect(clock.sleeps).toHaveLength(2)
  })

  it.each(['ECONNRESET', 'ETIMEDOUT'])('retries the network error %s', async (code) => {
    const { result, clock, logs } = run([networkError(code), ok])
    expect((await result).attempts).toBe(2)
    expect(clock.sleeps).toHaveLength(1)
    expect(logs[0]).toContain(`no answer from IAM (${code})`)
  })

  it.each(['ENOTFOUND', 'CERT_HAS_EXPIRED', 'ERR_TLS_CERT_ALTNAME_INVALID'])(
    'does not retry %s and reports one attempt',
    async (code) => {
      const { result, clock, transport } = run([networkError(code), ok])
      const err = await result.catch((e: unknown) => e)
      expect(err).toBeInstanceOf(NetworkError)
      expect(err).toMatchObject({ code, attempts: 1, operation: 'token exchange', url: URL_ })
      expect(transport.requests).toHaveLength(1)
      expect(clock.sleeps).toEqual([])
    }
  )

  it('throws the last network error with the attempt count when every attempt fails', async () => {
    const { result, transport } = run(
      [networkError('ECONNRESET'), networkError('ECONNRESET'), networkError('ETIMEDOUT')],
      3
    )
    const err = await result.catch((e: unknown) => e)
    expect(err).toBeInstanceOf(NetworkError)
    expect(err).toMatchObject({ code: 'ETIMEDOUT', attempts: 3 })
    expect(transport.requests).toHaveLength(3)
  })

  it('does not retry at all with max-attempts 1', async () => {
    const { result, clock } = run([textResponse(503, ''), ok], 1)
    expect((await result).attempts).toBe(1)
    expect(clock.sleeps).toEqual([])
  })

  it('lets an unexpected (non-network) error through without retrying', async () => {
    const { result, transport } = run([new TypeError('bug'), ok])
    await expect(result).rejects.toThrow(TypeError)
    expect(transport.requests).toHaveLength(1)
  })
})

describe('rateLimitDelay (after a 429)', () => {
  it('waits a one-second window plus up to 3.5 s of jitter after the first 429', () => {
    expect(rateLimitDelay(1, DEFAULT_BACKOFF, () => 0)).toBe(1000)
    expect(rateLimitDelay(1, DEFAULT_BACKOFF, () => 0.5)).toBe(2750)
    expect(rateLimitDelay(1, DEFAULT_BACKOFF, () => 0.999_999)).toBe(4499)
  })

  it('tries again soon after a second 429, then doubles the spread up to 30 s', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => rateLimitSpread(n, DEFAULT_BACKOFF))).toEqual(
      [3500, 500, 1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000]
    )
    expect(rateLimitDelay(2, DEFAULT_BACKOFF, () => 0.5)).toBe(1250)
    expect(rateLimitDelay(9, DEFAULT_BACKOFF, () => 0.5)).toBe(1000 + 15_000)
  })

  it('takes Retry-After as the floor instead of the one-second window, capped at 30 s', () => {
    expect(rateLimitDelay(1, DEFAULT_BACKOFF, () => 0, 5000)).toBe(5000)
    expect(rateLimitDelay(1, DEFAULT_BACKOFF, () => 0.5, 5000)).toBe(6750)
    expect(rateLimitDelay(1, DEFAULT_BACKOFF, () => 0.5, 0)).toBe(1750)
    expect(rateLimitDelay(2, DEFAULT_BACKOFF, () => 0, 3_600_000)).toBe(30_000)
  })

  it('spreads a crowd evenly over [1 s, 4.5 s) (seeded draws)', () => {
    const random = seeded(7)
    const waits = Array.from({ length: 7000 }, () => rateLimitDelay(1, DEFAULT_BACKOFF, random))
    expect(Math.min(...waits)).toBeGreaterThanOrEqual(1000)
    expect(Math.max(...waits)).toBeLessThan(4500)
    // Each whole second gets 2/7 of the crowd (2000 ± 5 %), the last half second 1/7.
    const perSecond = [1, 2, 3, 4].map(
      (s) => waits.filter((w) => Math.floor(w / 1000) === s).length
    )
    expect(perSecond.map((count) => Math.round(count / 200))).toEqual([10, 10, 10, 5])
  })
})

describe('sendWithRetry, rate limits and the time budget', () => {
  it('retries a 429 beyond max-attempts until the budget (max-attempts × timeout) is spent', async () => {
    // max-attempts 2 × timeout 10 s: no retry starts later than 20 s after the first attempt.
    const { result, clock, transport, logs } = run(Array(40).fill(tooMany()), 2, [0.5], 10_000)
    const { response, attempts } = await result
    expect(response.status).toBe(429)
    const slept = clock.sleeps.reduce((a, b) => a + b, 0)
    // 2.75, 1.25, 1.5, 2, 3, 5 s (sum 15.5), then 9 s is cut to the 4.5 s left: the last
    // attempt starts exactly at the 20 s deadline, and the next one would start past it.
    expect(clock.sleeps).toEqual([2750, 1250, 1500, 2000, 3000, 5000, 4500])
    expect(slept).toBe(20_000)
    expect(attempts).toBe(8)
    expect(transport.requests).toHaveLength(8)
    expect(logs.at(-1)).toMatch(/giving up: the retry budget .*20\.0 s\) has 0\.0 s left/)
    expect(logs[0]).toMatch(/rate limiting \(HTTP 429\) on attempt 1; retrying in 2\.\d s/)
  })

  it('still counts failures against max-attempts when 429s come between them', async () => {
    const { result, transport, logs } = run(
      [textResponse(503, ''), tooMany(), tooMany(), textResponse(503, ''), tooMany(), ok],
      2
    )
    const { response, attempts } = await result
    // The second 503 is failure 2 of 2: no retry, though time is left.
    expect(response.status).toBe(503)
    expect(attempts).toBe(4)
    expect(transport.remaining()).toBe(2)
    expect(logs[0]).toMatch(/HTTP 503 on attempt 1 of 2; retrying/)
  })

  it('names the failure count when a failure follows 429s', async () => {
    const { result, logs } = run([tooMany(), textResponse(502, ''), ok])
    expect((await result).attempts).toBe(3)
    expect(logs[1]).toMatch(/HTTP 502 on attempt 2 \(failure 1 of 5; 1 rate limited before\)/)
  })

  it('gives up at once when Retry-After asks for more time than the budget has left', async () => {
    // Budget 2 × 5 s = 10 s; IAM asks for 20 s.
    const { result, clock, transport, logs } = run(
      [tooMany({ 'Retry-After': '20' }), ok],
      2,
      [0.5],
      5000
    )
    const { response, attempts } = await result
    expect(response.status).toBe(429)
    expect(attempts).toBe(1)
    expect(clock.sleeps).toEqual([])
    expect(transport.remaining()).toBe(1)
    expect(logs[0]).toMatch(/giving up/)
  })

  it('cuts a jittered wait to the budget left, but never below Retry-After', async () => {
    // Budget 2 × 3 s = 6 s: 5 s + 3 s jitter would pass it, so the wait is the 6 s left.
    const { result, clock } = run([tooMany({ 'Retry-After': '5' }), ok], 2, [0.999], 3000)
    expect((await result).response.status).toBe(200)
    expect(clock.sleeps).toEqual([6000])
  })

  it('does not retry a 429 with max-attempts 1', async () => {
    const { result, clock, transport } = run([tooMany(), ok], 1)
    const { response, attempts } = await result
    expect(response.status).toBe(429)
    expect(attempts).toBe(1)
    expect(transport.remaining()).toBe(1)
    expect(clock.sleeps).toEqual([])
  })

  it('still retries when Retry-After asks for exactly the time the budget has left', async () => {
    // Budget 2 × 1 s = 2 s, Retry-After 2 s: the retry starts at the deadline, not past it.
    const busy = textResponse(503, '', { 'Retry-After': '2' })
    const { result, clock } = run([busy, ok], 2, [0.5], 1000)
    expect((await result).response.status).toBe(200)
    expect(clock.sleeps).toEqual([2000])
  })

  it('bounds failures by the budget too: a Retry-After that no longer fits ends the retries', async () => {
    // Budget 3 × 1 s = 3 s. 2 s + 0.999 s of jitter fits; the next 2 s floor does not.
    const busy = () => textResponse(503, '', { 'Retry-After': '2' })
    const { result, clock, transport } = run([busy(), busy(), busy(), ok], 3, [0.999_999], 1000)
    const { response, attempts } = await result
    expect(response.status).toBe(503)
    expect(attempts).toBe(2)
    expect(clock.sleeps).toEqual([2999])
    expect(transport.remaining()).toBe(2)
  })
})

describe('sendWithRetry, a request that creates something (idempotent: false)', () => {
  const create = (responses: (HttpResponse | Error)[]) => run(responses, 5, [0.5], 30_000, false)

  it.each([500, 502, 503, 504, 408])(
    'does not repeat a create answered %d: IAM may have made the key',
    async (status) => {
      const { result, transport, clock } = create([textResponse(status, ''), ok])
      const { response, attempts } = await result
      expect(response.status).toBe(status)
      expect(attempts).toBe(1)
      expect(transport.remaining()).toBe(1)
      expect(clock.sleeps).toEqual([])
    }
  )

  it('repeats a create answered 429: IAM refused it before doing anything', async () => {
    const { result, transport } = create([tooMany(), ok])
    expect((await result).response.status).toBe(200)
    expect(transport.requests).toHaveLength(2)
  })

  it.each(['ECONNREFUSED', 'EAI_AGAIN'])(
    'repeats a create whose connection was never made (%s)',
    async (code) => {
      const { result, transport } = create([networkError(code), ok])
      expect((await result).attempts).toBe(2)
      expect(transport.requests).toHaveLength(2)
    }
  )

  it.each(['ECONNRESET', 'ETIMEDOUT', 'EPIPE'])(
    'does not repeat a create whose answer was lost (%s)',
    async (code) => {
      const { result, transport } = create([networkError(code), ok])
      const err = await result.catch((e: unknown) => e)
      expect(err).toMatchObject({ code, attempts: 1, operation: 'token exchange', url: URL_ })
      expect(transport.remaining()).toBe(1)
    }
  )

  it('does not repeat a create whose host name does not exist (ENOTFOUND is permanent)', async () => {
    const { result, transport } = create([networkError('ENOTFOUND'), ok])
    await expect(result).rejects.toMatchObject({ code: 'ENOTFOUND', attempts: 1 })
    expect(transport.remaining()).toBe(1)
  })
})

describe('sendWithRetry, the retry log line', () => {
  it('names the status, the attempt of max-attempts and the wait', async () => {
    const { result, logs } = run([textResponse(503, ''), ok])
    await result
    expect(logs).toEqual([
      'token exchange: IAM answered HTTP 503 on attempt 1 of 5; retrying in 0.5 s'
    ])
  })

  it('names the network error code', async () => {
    const { result, logs } = run([networkError('ECONNRESET'), ok], 3, [0.25])
    await result
    expect(logs).toEqual([
      'token exchange: no answer from IAM (ECONNRESET) on attempt 1 of 3; retrying in 0.3 s'
    ])
  })

  it('names a 429 and the Retry-After IAM sent, in seconds', async () => {
    const { result, logs } = run([tooMany({ 'Retry-After': '9' }), ok], 5, [0])
    await result
    expect(logs).toEqual([
      'token exchange: IAM is rate limiting (HTTP 429) on attempt 1; retrying in 9.0 s (Retry-After 9 s)'
    ])
  })

  it('counts failures apart from 429s once both happened', async () => {
    const { result, logs } = run([tooMany(), tooMany(), textResponse(500, ''), ok], 4, [0])
    await result
    expect(logs).toEqual([
      'token exchange: IAM is rate limiting (HTTP 429) on attempt 1; retrying in 1.0 s',
      'token exchange: IAM is rate limiting (HTTP 429) on attempt 2; retrying in 1.0 s',
      'token exchange: IAM answered HTTP 500 on attempt 3 (failure 1 of 4; 2 rate limited before); retrying in 0.0 s'
    ])
  })

  it('says how much of the budget was left when it gives up', async () => {
    // Budget 2 × 5 s = 10 s; IAM asks for 20 s at once.
    const { result, logs } = run([tooMany({ 'Retry-After': '20' }), ok], 2, [0.5], 5000)
    await result
    expect(logs).toEqual([
      'token exchange: IAM is rate limiting (HTTP 429) on attempt 1; giving up: the retry budget ' +
        '(max-attempts × timeout-seconds, 10.0 s) has 10.0 s left'
    ])
  })

  it('logs nothing when it gives up after the last attempt of max-attempts', async () => {
    const { result, logs } = run([textResponse(503, ''), textResponse(503, '')], 2, [0])
    await result
    expect(logs).toEqual([
      'token exchange: IAM answered HTTP 503 on attempt 1 of 2; retrying in 0.0 s'
    ])
  })
})
