// @ts-check
// One request handler per server (IAM, VPC metadata): Transaction-Id, the secret-free log,
// queued faults, route matching, and an unmistakable answer for a route that does not exist.
import { randomBytes } from 'node:crypto'
import { BodyTooLargeError, createContext, sendFaultyBody } from './http-io.mjs'
import { createLogEntry } from './request-log.mjs'

/**
 * @typedef {import('./faults.mjs').Fault} Fault
 * @typedef {import('./request-log.mjs').LogEntry} LogEntry
 * @typedef {import('./http-io.mjs').RequestContext} Ctx
 *
 * @typedef {object} Shared what both servers of one emulator share
 * @property {ReturnType<typeof import('./faults.mjs').createFaultQueue>} faults
 * @property {LogEntry[]} requests
 * @property {(ms: number) => Promise<void>} sleep cancelled by close()
 * @property {() => boolean} isClosed
 */

/**
 * The emulator's own answer for a method and path it does not serve. It is NOT IAM's
 * "not found" (`not_found` / `BXNIM0102E`), so a client can never read a wrong path as
 * "the key is already gone": code `route_not_found`, message_code `EMULATOR_NO_ROUTE`,
 * and the header `X-IAM-Emulator: no-route`.
 */
export const NO_ROUTE = Object.freeze({
  status: 404,
  code: 'route_not_found',
  messageCode: 'EMULATOR_NO_ROUTE',
  header: 'no-route'
})

/**
 * Applies a queued fault; returns true when it replaced normal handling.
 * @param {Ctx} ctx @param {Fault} fault @param {Shared} shared
 */
async function applyFault(ctx, fault, shared) {
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

/** @param {Ctx} ctx */
function sendNoRoute(ctx) {
  const { method, path } = ctx.entry
  ctx.send(
    NO_ROUTE.status,
    {
      errors: [
        {
          code: NO_ROUTE.code,
          message_code: NO_ROUTE.messageCode,
          message: `IAM emulator: no route for ${method} ${path}. This is not IAM's "not found": the path or method is wrong.`
        }
      ],
      status_code: NO_ROUTE.status,
      trace: ctx.transactionId
    },
    { 'X-IAM-Emulator': NO_ROUTE.header }
  )
}

/**
 * @param {{ service: 'iam' | 'metadata', protocol: string, routes: import('./http-io.mjs').Route[], deps: import('./http-io.mjs').Deps, shared: Shared }} spec
 * @returns {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => Promise<void>}
 */
export function createDispatcher({ service, protocol, routes, deps, shared }) {
  return async function handle(req, res) {
    const transactionId = `iam-emu-${randomBytes(16).toString('hex')}`
    res.setHeader('Transaction-Id', transactionId)
    const url = new URL(req.url ?? '/', 'http://emulator.invalid')
    const entry = createLogEntry(req, url, service)
    shared.requests.push(entry)
    const ctx = createContext(req, res, { url, entry, transactionId, protocol })
    try {
      const fault = shared.faults.take(entry.method, entry.path)
      if (fault && (await applyFault(ctx, fault, shared))) return
      for (const route of routes) {
        const match = route.pattern.exec(entry.path)
        if (match && (route.method === '*' || route.method === entry.method)) {
          return await route.handle(ctx, deps, match.slice(1))
        }
      }
      sendNoRoute(ctx)
    } catch (error) {
      if (error instanceof BodyTooLargeError) return ctx.send(413, { error: error.message })
      ctx.send(500, {
        error: `IAM emulator bug: ${error instanceof Error ? error.message : error}`
      })
    }
  }
}
