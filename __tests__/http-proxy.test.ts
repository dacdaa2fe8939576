/**
 * The shipped transport behind proxies, over real loopback sockets (no nock: it replaces the
 * request machinery a proxy agent depends on). One deadline per attempt must end a request
 * wherever it is stuck, the proxy's CONNECT included; a `direct` request never uses a proxy.
 */
import dns from 'node:dns'
import { createServer, type Server } from 'node:http'
import { createServer as createTcpServer, isIP, type AddressInfo, type Socket } from 'node:net'
import { afterEach, beforeAll, afterAll, beforeEach, describe, expect, it } from '@jest/globals'
import { NetworkError } from '../src/errors.js'
import { createHttpTransport } from '../src/iam/http.js'
import { startTestProxy, type TestProxy } from './helpers/proxies.js'

const PROXY_VARS = [
  'HTTPS_PROXY',
  'https_proxy',
  'HTTP_PROXY',
  'http_proxy',
  'NO_PROXY',
  'no_proxy'
]
let saved: Record<string, string | undefined>
let proxy: TestProxy | undefined
beforeEach(() => {
  saved = Object.fromEntries(PROXY_VARS.map((name) => [name, process.env[name]]))
  for (const name of PROXY_VARS) delete process.env[name]
})
afterEach(async () => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name]
    else process.env[name] = value
  }
  await proxy?.close()
  proxy = undefined
})

/** Names of this file that resolve to loopback (as an /etc/hosts line would); no query leaves the machine. */
const LOOPBACK_NAMES = new Set(['metadata.example.test'])
const systemLookup = dns.lookup
beforeAll(() => {
  dns.lookup = ((host: string, options: unknown, callback?: unknown) => {
    const cb = (typeof options === 'function' ? options : callback) as (...a: unknown[]) => void
    const all = typeof options === 'object' && (options as { all?: boolean } | null)?.all
    if (isIP(host) || host === 'localhost') {
      return (systemLookup as (...a: unknown[]) => void)(host, options, callback)
    }
    if (!LOOPBACK_NAMES.has(host)) {
      return process.nextTick(
        cb,
        Object.assign(new Error(`ENOTFOUND ${host}`), { code: 'ENOTFOUND' })
      )
    }
    if (all) return process.nextTick(cb, null, [{ address: '127.0.0.1', family: 4 }])
    return process.nextTick(cb, null, '127.0.0.1', 4)
  }) as typeof dns.lookup
})
afterAll(() => {
  dns.lookup = systemLookup
})

const transport = (timeoutMs: number) => createHttpTransport({ userAgent: 'test', timeoutMs })

/** Polls `check` every 20 ms for at most `ms`. */
async function eventually(check: () => boolean, ms = 2000): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end;) {
    if (check()) return true
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  return check()
}

async function listen(server: Server | ReturnType<typeof createTcpServer>): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  return (server.address() as AddressInfo).port
}

describe('one deadline per attempt, behind a proxy', () => {
  it('ends a request whose CONNECT the proxy accepts and never answers, and closes the connection', async () => {
    proxy = await startTestProxy({ silent: true })
    process.env.HTTPS_PROXY = proxy.url
    const started = Date.now()
    const err = await transport(300)({
      method: 'POST',
      url: 'https://iam.example.test/identity/token',
      headers: {},
      body: 'apikey=x'
    }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(NetworkError)
    expect(err).toMatchObject({ code: 'ETIMEDOUT', message: 'ETIMEDOUT: request timed out' })
    expect(Date.now() - started).toBeLessThan(2000) // not a benchmark: without the fix it never ends
    expect(proxy.connects).toEqual(['iam.example.test:443'])
    // The CONNECT is aborted too: nothing of the attempt is left open.
    expect(await eventually(() => proxy!.open === 0)).toBe(true)
  }, 5000)

  it('ends a request whose tunnel opens and then stays silent (TLS never starts)', async () => {
    const silentSockets = new Set<Socket>()
    const blackHole = createTcpServer((socket) => {
      silentSockets.add(socket)
      socket.on('error', () => undefined)
    })
    const port = await listen(blackHole)
    try {
      proxy = await startTestProxy({ target: { host: '127.0.0.1', port } })
      process.env.HTTPS_PROXY = proxy.url
      const err = await transport(300)({
        method: 'GET',
        url: 'https://iam.example.test/v1/apikeys',
        headers: {}
      }).catch((e: unknown) => e)
      expect(err).toMatchObject({ code: 'ETIMEDOUT' })
      expect(proxy.connects).toEqual(['iam.example.test:443'])
    } finally {
      for (const s of silentSockets) s.destroy()
      await new Promise((resolve) => blackHole.close(resolve))
    }
  }, 5000)
})

describe('a direct request (the VPC metadata service)', () => {
  let server: Server
  let port: number
  const seen: string[] = []
  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push(`${req.method} ${req.headers.host}${req.url}`)
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"ok":true}')
    })
    port = await listen(server)
  })
  afterAll(() => new Promise((resolve) => server.close(resolve)))
  beforeEach(async () => {
    seen.length = 0
    proxy = await startTestProxy({ target: { host: '127.0.0.1', port } })
    process.env.HTTP_PROXY = proxy.url
    process.env.HTTPS_PROXY = proxy.url
  })

  const request = (direct?: boolean) =>
    transport(2000)({
      method: 'PUT',
      url: `http://metadata.example.test:${port}/instance_identity/v1/token`,
      headers: {},
      body: '{}',
      ...(direct === undefined ? {} : { direct })
    })

  it('goes straight to the server, and the proxy sees nothing', async () => {
    const res = await request(true)
    expect(res).toMatchObject({ status: 200, body: '{"ok":true}' })
    expect(seen).toEqual([`PUT metadata.example.test:${port}/instance_identity/v1/token`])
    expect(proxy!.connections).toBe(0)
  })

  it('also when NO_PROXY is set to something else', async () => {
    process.env.NO_PROXY = 'iam.cloud.ibm.com'
    await expect(request(true)).resolves.toMatchObject({ status: 200 })
    expect(proxy!.connections).toBe(0)
  })

  it('while any other request uses the proxy (so the test above could fail)', async () => {
    const res = await request()
    expect(res).toMatchObject({ status: 200 })
    expect(proxy!.connects).toEqual([`metadata.example.test:${port}`])
  })
})
