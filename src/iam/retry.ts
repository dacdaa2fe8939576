import type { Clock } from '../clock.js'
import { NetworkError, type Operation } from '../errors.js'
import {
  backoffDelay,
  DEFAULT_BACKOFF,
  parseRetryAfter,
  rateLimitDelay,
  RATE_LIMIT_BACKOFF,
  retryAfterFloor,
  type Backoff
} from './backoff.js'
import type { HttpResponse } from './http.js'
import { isPermanentNetworkError, requestNeverSent } from './network.js'

/**
 * When to stop trying. Two limits, whichever comes first:
 * - maxAttempts counts attempts that failed (5xx, 408, no answer); a 429 is not a failure of
 *   IAM but an answer to wait, and is retried against the time budget instead;
 * - budgetMs: no retry starts later than this after the first attempt began, so one request
 *   ends within budgetMs plus one attempt's timeout.
 * maxAttempts 1 turns every retry off, 429 included.
 */
export interface RetryPolicy extends Backoff {
  maxAttempts: number
  budgetMs: number
}

/** The policy of a step: budget = max-attempts × timeout-seconds. */
export function retryPolicy(limits: { maxAttempts: number; timeoutMs: number }): RetryPolicy {
  const { maxAttempts, timeoutMs } = limits
  return { maxAttempts, budgetMs: maxAttempts * timeoutMs, ...DEFAULT_BACKOFF }
}

/** 408, 429 and 5xx except 501 may succeed later; any other 4xx never will. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || (status >= 500 && status !== 501 && status <= 599)
}

/** A broken or refused connection may work next time; see network.ts for what will not. */
export function isRetryableNetworkError(err: NetworkError): boolean {
  return !isPermanentNetworkError(err.code)
}

/**
 * For a request that creates something, only answers that prove nothing was done may be
 * retried: 429, or a connection that was never made. After a 5xx or a lost answer the
 * create may have happened, and a retry would make a second one.
 */
function mayRetryCreate(outcome: number | NetworkError): boolean {
  if (typeof outcome === 'number') return outcome === 429
  return requestNeverSent(outcome.code)
}

export interface RetryContext {
  /** false for a request that creates something (see mayRetryCreate): a property of the request. */
  idempotent: boolean
  policy: RetryPolicy
  clock: Clock
  log: (message: string) => void
  operation: Operation
  url: string
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`

/**
 * Sends until an answer that should not be retried, or until a limit of the policy. Returns
 * the last answer (which may be an error status) and how many attempts it took; throws
 * NetworkError (with the attempt count) when the last attempt got no answer.
 */
export async function sendWithRetry(
  send: () => Promise<HttpResponse>,
  ctx: RetryContext
): Promise<{ response: HttpResponse; attempts: number }> {
  const { policy, clock } = ctx
  const deadline = clock.now() + policy.budgetMs
  let failures = 0
  let rateLimited = 0
  for (let attempt = 1; ; attempt++) {
    let outcome: { response: HttpResponse } | { error: NetworkError }
    let retryAfterMs: number | undefined
    try {
      const response = await send()
      const retryable =
        isRetryableStatus(response.status) && (ctx.idempotent || mayRetryCreate(response.status))
      if (!retryable) return { response, attempts: attempt }
      outcome = { response }
      retryAfterMs = parseRetryAfter(response.headers['retry-after'], clock.now())
    } catch (err) {
      if (!(err instanceof NetworkError)) throw err
      const retryable = isRetryableNetworkError(err) && (ctx.idempotent || mayRetryCreate(err))
      if (!retryable) throw err.withContext(attempt, ctx.operation, ctx.url)
      outcome = { error: err }
    }
    const status = 'response' in outcome ? outcome.response.status : undefined
    const giveUp = () => {
      if ('response' in outcome) return { response: outcome.response, attempts: attempt }
      throw outcome.error.withContext(attempt, ctx.operation, ctx.url)
    }
    if (policy.maxAttempts <= 1) return giveUp()

    let delay: number
    let floor: number
    let note: string
    if (status === 429) {
      rateLimited++
      delay = rateLimitDelay(rateLimited, policy, clock.random, retryAfterMs)
      floor =
        retryAfterMs === undefined
          ? RATE_LIMIT_BACKOFF.floorMs
          : retryAfterFloor(retryAfterMs, policy)
      note = `IAM is rate limiting (HTTP 429) on attempt ${attempt}`
    } else {
      failures++
      if (failures >= policy.maxAttempts) return giveUp()
      delay = backoffDelay(failures, policy, clock.random, retryAfterMs)
      floor = retryAfterFloor(retryAfterMs, policy)
      const why =
        'error' in outcome
          ? `no answer from IAM (${outcome.error.code})`
          : `IAM answered HTTP ${outcome.response.status}`
      note =
        rateLimited === 0
          ? `${why} on attempt ${attempt} of ${policy.maxAttempts}`
          : `${why} on attempt ${attempt} (failure ${failures} of ${policy.maxAttempts}; ` +
            `${rateLimited} rate limited before)`
    }
    const left = deadline - clock.now()
    if (floor > left) {
      ctx.log(
        `${ctx.operation}: ${note}; giving up: the retry budget (max-attempts × timeout-seconds, ` +
          `${seconds(policy.budgetMs)}) has ${seconds(Math.max(0, left))} left`
      )
      return giveUp()
    }
    delay = Math.min(delay, left)
    ctx.log(
      `${ctx.operation}: ${note}; retrying in ${seconds(delay)}` +
        (retryAfterMs !== undefined ? ` (Retry-After ${Math.round(retryAfterMs / 1000)} s)` : '')
    )
    await clock.sleep(delay)
  }
}
