// @ts-check
/**
 * One burst for scripts/bench.mjs: `jobs` main steps released together, as the legs of a matrix
 * start, against the emulator limited to `rate` token requests a second (fixed one-second
 * windows; 429 without Retry-After, as real IAM usually answers).
 */
import { runStep } from './runner-simulator.mjs'

/**
 * @param {import('../emulator/index.mjs').Emulator} iam
 * @param {{ jobs: number, rate: number, dist: string, node: string }} options
 * @returns {Promise<{ ok: number, perJob: number, lastSuccessS: number }>}
 *   steps that succeeded; token requests a step; seconds from the first token request to the
 *   last one answered 200
 */
export async function runBurst(iam, { jobs, rate, dist, node }) {
  iam.reset() // empties the request log
  iam.setRateLimit({ limit: rate, windowMs: 1000, retryAfterSeconds: null })
  try {
    const steps = await Promise.all(
      Array.from({ length: jobs }, (_, i) =>
        runStep('main', {
          inputs: { apikey: iam.seed.apikey, 'iam-endpoint': iam.url },
          caPath: iam.caPath,
          env: { GITHUB_JOB: `leg-${i}` },
          dist,
          node,
          debug: false
        })
      )
    )
    const token = iam.requests.filter((r) => r.method === 'POST' && r.path === '/identity/token')
    const first = Math.min(...token.map((r) => r.time))
    const ok = token.filter((r) => r.status === 200).map((r) => r.time)
    return {
      ok: steps.filter((s) => s.code === 0 && s.outputs.authenticated === 'true').length,
      perJob: token.length / jobs,
      lastSuccessS: ok.length > 0 ? (Math.max(...ok) - first) / 1000 : NaN
    }
  } finally {
    iam.setRateLimit(null)
  }
}
