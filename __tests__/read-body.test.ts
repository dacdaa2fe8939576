import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { NetworkError } from '../src/errors.js'
import { createHttpTransport } from '../src/iam/http.js'

/** A loopback server whose answers misbehave on purpose (nock cannot stall a body). */
let server: Server
let url = ''
beforeAll(async () => {
  server = createServer((req, res) => {
    const half = '{"access_token":"abc'
    if (req.url === '/stall') {
      res.writeHead(200, { 'Content-Type': 'application/json' })
      res.write(half)
    } else if (req.url === '/drop') {
      res.writeHead(200, { 'Content-Type': 'application/json' })
      res.write(half, () => setTimeout(() => req.socket.destroy(), 20))
    } else if (req.url === '/big') {
      res.writeHead(200, { 'Content-Type': 'application/json' })
      const chunk = Buffer.alloc(64 * 1024, 'a')
      const pump = () => {
        while (!res.destroyed && res.write(chunk));
        if (!res.destroyed) res.once('drain', pump)
      }
      pump()
    } else if (req.url === '/declared') {
      res.writeHead(200, { 'Content-Length': String(50 * 1024 * 1024) })
      res.write('{')
    } else {
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"ok":"é"}')
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})

const transport = createHttpTransport({ userAgent: 't', timeoutMs: 500 })
const get = (path: string) => transport({ method: 'GET', url: `${url}${path}`, headers: {} })

describe('the shipped transport reads answers itself, bounded', () => {
  it('reads a whole answer, multi-byte characters intact', async () => {
    await expect(get('/ok')).resolves.toMatchObject({ status: 200, body: '{"ok":"é"}' })
  })

  it('a body that stalls after the headers times out within the deadline', async () => {
    const started = Date.now()
    const err = await get('/stall').catch((e: unknown) => e)
    expect(err).toBeInstanceOf(NetworkError)
    expect((err as NetworkError).code).toBe('ETIMEDOUT')
    // Not a timing assertion of speed: a hang would never settle at all.
    expect(Date.now() - started).toBeLessThan(5000)
  })

  it('a body that breaks off is a NetworkError (retried by the rules like any other)', async () => {
    await expect(get('/drop')).rejects.toMatchObject({ name: 'NetworkError', code: 'ECONNRESET' })
  })

  it('an endless body is refused past 1 MiB, not buffered', async () => {
    await expect(get('/big')).rejects.toThrow(/larger than 1024 KiB/)
  })

  it('a declared Content-Length past the cap is refused before reading', async () => {
    await expect(get('/declared')).rejects.toThrow(/larger than 1024 KiB/)
  })
})
