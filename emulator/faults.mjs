// @ts-check
// Queued faults: answers (or silences) that replace normal handling, consumed FIFO.

/**
 * @typedef {object} Fault
 * @property {number} [status] answer with this status instead of handling the request
 * @property {string | object} [body] string as-is (text/plain), object as JSON
 * @property {Record<string, string>} [headers] added to the faulted (or, without status, the normal) answer
 * @property {number} [delayMs] wait before answering; without status, delays the normal answer
 * @property {boolean} [drop] destroy the socket without answering
 * @property {boolean} [hang] never answer; the socket stays open until close()
 * @property {number} [times] how many requests this fault applies to (default 1)
 * @property {'stall' | 'drop'} [bodyBreak] with status: send the headers and the first half of
 *   the body, then stay silent with the socket open ('stall') or destroy it ('drop')
 * @property {number} [trickleMs] with status: send the body one byte every trickleMs
 * @property {number} [padTo] with status: pad the body with spaces to this many bytes, streamed
 */

/** @typedef {{ method: string, path: string, prefix: boolean, fault: Fault, remaining: number }} QueuedFault */

const ROUTE = /^([A-Z]+|\*) (\/\S*)$/

/** @param {string} route `'METHOD /path'`, path may end in `*` (prefix match) */
function parseRoute(route) {
  const match = ROUTE.exec(route)
  if (!match) throw new Error(`Fault route must look like 'POST /identity/token', got '${route}'`)
  const [, method = '', path = ''] = match
  const prefix = path.endsWith('*')
  return { method, path: prefix ? path.slice(0, -1) : path, prefix }
}

/** @param {Fault} fault */
function validateFault(fault) {
  const times = fault.times ?? 1
  if (!Number.isInteger(times) || times < 1) throw new Error('fault.times must be an integer >= 1')
  if (fault.status !== undefined && !(fault.status >= 100 && fault.status <= 599)) {
    throw new Error('fault.status must be an HTTP status code')
  }
  if (fault.delayMs !== undefined && !(fault.delayMs >= 0)) {
    throw new Error('fault.delayMs must be >= 0')
  }
  const bodyLevel = fault.bodyBreak ?? fault.trickleMs ?? fault.padTo
  if (bodyLevel !== undefined && fault.status === undefined) {
    throw new Error('bodyBreak, trickleMs and padTo need a status')
  }
  return times
}

export function createFaultQueue() {
  /** @type {QueuedFault[]} */
  let queued = []
  return {
    /** @param {string} route @param {Fault} fault */
    queue(route, fault) {
      const remaining = validateFault(fault)
      queued.push({ ...parseRoute(route), fault, remaining })
    },
    /** The oldest fault matching the request, if any, counted as used. @param {string} method @param {string} path */
    take(method, path) {
      const entry = queued.find(
        (q) =>
          (q.method === '*' || q.method === method) &&
          (q.prefix ? path.startsWith(q.path) : path === q.path)
      )
      if (!entry) return undefined
      entry.remaining -= 1
      if (entry.remaining === 0) queued = queued.filter((q) => q !== entry)
      return entry.fault
    },
    clear() {
      queued = []
    }
  }
}
