// @ts-check
// Fixed-window request counter for the token endpoint.

/** @typedef {{ limit: number, windowMs: number, retryAfterSeconds?: number | null }} RateLimit */

/** @param {RateLimit} rl */
function validate(rl) {
  if (!Number.isInteger(rl.limit) || rl.limit < 0) throw new Error('rateLimit.limit must be >= 0')
  if (!(rl.windowMs > 0)) throw new Error('rateLimit.windowMs must be > 0')
}

export function createRateLimiter(now = Date.now) {
  /** @type {RateLimit | null} */
  let config = null
  let windowStart = 0
  let count = 0
  return {
    /** @param {RateLimit | null} rl replaces the limit and starts a fresh window */
    set(rl) {
      if (rl) validate(rl)
      config = rl ? { ...rl } : null
      windowStart = now()
      count = 0
    },
    /** Counts one request; returns the limit when it is exceeded, else null. */
    hit() {
      if (!config) return null
      const t = now()
      if (t - windowStart >= config.windowMs) {
        windowStart = t
        count = 0
      }
      count += 1
      return count > config.limit ? config : null
    }
  }
}
