import type { Clock } from '../src/clock.js'
import type { HttpResponse } from '../src/iam/http.js'
import { retryPolicy, sendWithRetry } from '../src/iam/retry.js'
import { seeded } from './helpers/seeded.js'

/**
 * A matrix released together against a rate-limited IAM, in virtual time: 64 requests at
 * t = 0 through the real retry loop, IAM allowing 16 token requests per 1 s window (a fixed
 * window that starts at the first request after the last one ended, refused requests counted,
 * as the emulator does). Nothing waits; the randoms come from a seeded sequence.
 */
const JOBS = 64
const LIMIT = 16
const IDEAL_MS = (JOBS / LIMIT) * 1000

function virtualTime(seed: number) {
  let now = 0
  const timers: { at: number; wake: () => void }[] = []
  const clock: Clock = {
    now: () => now,
    sleep: (ms) => new Promise<void>((wake) => timers.push({ at: now + ms, wake })),
    random: seeded(seed)
  }
  /** Runs until every task settles, moving time to the next timer whenever all are waiting. */
  async function runAll<T>(tasks: Promise<T>[]): Promise<T[]> {
    let settled = false
    const all = Promise.all(tasks).finally(() => (settled = true))
    for (;;) {
      await new Promise((resolve) => setImmediate(resolve))
      if (settled || timers.length === 0) break
      timers.sort((a, b) => a.at - b.at)
      const next = timers.shift()!
      now = next.at
      next.wake()
    }
    return all
  }
  return { clock, runAll }
}

function rateLimitedIam(clock: Clock, retryAfter?: string) {
  let windowStart = -Infinity
  let count = 0
  const log: { at: number; status: number }[] = []
  const send = async (): Promise<HttpResponse> => {
    const at = clock.now()
    if (at - windowStart >= 1000) {
      windowStart = at
      count = 0
    }
    count++
    const status = count <= LIMIT ? 200 : 429
    log.push({ at, status })
    const headers = status === 429 && retryAfter ? { 'retry-after': retryAfter } : {}
    return { status, headers, body: '' }
  }
  return { send, log }
}

async function burst(seed: number, retryAfter?: string) {
  const { clock, runAll } = virtualTime(seed)
  const iam = rateLimitedIam(clock, retryAfter)
  const results = await runAll(
    Array.from({ length: JOBS }, () =>
      sendWithRetry(iam.send, {
        policy: retryPolicy({ maxAttempts: 5, timeoutMs: 30_000 }),
        clock,
        log: () => {},
        operation: 'token exchange',
        url: 'https://iam.example.test/identity/token',
        idempotent: true
      })
    )
  )
  const successes = iam.log.filter((r) => r.status === 200).map((r) => r.at)
  return {
    succeeded: results.filter((r) => r.response.status === 200).length,
    requestsPerJob: iam.log.length / JOBS,
    lastSuccessMs: Math.max(...successes)
  }
}

const SEEDS = Array.from({ length: 40 }, (_, i) => i + 1)

describe.each([
  ['without Retry-After (as IAM usually answers)', undefined],
  ['with Retry-After: 1', '1']
])('64 jobs released together, IAM allowing 16 token requests a second, %s', (_, retryAfter) => {
  let runs: Awaited<ReturnType<typeof burst>>[]
  beforeAll(async () => {
    runs = []
    for (const seed of SEEDS) runs.push(await burst(seed, retryAfter))
  })

  it('every job succeeds in every run, with default inputs', () => {
    expect(runs.map((r) => r.succeeded)).toEqual(SEEDS.map(() => JOBS))
  })

  it('costs at most 2 token requests a job on average in every run', () => {
    // 64 first requests and the 48 refused at t = 0 are 1.75 a job already.
    for (const run of runs) expect(run.requestsPerJob).toBeLessThanOrEqual(2)
  })

  it('ends within 1.5× the ideal time in at least 90 % of runs, and never beyond 2×', () => {
    const late = runs.filter((r) => r.lastSuccessMs > 1.5 * IDEAL_MS)
    expect(late.length).toBeLessThanOrEqual(SEEDS.length / 10)
    for (const run of runs) expect(run.lastSuccessMs).toBeLessThanOrEqual(2 * IDEAL_MS)
  })
})
