// @ts-check
// One request handler per server (IAM, VPC metadata): Transaction-Id, the secret-free log,
// queued faults, route matching (the tables in ../routes.mjs), and an unmistakable answer for
// a route that does not exist.
import { randomBytes } from 'node:crypto'
import { BodyTooLargeError, createContext } from './context.mjs'
import { applyFault } from './faults.mjs'
import { createLogEntry } from '../state/request-log.mjs'

/**
 * @typedef {import('./faults.mjs').Fault} Fault
 * @typedef {import('../state/request-log.mjs').LogEntry} LogEntry
 * @typedef {import('./context.mjs').RequestContext} Ctx
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
 * Listens on `host:port` (0 picks a free port); resolves with the port.
 * @param {import('node:http').Server} server @param {number} port @param {string} host
 */
export async function listen(server, port, host) {
  await new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => resolve(undefined))
  })
  const address = server.address()
  return typeof address === 'object' && address ? address.port : 0
}

/**
 * @param {{ service: 'iam' | 'metadata', protocol: string, routes: readonly import('./context.mjs').Route[], deps: import('./context.mjs').Deps, shared: Shared }} spec
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
