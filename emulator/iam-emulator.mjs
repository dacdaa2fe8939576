// @ts-check
// A local IBM Cloud IAM: token endpoint, JWKS and the IAM Identity API-key endpoints,
// over HTTPS with a throwaway CA, with fault injection and a secret-free request log.
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import http from 'node:http'
import https from 'node:https'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createCertificates } from './certs.mjs'
import { createFaultQueue } from './faults.mjs'
import { BodyTooLargeError, createContext, sendFaultyBody } from './http-io.mjs'
import { createTokenSigner } from './jwt.mjs'
import { createRateLimiter } from './rate-limit.mjs'
import { createLogEntry } from './request-log.mjs'
import { apikeyRoutes } from './routes-apikeys.mjs'
import { tokenRoutes } from './routes-token.mjs'
import { seedStore } from './seed.mjs'
import { StoreError, createStore, parseIbmDate, toApiKeyJson } from './store.mjs'

/**
 * @typedef {import('./faults.mjs').Fault} Fault
 * @typedef {import('./rate-limit.mjs').RateLimit} RateLimit
 * @typedef {import('./request-log.mjs').LogEntry} LogEntry
 * @typedef {import('./seed.mjs').Seed} Seed
 * @typedef {ReturnType<typeof toApiKeyJson>} ApiKeyJson
 *
 * @typedef {object} NewKeySpec
 * @property {string} iamId a service ID's iam_id
 * @property {string} [accountId] checked against the identity's account when given
 * @property {string} [name] default `emulator-key-<hex>`
 * @property {string} [description]
 * @property {Date | string} [expiresAt] `yyyy-MM-ddTHH:mm+0000` or anything Date parses; may be past
 * @property {Date | string} [createdAt] default now; lets tests backdate keys
 *
 * @typedef {object} EmulatorOptions
 * @property {boolean} [https] default true; false serves plain http
 * @property {string} [host] default 127.0.0.1
 * @property {number} [port] default 0 (random free port)
 * @property {number} [tokenLifetimeSeconds] default 3600
 * @property {RateLimit | null} [rateLimit] applied to POST /identity/token
 * @property {number} [apikeyLimit] API keys per identity, default 20
 *
 * @typedef {object} Emulator
 * @property {string} url e.g. https://127.0.0.1:43121 (no trailing slash)
 * @property {string | null} caPath CA PEM file in a fresh temp folder (null with https: false)
 * @property {string | null} caPem
 * @property {number} port
 * @property {Seed} seed
 * @property {LogEntry[]} requests one entry per request, in arrival order; no secrets
 * @property {() => Promise<void>} close
 * @property {(route: string, fault: Fault) => void} queueFault
 * @property {(rl: RateLimit | null) => void} setRateLimit
 * @property {() => void} reset clears faults, the request log and the rate limit
 * @property {(spec: NewKeySpec) => { id: string, apikey: string }} createApiKey
 *   bypasses permissions, not apikeyLimit
 * @property {(idOrValue: string) => boolean} apiKeyExists true while not deleted (expired keys exist)
 * @property {() => ApiKeyJson[]} listApiKeys every key not deleted, all accounts, without values
 */

const routes = [...tokenRoutes, ...apikeyRoutes]

/** @param {Date | string} value @param {string} name */
function toDate(value, name) {
  const date = value instanceof Date ? value : (parseIbmDate(value) ?? new Date(value))
  if (Number.isNaN(date.getTime())) throw new Error(`Invalid ${name}: ${String(value)}`)
  return date
}

/** @param {EmulatorOptions} [options] @returns {Promise<Emulator>} */
export async function startEmulator(options = {}) {
  const useHttps = options.https ?? true
  const host = options.host ?? '127.0.0.1'
  const tokenLifetimeSeconds = options.tokenLifetimeSeconds ?? 3600
  const apikeyLimit = options.apikeyLimit ?? 20
  if (!(Number.isInteger(tokenLifetimeSeconds) && tokenLifetimeSeconds > 0)) {
    throw new Error('tokenLifetimeSeconds must be a positive integer')
  }
  // The seed needs one key per service ID.
  if (!(Number.isInteger(apikeyLimit) && apikeyLimit >= 1)) {
    throw new Error('apikeyLimit must be an integer >= 1')
  }

  const store = createStore({ apikeyLimit })
  const seed = seedStore(store)
  const faults = createFaultQueue()
  const rateLimiter = createRateLimiter()
  rateLimiter.set(options.rateLimit ?? null)
  const [certs, signer] = await Promise.all([
    useHttps ? createCertificates() : Promise.resolve(null),
    createTokenSigner()
  ])
  /** @type {import('./http-io.mjs').Deps} */
  const deps = { store, signer, rateLimiter, tokenLifetimeSeconds }
  /** @type {LogEntry[]} */
  const requests = []
  /** @type {Set<NodeJS.Timeout>} */
  const timers = new Set()
  let closed = false

  /** @param {number} ms */
  const sleep = (ms) =>
    new Promise((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer)
        resolve(undefined)
      }, ms)
      timers.add(timer)
    })

  /**
   * Applies a queued fault; returns true when it replaced normal handling.
   * @param {import('./http-io.mjs').RequestContext} ctx @param {Fault} fault
   */
  async function applyFault(ctx, fault) {
    if (fault.hang) return true
    if (fault.delayMs) await sleep(fault.delayMs)
    if (closed) return true
    if (fault.drop) {
      ctx.req.socket.destroy()
      return true
    }
    if (fault.status === undefined) {
      for (const [name, value] of Object.entries(fault.headers ?? {}))
        ctx.res.setHeader(name, value)
      return false
    }
    if (fault.bodyBreak || fault.trickleMs || fault.padTo) {
      await sendFaultyBody(ctx, fault, sleep, () => closed)
      return true
    }
    ctx.send(fault.status, fault.body ?? '', fault.headers)
    return true
  }

  /** @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res */
  async function handle(req, res) {
    const transactionId = `iam-emu-${randomBytes(16).toString('hex')}`
    res.setHeader('Transaction-Id', transactionId)
    const url = new URL(req.url ?? '/', 'http://emulator.invalid')
    const entry = createLogEntry(req, url)
    requests.push(entry)
    const protocol = useHttps ? 'https' : 'http'
    const ctx = createContext(req, res, { url, entry, transactionId, protocol })
    try {
      const fault = faults.take(entry.method, entry.path)
      if (fault && (await applyFault(ctx, fault))) return
      for (const route of routes) {
        const match = route.pattern.exec(entry.path)
        if (match && (route.method === '*' || route.method === entry.method)) {
          return await route.handle(ctx, deps, match.slice(1))
        }
      }
      ctx.send(404, {
        errors: [
          {
            code: 'not_found',
            message_code: 'BXNIM0102E',
            message: `No route for ${entry.method} ${entry.path}.`
          }
        ],
        status_code: 404,
        trace: transactionId
      })
    } catch (error) {
      if (error instanceof BodyTooLargeError) return ctx.send(413, { error: error.message })
      ctx.send(500, {
        error: `IAM emulator bug: ${error instanceof Error ? error.message : error}`
      })
    }
  }

  const server = certs
    ? https.createServer({ key: certs.keyPem, cert: certs.certPem }, handle)
    : http.createServer(handle)
  await new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, host, () => resolve(undefined))
  })
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  const urlHost = host.includes(':') ? `[${host}]` : host

  const caDir = certs ? await mkdtemp(join(tmpdir(), 'iam-emulator-')) : null
  const caPath = caDir ? join(caDir, 'ca.pem') : null
  if (caPath && certs) await writeFile(caPath, certs.caPem)

  return {
    url: `${useHttps ? 'https' : 'http'}://${urlHost}:${port}`,
    caPath,
    caPem: certs?.caPem ?? null,
    port,
    seed,
    requests,
    async close() {
      if (closed) return
      closed = true
      for (const timer of timers) clearTimeout(timer)
      timers.clear()
      const stopped = new Promise((resolve) => server.close(() => resolve(undefined)))
      server.closeAllConnections()
      await stopped
      if (caDir) await rm(caDir, { recursive: true, force: true })
    },
    queueFault: (route, fault) => faults.queue(route, fault),
    setRateLimit: (rl) => rateLimiter.set(rl),
    reset() {
      faults.clear()
      requests.length = 0
      rateLimiter.set(null)
    },
    createApiKey({ iamId, accountId, name, description, expiresAt, createdAt }) {
      const identity = store.identity(iamId)
      if (accountId !== undefined && identity && identity.accountId !== accountId) {
        throw new StoreError('unknown_identity', `${iamId} is not in account ${accountId}`)
      }
      const key = store.createApiKey({
        iamId,
        name: name ?? `emulator-key-${randomBytes(4).toString('hex')}`,
        description,
        expiresAt: expiresAt === undefined ? null : toDate(expiresAt, 'expiresAt'),
        ...(createdAt === undefined ? {} : { createdAt: toDate(createdAt, 'createdAt') })
      })
      return { id: key.id, apikey: key.value }
    },
    apiKeyExists: (idOrValue) => Boolean(store.keyById(idOrValue) ?? store.keyByValue(idOrValue)),
    listApiKeys: () => store.activeKeys().map((key) => toApiKeyJson(key))
  }
}
