// @ts-check
// The emulator's entry module: startEmulator() (a local IBM Cloud IAM: token endpoint, JWKS
// and the IAM Identity API-key endpoints over HTTPS with a throwaway CA, plus a VPC instance
// metadata service on its own plain-HTTP loopback port; fault injection and a secret-free log)
// and startConnectProxy(). Import these from here; the folders are the emulator's insides:
// http/ (servers, faults, proxy), token/ (token service, grants), identity/ (Identity API),
// metadata/ (VPC metadata service), state/ (store, seed, request log). Routes: routes.mjs.
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import http from 'node:http'
import https from 'node:https'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createCertificates } from './http/certs.mjs'
import { createFaultQueue } from './http/faults.mjs'
import { createRateLimiter } from './http/rate-limit.mjs'
import { createDispatcher, listen } from './http/server.mjs'
import { SERVER_ROUTES } from './routes.mjs'
import { createApiKeyStore } from './state/apikey-store.mjs'
import { seedStore } from './state/seed.mjs'
import { createStore } from './state/store.mjs'
import { createTestControls } from './state/test-controls.mjs'
import { mintCrToken } from './token/compute-resource.mjs'
import { createRefreshTokens } from './token/issue.mjs'
import { createTokenSigner } from './token/jwt.mjs'

export { startConnectProxy } from './http/connect-proxy.mjs'

/**
 * @typedef {import('./http/faults.mjs').Fault} Fault
 * @typedef {import('./http/rate-limit.mjs').RateLimit} RateLimit
 * @typedef {import('./state/request-log.mjs').LogEntry} LogEntry
 * @typedef {import('./state/seed.mjs').Seed} Seed
 * @typedef {import('./state/test-controls.mjs').NewKeySpec} NewKeySpec
 * @typedef {ReturnType<typeof import('./identity/apikey-json.mjs').toApiKeyJson>} ApiKeyJson
 * @typedef {import('./http/connect-proxy.mjs').ConnectProxy} ConnectProxy
 *
 * @typedef {object} EmulatorOptions
 * @property {boolean} [https] default true; false serves plain http
 * @property {string} [host] default 127.0.0.1
 * @property {number} [port] default 0 (random free port)
 * @property {number} [metadataPort] VPC instance metadata service (plain http on host), default 0
 * @property {number} [tokenLifetimeSeconds] default 3600
 * @property {RateLimit | null} [rateLimit] POST /identity/token and metadata iam_token calls
 * @property {number} [apikeyLimit] API keys per identity, default 20
 * @property {Record<string, string>} [clients] client id -> secret for Basic auth, default { bx: 'bx' }
 *
 * @typedef {object} Emulator
 * @property {string} url e.g. https://127.0.0.1:43121 (no trailing slash)
 * @property {string} metadataUrl e.g. http://127.0.0.1:43122, the VPC instance metadata service
 * @property {string | null} caPath CA PEM file in a fresh temp folder (null with https: false)
 * @property {string | null} caPem
 * @property {number} port
 * @property {Seed} seed
 * @property {LogEntry[]} requests one entry per request to either server, in arrival order; no secrets
 * @property {() => Promise<void>} close
 * @property {(route: string, fault: Fault) => void} queueFault route of either server
 * @property {(rl: RateLimit | null) => void} setRateLimit
 * @property {() => void} reset clears faults, the request log and the rate limit
 * @property {(spec: NewKeySpec) => { id: string, apikey: string }} createApiKey
 *   bypasses permissions, not apikeyLimit
 * @property {(idOrValue: string) => boolean} apiKeyExists true while not deleted (expired keys exist)
 * @property {() => ApiKeyJson[]} listApiKeys every key not deleted, all accounts, without values
 * @property {(spec?: import('./token/compute-resource.mjs').CrTokenSpec) => string} issueCrToken
 *   another compute-resource token (other subject, expired, ...)
 */

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

  const [certs, signer] = await Promise.all([
    useHttps ? createCertificates() : Promise.resolve(null),
    createTokenSigner()
  ])
  const store = createStore()
  const keys = createApiKeyStore({ apikeyLimit, store })
  const seed = seedStore(store, keys, signer)
  const faults = createFaultQueue()
  const rateLimiter = createRateLimiter()
  rateLimiter.set(options.rateLimit ?? null)
  /** @type {import('./http/context.mjs').Deps} */
  const deps = {
    store,
    keys,
    signer,
    rateLimiter,
    tokenLifetimeSeconds,
    refreshTokens: createRefreshTokens(),
    clients: options.clients ?? { bx: 'bx' },
    instanceId: seed.instanceId
  }
  /** @type {LogEntry[]} */
  const requests = []
  /** @type {Set<NodeJS.Timeout>} */
  const timers = new Set()
  let closed = false
  /** @type {import('./http/server.mjs').Shared} */
  const shared = {
    faults,
    requests,
    isClosed: () => closed,
    sleep: (ms) =>
      new Promise((resolve) => {
        const timer = setTimeout(() => {
          timers.delete(timer)
          resolve(undefined)
        }, ms)
        timers.add(timer)
      })
  }

  const protocol = useHttps ? 'https' : 'http'
  const iamHandler = createDispatcher({
    service: 'iam',
    protocol,
    routes: SERVER_ROUTES.iam,
    deps,
    shared
  })
  const server = certs
    ? https.createServer({ key: certs.keyPem, cert: certs.certPem }, iamHandler)
    : http.createServer(iamHandler)
  const metadataServer = http.createServer(
    createDispatcher({
      service: 'metadata',
      protocol: 'http',
      routes: SERVER_ROUTES.metadata,
      deps,
      shared
    })
  )
  const [port, metadataPort] = await Promise.all([
    listen(server, options.port ?? 0, host),
    listen(metadataServer, options.metadataPort ?? 0, host)
  ])
  const urlHost = host.includes(':') ? `[${host}]` : host

  const caDir = certs ? await mkdtemp(join(tmpdir(), 'iam-emulator-')) : null
  const caPath = caDir ? join(caDir, 'ca.pem') : null
  if (caPath && certs) await writeFile(caPath, certs.caPem)

  /** @param {http.Server} s */
  const stop = (s) => {
    const stopped = new Promise((resolve) => s.close(() => resolve(undefined)))
    s.closeAllConnections()
    return stopped
  }

  return {
    url: `${protocol}://${urlHost}:${port}`,
    metadataUrl: `http://${urlHost}:${metadataPort}`,
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
      await Promise.all([stop(server), stop(metadataServer)])
      if (caDir) await rm(caDir, { recursive: true, force: true })
    },
    queueFault: (route, fault) => faults.queue(route, fault),
    setRateLimit: (rl) => rateLimiter.set(rl),
    reset() {
      faults.clear()
      requests.length = 0
      rateLimiter.set(null)
    },
    ...createTestControls(store, keys),
    issueCrToken: (spec) => mintCrToken(signer, spec)
  }
}
