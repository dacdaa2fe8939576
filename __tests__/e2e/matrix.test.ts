import { afterAll, beforeAll, expect, test } from '@jest/globals'
import { startEmulator } from '../../emulator/index.mjs'
import { leaks, runStep, secretsOf } from './leak-checks.js'

type Emulator = Awaited<ReturnType<typeof startEmulator>>
let iam: Emulator

beforeAll(async () => {
  // Five token requests a second, answered 429 with Retry-After: 1 past that.
  iam = await startEmulator({ rateLimit: { limit: 5, windowMs: 1000, retryAfterSeconds: 1 } })
})
afterAll(async () => {
  await iam.close()
})

test('twenty matrix jobs started in the same second against a rate-limited IAM all succeed', async () => {
  const jobs = await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      runStep('main', {
        inputs: { apikey: iam.seed.apikey, 'iam-endpoint': iam.url },
        caPath: iam.caPath,
        env: { GITHUB_JOB: `deploy-${i}` }
      })
    )
  )
  const statuses = iam.requests.filter((r) => r.path === '/identity/token').map((r) => r.status)
  expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0) // the limit did bite
  expect(statuses.filter((s) => s === 200)).toHaveLength(20)
  for (const job of jobs) {
    expect(job.code).toBe(0)
    expect(job.outputs.authenticated).toBe('true')
    expect(leaks(job, secretsOf(iam.seed.apikey, job))).toEqual([])
  }
  expect(new Set(jobs.map((j) => j.outputs.token)).size).toBe(20)
}, 120_000)
