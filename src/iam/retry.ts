import type { Clock } from '../clock.js'
import { NetworkError, type Operation } from '../errors.js'
import type { HttpResponse } from './http.js'
import { isPermanentNetworkError, requestNeverSent } from './network.js'

export interface RetryPolicy {
  maxAttempts: number
  /** The first back-off ceiling; it doubles each attempt up to maxDelayMs. */
  baseDelayMs: number
  maxDelayMs: number
}

export const DEFAULT_BACKOFF = { baseDelayMs: 1000, maxDelayMs: 30_000 }

/** 408, 429 and 5xx except 501 may succeed later; any other 4xx never will. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || (status >= 500 && status !== 501 && status <= 599)
}

/** A broken or refused connection may work next time; see network.ts for what will not. */
export function isRetryableNetworkError(err: NetworkError): boolean {
  return !isPermanentNetworkError(err.code)
}

/** Retry-After in seconds or as an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  if (!value) return undefined
  const trimmed = value.trim()
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000
  const date = Date.parse(trimmed)
  if (Number.isNaN(date)) return undefined
  return Math.max(0, date - nowMs)
}

/**
 * Full jitter (a random wait up to an exponentially growing ceiling). A Retry-After is
 * honoured as a floor, capped at maxDelayMs, and jitter is still added on top so that
 * matrix jobs told the same Retry-After do not all return in the same millisecond.
 */
export function backoffDelay(
  attempt: number,
  policy: RetryPolicy,
  random: () => number,
  retryAfterMs?: number
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1))
  const jitter = Math.floor(random() * ceiling)
  const floor = retryAfterMs === undefined ? 0 : Math.min(retryAfterMs, policy.maxDelayMs)
  return floor + jitter
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

/**
 * Sends until an answer that should not be retried, or until maxAttempts. Returns the last
 * answer (which may be an error status) and how many attempts it took; throws NetworkError
 * (with the attempt count) when the last attempt got no answer.
 */
export async function sendWithRetry(
  send: () => Promise<HttpResponse>,
  ctx: RetryContext
): Promise<{ response: HttpResponse; attempts: number }> {
  const { policy, clock } = ctx
  for (let attempt = 1; ; attempt++) {
    let why: string
    let retryAfterMs: number | undefined
    try {
      const response = await send()
      const retryable =
        isRetryableStatus(response.status) && (ctx.idempotent || mayRetryCreate(response.status))
      if (!retryable || attempt >= policy.maxAttempts) {
        return { response, attempts: attempt }
      }
      retryAfterMs = parseRetryAfter(response.headers['retry-after'], clock.now())
      why = `IAM answered HTTP ${response.status}`
    } catch (err) {
      if (!(err instanceof NetworkError)) throw err
      const retryable = isRetryableNetworkError(err) && (ctx.idempotent || mayRetryCreate(err))
      if (!retryable || attempt >= policy.maxAttempts) {
        throw err.withContext(attempt, ctx.operation, ctx.url)
      }
      why = `no answer from IAM (${err.code})`
    }
    const delay = backoffDelay(attempt, policy, clock.random, retryAfterMs)
    ctx.log(
      `${ctx.operation}: ${why} on attempt ${attempt} of ${policy.maxAttempts}; ` +
        `retrying in ${(delay / 1000).toFixed(1)} s` +
        (retryAfterMs !== undefined ? ` (Retry-After ${Math.round(retryAfterMs / 1000)} s)` : '')
    )
    await clock.sleep(delay)
  }
}
