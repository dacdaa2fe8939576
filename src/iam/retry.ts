import type { Clock } from '../clock.js'
import { NetworkError, type Operation } from '../errors.js'
import type { HttpResponse } from './http.js'

/**
 * When IAM is asked again and how long the action waits first, in three parts: what a network
 * error code says about the request (read by these rules and by the advice a user gets), how
 * long to wait (pure functions of the attempt, a random number and Retry-After), and the loop
 * that sends until an answer should not be retried or a limit of the policy is reached.
 */

// What a network error code says about the request.

/** The connection was never made, so IAM cannot have acted on the request. */
const NEVER_SENT = new Set(['ECONNREFUSED', 'EAI_AGAIN', 'ENOTFOUND'])

export function requestNeverSent(code: string): boolean {
  return NEVER_SENT.has(code)
}

/** DNS names that do not exist and URLs that cannot be built do not fix themselves. */
export function isPermanentNetworkError(code: string): boolean {
  return code === 'ENOTFOUND' || code === 'ERR_INVALID_URL' || isTlsError(code)
}

/** The TLS handshake failed: an untrusted or mismatched certificate, or a protocol error. */
export function isTlsError(code: string): boolean {
  return /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY|HOSTNAME|ALTNAME/.test(code)
}

export function isDnsError(code: string): boolean {
  return code === 'ENOTFOUND' || code === 'EAI_AGAIN'
}

// How long to wait: one rule for a failing IAM or network, one for IAM's rate limit (HTTP 429).

export interface Backoff {
  /** The first back-off ceiling for failures; it doubles each attempt up to maxDelayMs. */
  baseDelayMs: number
  /** The longest single wait, Retry-After included. */
  maxDelayMs: number
}

export const DEFAULT_BACKOFF: Backoff = { baseDelayMs: 1000, maxDelayMs: 30_000 }

/**
 * The shape of the waits after a 429. The first is spread wide, because a 429 usually means a
 * crowd (a matrix released together) that has to be spread over several windows of the limit;
 * a later 429 is most often one unlucky draw into a slightly overfull second, so the next try
 * comes soon, and the spread then doubles for a limit that stays saturated.
 */
export const RATE_LIMIT_BACKOFF = {
  /** The least wait without Retry-After: a typical rate-limit window, so the next try lands in a fresh one. */
  floorMs: 1000,
  /** The spread (full jitter on top of the floor) after the first 429. */
  firstSpreadMs: 3500,
  /** The spread after the second 429; it doubles after each further one, up to maxDelayMs. */
  nextSpreadMs: 500
} as const

/**
 * Retry-After in seconds or as an HTTP date (all three of RFC 9110's forms start with the day's
 * name); undefined when absent or unreadable. `Date.parse` alone would read "1.5" or "-5" as
 * dates in 2001.
 */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  if (!value) return undefined
  const trimmed = value.trim()
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000
  if (!/^(Mon|Tue|Wed|Thu|Fri|Sat|Sun)/.test(trimmed)) return undefined
  const date = Date.parse(trimmed)
  if (Number.isNaN(date)) return undefined
  return Math.max(0, date - nowMs)
}

/** Retry-After as the least wait, capped at maxDelayMs. */
export function retryAfterFloor(retryAfterMs: number | undefined, backoff: Backoff): number {
  return retryAfterMs === undefined ? 0 : Math.min(retryAfterMs, backoff.maxDelayMs)
}

/**
 * After a failure (5xx, 408, no answer): full jitter, a random wait up to an exponentially
 * growing ceiling. A Retry-After is honoured as a floor, capped at maxDelayMs, and jitter is
 * still added on top so that jobs told the same Retry-After do not return in the same millisecond.
 */
export function backoffDelay(
  attempt: number,
  backoff: Backoff,
  random: () => number,
  retryAfterMs?: number
): number {
  const ceiling = Math.min(backoff.maxDelayMs, backoff.baseDelayMs * 2 ** (attempt - 1))
  return retryAfterFloor(retryAfterMs, backoff) + Math.floor(random() * ceiling)
}

/** The jitter spread after the n-th 429 of one request (n from 1). */
export function rateLimitSpread(n: number, backoff: Backoff): number {
  if (n <= 1) return RATE_LIMIT_BACKOFF.firstSpreadMs
  return Math.min(backoff.maxDelayMs, RATE_LIMIT_BACKOFF.nextSpreadMs * 2 ** (n - 2))
}

/**
 * After the n-th 429: a floor (Retry-After when IAM sent one, else a one-second window) plus
 * full jitter over rateLimitSpread(n).
 */
export function rateLimitDelay(
  n: number,
  backoff: Backoff,
  random: () => number,
  retryAfterMs?: number
): number {
  const floor =
    retryAfterMs === undefined ? RATE_LIMIT_BACKOFF.floorMs : retryAfterFloor(retryAfterMs, backoff)
  return floor + Math.floor(random() * rateLimitSpread(n, backoff))
}

// When to stop, and the loop.

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

/** A broken or refused connection may work next time; see isPermanentNetworkError for what will not. */
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
