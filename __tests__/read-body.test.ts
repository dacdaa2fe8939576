import { getEventListeners } from 'node:events'
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { PassThrough } from 'node:stream'
import { ActionError, NetworkError } from '../src/errors.js'
import { createHttpTransport } from '../src/iam/http.js'
import { MAX_RESPONSE_BYTES, readBodyCapped, tooLarge } from '../src/iam/read-body.js'

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

  it('an endless body is refused past 1 MiB, not buffered, and not as a network error', async () => {
    const err = await get('/big').catch((e: unknown) => e)
    expect(err).toEqual(tooLarge(MAX_RESPONSE_BYTES))
    expect(err).toBeInstanceOf(ActionError)
  })

  it('a declared Content-Length past the cap is refused before reading', async () => {
    const err = await get('/declared').catch((e: unknown) => e)
    expect(err).toEqual(tooLarge(MAX_RESPONSE_BYTES))
    expect(err).toBeInstanceOf(ActionError)
  })
})

describe('tooLarge', () => {
  it('says how big is too big, why, and what to check', () => {
    expect(tooLarge(MAX_RESPONSE_BYTES).message).toBe(
      "The answer from iam-endpoint is larger than 1024 KiB, and IBM Cloud IAM's answers are a " +
        'few KB: refused without reading the rest. Check that `iam-endpoint` points at IAM ' +
        'itself, not at a proxy or a portal page.'
    )
  })
})

/** A stand-in for an IncomingMessage whose events each test sends itself. */
function fakeAnswer(headers: Record<string, string> = {}) {
  const stream = Object.assign(new PassThrough(), { headers, complete: false })
  return { stream, message: stream as unknown as IncomingMessage }
}

// A fake stream's answer settles at once; one that never settles fails its test in 2 s (a mutant
// that loses an event is then killed, not left to Stryker's much longer timeout).
const SETTLES = 2000

describe('readBodyCapped, event by event', () => {
  const BROKEN = {
    name: 'NetworkError',
    code: 'ECONNRESET',
    cause_: 'the connection closed before the answer was complete'
  }

  it(
    'gives the text joined once, and then stops listening for the deadline',
    async () => {
      const deadline = new AbortController()
      const { stream, message } = fakeAnswer()
      const body = readBodyCapped(message, deadline.signal)
      expect(getEventListeners(deadline.signal, 'abort')).toHaveLength(1)
      stream.write('{"a":')
      stream.complete = true // as Node sets it once the last byte arrived
      stream.end('"é"}')
      await expect(body).resolves.toBe('{"a":"é"}')
      expect(getEventListeners(deadline.signal, 'abort')).toHaveLength(0)
    },
    SETTLES
  )

  it(
    'the deadline ends the read with ETIMEDOUT and destroys the stream',
    async () => {
      const deadline = new AbortController()
      const { stream, message } = fakeAnswer()
      const body = readBodyCapped(message, deadline.signal)
      stream.write('{"a":')
      deadline.abort()
      await expect(body).rejects.toMatchObject({
        name: 'NetworkError',
        code: 'ETIMEDOUT',
        cause_: 'request timed out'
      })
      expect(stream.destroyed).toBe(true)
      expect(getEventListeners(deadline.signal, 'abort')).toHaveLength(0)
    },
    SETTLES
  )

  it(
    'a deadline already past refuses at once, without waiting for the body',
    async () => {
      const deadline = new AbortController()
      deadline.abort()
      const { stream, message } = fakeAnswer()
      const body = readBodyCapped(message, deadline.signal)
      stream.end('{}')
      await expect(body).rejects.toMatchObject({ name: 'NetworkError', code: 'ETIMEDOUT' })
      expect(stream.destroyed).toBe(true)
    },
    SETTLES
  )

  it(
    'takes exactly `limit` bytes, declared or not, and refuses one more',
    async () => {
      const limit = 2048
      const exact = fakeAnswer({ 'content-length': String(limit) })
      const read = readBodyCapped(exact.message, new AbortController().signal, limit)
      exact.stream.write('a'.repeat(1000))
      exact.stream.end('a'.repeat(limit - 1000))
      await expect(read).resolves.toHaveLength(limit)

      const over = fakeAnswer()
      const refused = readBodyCapped(over.message, new AbortController().signal, limit)
      over.stream.write('a'.repeat(1000))
      over.stream.end('a'.repeat(limit - 999))
      await expect(refused).rejects.toEqual(tooLarge(limit))
      expect(over.stream.destroyed).toBe(true)

      const declared = fakeAnswer({ 'content-length': String(limit + 1) })
      await expect(
        readBodyCapped(declared.message, new AbortController().signal, limit)
      ).rejects.toEqual(tooLarge(limit))
      expect(declared.stream.destroyed).toBe(true)
    },
    SETTLES
  )

  it.each(['error', 'aborted', 'close'])(
    "an '%s' event before the end is a connection broken off",
    async (event) => {
      const { stream, message } = fakeAnswer()
      const body = readBodyCapped(message, new AbortController().signal)
      stream.write('{"a":')
      stream.emit(event, new Error('socket hang up'))
      await expect(body).rejects.toMatchObject(BROKEN)
    },
    SETTLES
  )

  it(
    "a 'close' once the whole answer has arrived is not a break",
    async () => {
      const { stream, message } = fakeAnswer()
      const body = readBodyCapped(message, new AbortController().signal)
      stream.write('{}')
      stream.complete = true
      stream.emit('close')
      stream.end()
      await expect(body).resolves.toBe('{}')
    },
    SETTLES
  )
})
