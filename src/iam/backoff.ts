/**
 * How long to wait before trying again: one rule for a failing IAM or network, one for IAM's
 * rate limit (HTTP 429). Pure functions of the attempt, a random number and Retry-After.
 */

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
