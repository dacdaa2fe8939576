// @ts-check
// Queued faults: answers (or silences) that replace normal handling, consumed FIFO, and how
// each one is acted out on the wire (dropped, hung, delayed, a body broken off or trickled).

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

/**
 * Answers with a body that misbehaves (see Fault.bodyBreak, trickleMs, padTo): headers first,
 * then the body broken off, trickled or padded. Stops writing once `closed()` says so.
 * @param {import('./context.mjs').RequestContext} ctx @param {Fault} fault
 * @param {(ms: number) => Promise<unknown>} sleep @param {() => boolean} closed
 */
async function sendFaultyBody(ctx, fault, sleep, closed) {
  const { res } = ctx
  const text = typeof fault.body === 'string' ? fault.body : JSON.stringify(fault.body ?? {})
  let body = Buffer.from(text)
  if (fault.padTo && fault.padTo > body.length) {
    body = Buffer.concat([body, Buffer.alloc(fault.padTo - body.length, ' ')])
  }
  ctx.entry.status = fault.status ?? 200
  for (const [name, value] of Object.entries(fault.headers ?? {})) res.setHeader(name, value)
  res.setHeader('Content-Type', 'application/json')
  if (!fault.bodyBreak) res.setHeader('Content-Length', String(body.length))
  res.writeHead(fault.status ?? 200)
  res.flushHeaders()
  if (fault.bodyBreak) {
    res.write(body.subarray(0, Math.floor(body.length / 2)))
    if (fault.bodyBreak === 'drop') setTimeout(() => ctx.req.socket.destroy(), 50)
    return
  }
  const step = fault.trickleMs ? 1 : 64 * 1024
  for (let at = 0; at < body.length && !closed() && !res.destroyed; at += step) {
    if (fault.trickleMs) await sleep(fault.trickleMs)
    if (!res.write(body.subarray(at, at + step))) {
      await new Promise((resolve) => {
        res.once('drain', resolve)
        res.once('close', resolve)
      })
    }
  }
  if (!closed() && !res.destroyed) res.end()
}

/**
 * Applies a queued fault; returns true when it replaced normal handling.
 * @param {import('./context.mjs').RequestContext} ctx @param {Fault} fault
 * @param {{ sleep: (ms: number) => Promise<void>, isClosed: () => boolean }} shared
 */
export async function applyFault(ctx, fault, shared) {
  if (fault.hang) return true
  if (fault.delayMs) await shared.sleep(fault.delayMs)
  if (shared.isClosed()) return true
  if (fault.drop) {
    ctx.req.socket.destroy()
    return true
  }
  if (fault.status === undefined) {
    for (const [name, value] of Object.entries(fault.headers ?? {})) ctx.res.setHeader(name, value)
    return false
  }
  if (fault.bodyBreak || fault.trickleMs || fault.padTo) {
    await sendFaultyBody(ctx, fault, shared.sleep, shared.isClosed)
    return true
  }
  ctx.send(fault.status, fault.body ?? '', fault.headers)
  return true
}
