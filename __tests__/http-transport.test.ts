import { createServer, type IncomingMessage, type Server } from 'node:http'
import { nodeFiles } from '../src/runner/files.js'
import { createServer as createTcpServer, type AddressInfo, type Socket } from 'node:net'
import nock from 'nock'
import { run as runMain } from '../src/main.js'
import { NetworkError } from '../src/errors.js'
import { createHttpTransport, toNetworkError } from '../src/iam/http.js'
import { APIKEY_GRANT as GRANT_APIKEY } from '../src/credentials/apikey.js'

const APIKEY_GRANT = GRANT_APIKEY
import { userAgent } from '../src/version.js'
import {
  ACCOUNT_ID,
  APIKEY,
  fakeClock,
  makeJwt,
  RecordingRunner,
  serviceIdClaims,
  tokenBody
} from './helpers/fakes.js'

const IAM = 'https://iam.cloud.ibm.com'
const NOW = Date.UTC(2026, 1, 20, 12, 0, 0)

beforeAll(() => {
  nock.disableNetConnect()
  nock.enableNetConnect('127.0.0.1')
})

afterEach(() => {
  nock.cleanAll()
})

afterAll(() => {
  nock.cleanAll()
  nock.restore()
  nock.enableNetConnect()
})

function realTransport(timeoutMs = 5000) {
  return createHttpTransport({ userAgent: userAgent(), timeoutMs })
}

describe('token request through the real transport (nock)', () => {
  it('sends exactly one well-formed POST to /identity/token', async () => {
    const jwt = makeJwt(serviceIdClaims(NOW))
    const seen: { headers: Record<string, unknown>; body: string }[] = []
    const scope = nock(IAM)
      .post('/identity/token')
      .reply(function (_uri, body) {
        seen.push({
          headers: { ...this.req.headers },
          body: typeof body === 'string' ? body : JSON.stringify(body)
        })
        return [200, tokenBody(jwt), { 'Content-Type': 'application/json' }]
      })

    const runner = new RecordingRunner({ apikey: `${APIKEY}\n`, 'account-id': ACCOUNT_ID })
    await runMain({
      runner,
      clock: fakeClock(NOW),
      env: {},
      files: nodeFiles,
      createTransport: ({ timeoutMs }) => realTransport(timeoutMs)
    })

    expect(runner.failed).toBeUndefined()
    expect(scope.isDone()).toBe(true)
    expect(seen).toHaveLength(1)
    const { headers, body } = seen[0]!
    const form = new URLSearchParams(body)
    expect(form.get('grant_type')).toBe(APIKEY_GRANT)
    expect(form.get('apikey')).toBe(APIKEY)
    expect(form.getAll('apikey')).toHaveLength(1)
    expect(headers['content-type']).toBe('application/x-www-form-urlencoded')
    expect(headers['accept']).toBe('application/json')
    expect(headers['ibm-cloud-tenant']).toBe(ACCOUNT_ID)
    const ua = String(headers['user-agent'])
    expect(ua).toContain('ibmcloud-iam-token-action/1.0.0')
    expect(ua).toContain(process.version)
    expect(ua).toContain(process.platform)
    expect(runner.outputs.token).toBe(jwt)
    expect(runner.env.IBMCLOUD_IAM_TOKEN).toBe(jwt)
  })

  it('returns status, body and lower-cased headers of an error answer', async () => {
    nock(IAM)
      .post('/identity/token')
      .reply(400, '{"errorCode":"BXNIM0415E"}', {
        'Transaction-Id': 'tx-1',
        'Set-Cookie': ['a=1', 'b=2']
      })
    const res = await realTransport()({
      method: 'POST',
      url: `${IAM}/identity/token`,
      headers: {},
      body: 'x=1'
    })
    expect(res.status).toBe(400)
    expect(res.body).toBe('{"errorCode":"BXNIM0415E"}')
    expect(res.headers['transaction-id']).toBe('tx-1')
    expect(res.headers['set-cookie']).toBe('a=1, b=2')
  })

  it('does not follow a redirect, so the key is never re-sent elsewhere', async () => {
    nock(IAM)
      .post('/identity/token')
      .reply(307, '', { Location: 'https://collector.example.test/identity/token' })
    const elsewhere = nock('https://collector.example.test').post(/.*/).reply(200, '{}')
    const res = await realTransport()({
      method: 'POST',
      url: `${IAM}/identity/token`,
      headers: {},
      body: `apikey=${APIKEY}`
    })
    expect(res.status).toBe(307)
    expect(elsewhere.isDone()).toBe(false)
  })

  it('turns a socket error into a NetworkError with its code', async () => {
    nock(IAM)
      .post('/identity/token')
      .replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))
    const err = await realTransport()({
      method: 'POST',
      url: `${IAM}/identity/token`,
      headers: {},
      body: ''
    }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(NetworkError)
    expect(err).toMatchObject({ code: 'ECONNRESET' })
  })
})

describe('toNetworkError', () => {
  it("maps http-client's timeout message to ETIMEDOUT without the request path", () => {
    const err = toNetworkError(new Error('Request timeout: /identity/token?x=1'))
    expect(err.code).toBe('ETIMEDOUT')
    expect(err.message).not.toContain('/identity/token')
  })

  it('says only "request timed out" for a timeout, and keeps any other message', () => {
    expect(toNetworkError(new Error('Request timeout: /x'))).toMatchObject({
      code: 'ETIMEDOUT',
      cause_: 'request timed out'
    })
    expect(toNetworkError('weird')).toMatchObject({ code: 'EUNKNOWN', cause_: 'weird' })
    expect(toNetworkError(undefined)).toMatchObject({ code: 'EUNKNOWN', cause_: 'undefined' })
  })

  it('reads a timeout from the message only when the error has no code of its own', () => {
    const coded = Object.assign(new Error('Request timeout: /x'), { code: 'ECONNRESET' })
    expect(toNetworkError(coded)).toMatchObject({ code: 'ECONNRESET' })
    expect(toNetworkError(new Error('upstream said: Request timeout'))).toMatchObject({
      code: 'EUNKNOWN',
      cause_: 'upstream said: Request timeout'
    })
  })

  it('keeps the code of a system error, and EUNKNOWN otherwise', () => {
    const sys = Object.assign(new Error('getaddrinfo ENOTFOUND x.test'), { code: 'ENOTFOUND' })
    expect(toNetworkError(sys)).toMatchObject({ code: 'ENOTFOUND' })
    expect(toNetworkError('weird')).toMatchObject({ code: 'EUNKNOWN' })
    const ne = new NetworkError('EPIPE', 'x')
    expect(toNetworkError(ne)).toBe(ne)
  })
})

describe('real loopback server', () => {
  let server: Server
  let url: string
  const received: IncomingMessage[] = []

  beforeAll(async () => {
    // Accepts connections and reads requests, but never answers.
    server = createServer((req) => {
      received.push(req)
      req.resume()
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })

  afterEach(() => {
    received.length = 0
  })

  afterAll(async () => {
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  })

  it('throws NetworkError ETIMEDOUT when the server does not answer within the timeout', async () => {
    const err = await createHttpTransport({ userAgent: 'test', timeoutMs: 300 })({
      method: 'POST',
      url: `${url}/identity/token`,
      headers: {},
      body: 'a=b'
    }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(NetworkError)
    expect(err).toMatchObject({ code: 'ETIMEDOUT' })
    expect(received).toHaveLength(1)
  })

  it('timeout-seconds bounds each attempt; the step retries, then explains the timeout', async () => {
    const runner = new RecordingRunner({
      apikey: APIKEY,
      'iam-endpoint': url,
      'timeout-seconds': '1',
      'max-attempts': '2'
    })
    const clock = fakeClock(NOW)
    await runMain({
      runner,
      clock,
      env: {},
      files: nodeFiles,
      createTransport: ({ timeoutMs }) => realTransport(timeoutMs)
    })
    expect(received).toHaveLength(2)
    expect(clock.sleeps).toHaveLength(1)
    expect(runner.failed).toContain('ETIMEDOUT')
    expect(runner.failed).toContain('after 2 attempts')
    expect(runner.failed).toMatch(/timeout-seconds/)
    expect(runner.failed).not.toContain(APIKEY)
    expect(runner.count('setOutput')).toBe(0)
  })

  it('opens a fresh connection for each attempt (Connection: close)', async () => {
    const seen: (string | undefined)[] = []
    const answering = createServer((req, res) => {
      seen.push(req.headers.connection)
      res.end('{}')
    })
    await new Promise<void>((resolve) => answering.listen(0, '127.0.0.1', resolve))
    try {
      const port = (answering.address() as AddressInfo).port
      await realTransport()({ method: 'GET', url: `http://127.0.0.1:${port}/`, headers: {} })
      expect(seen).toEqual(['close'])
    } finally {
      await new Promise<void>((resolve) => answering.close(() => resolve()))
    }
  })

  it("gives a 401 back as an answer: http-client's authentication handlers are not used", async () => {
    const refusing = createServer((_req, res) => {
      res.writeHead(401, { 'Content-Type': 'application/json' }).end('{"errorCode":"BXNIM0407E"}')
    })
    await new Promise<void>((resolve) => refusing.listen(0, '127.0.0.1', resolve))
    try {
      const port = (refusing.address() as AddressInfo).port
      const res = await realTransport()({
        method: 'GET',
        url: `http://127.0.0.1:${port}/`,
        headers: {}
      })
      expect(res).toMatchObject({ status: 401, body: '{"errorCode":"BXNIM0407E"}' })
    } finally {
      await new Promise<void>((resolve) => refusing.close(() => resolve()))
    }
  })

  it('reaches an IPv6 literal endpoint, sending its bracketed Host', async () => {
    const v6 = createServer((req, res) => res.end(String(req.headers.host)))
    await new Promise<void>((resolve) => v6.listen(0, '::1', resolve))
    try {
      const port = (v6.address() as AddressInfo).port
      const res = await realTransport()({
        method: 'GET',
        url: `http://[::1]:${port}/`,
        headers: {}
      })
      expect(res).toMatchObject({ status: 200, body: `[::1]:${port}` })
    } finally {
      await new Promise<void>((resolve) => v6.close(() => resolve()))
    }
  })

  it('the deadline also ends headers that trickle in (no idle gap for a socket timeout)', async () => {
    const sockets: Socket[] = []
    const trickle = createTcpServer((socket) => {
      sockets.push(socket)
      socket.write('HTTP/1.1 200 OK\r\n')
      const timer = setInterval(() => socket.write('X-Slow: 1\r\n'), 50)
      socket.on('close', () => clearInterval(timer))
      socket.on('error', () => clearInterval(timer))
    })
    await new Promise<void>((resolve) => trickle.listen(0, '127.0.0.1', resolve))
    try {
      const port = (trickle.address() as AddressInfo).port
      const attempt = createHttpTransport({ userAgent: 'test', timeoutMs: 300 })({
        method: 'GET',
        url: `http://127.0.0.1:${port}/`,
        headers: {}
      }).catch((e: unknown) => e)
      // Bounds this test's own wait: without the deadline the request would never settle.
      let bound: NodeJS.Timeout | undefined
      const never = new Promise((resolve) => {
        bound = setTimeout(() => resolve('still waiting'), 5000)
      })
      expect(await Promise.race([attempt, never])).toMatchObject({
        name: 'NetworkError',
        code: 'ETIMEDOUT',
        cause_: 'request timed out'
      })
      clearTimeout(bound)
    } finally {
      for (const socket of sockets) socket.destroy()
      await new Promise<void>((resolve) => trickle.close(() => resolve()))
    }
  })

  it('reports a refused connection as ECONNREFUSED', async () => {
    const closed = createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const port = (closed.address() as AddressInfo).port
    await new Promise<void>((resolve) => closed.close(() => resolve()))
    const err = await realTransport()({
      method: 'GET',
      url: `http://127.0.0.1:${port}/`,
      headers: {}
    }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(NetworkError)
    expect(err).toMatchObject({ code: 'ECONNREFUSED' })
  })
})
