import { createServer, type IncomingMessage } from 'node:http'
import { connect, type AddressInfo, type Socket } from 'node:net'

/**
 * A proxy on loopback that records everything that reaches it: every TCP connection, every
 * CONNECT it is asked (`host:port`) and every plain proxied request (`METHOD url`). While
 * `silent` is false it tunnels each CONNECT to `target` (an emulator), so a client can use a
 * real IBM host name offline; once `silent` is true it accepts connections and CONNECTs and
 * never answers a byte, like a proxy that is wedged or hostile.
 */
export interface TestProxy {
  url: string
  /** TCP connections accepted, in all. */
  connections: number
  /** `host:port` of every CONNECT, in order. */
  connects: string[]
  /** `METHOD url` of every request sent to it as a forward proxy (no CONNECT). */
  requests: string[]
  silent: boolean
  /** Client connections still open. */
  readonly open: number
  close(): Promise<void>
}

export async function startTestProxy(
  options: { target?: { host: string; port: number }; silent?: boolean } = {}
): Promise<TestProxy> {
  const sockets = new Set<Socket>()
  const clients = new Set<Socket>()
  const track = (socket: Socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.on('error', () => socket.destroy())
  }
  const server = createServer((req: IncomingMessage, res) => {
    proxy.requests.push(`${req.method} ${req.url}`)
    if (proxy.silent) return
    res.writeHead(405, { 'Content-Type': 'text/plain', Allow: 'CONNECT' })
    res.end('This proxy only answers CONNECT.\n')
  })
  server.on('connection', (socket: Socket) => {
    proxy.connections++
    track(socket)
    clients.add(socket)
    socket.on('close', () => clients.delete(socket))
  })
  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    proxy.connects.push(req.url ?? '')
    // The server half-opens (allowHalfOpen): a client that hangs up ends the tunnel here too.
    client.once('end', () => client.destroy())
    const target = options.target
    if (proxy.silent || !target) return // accepted, and never answered
    const upstream = connect(target.port, target.host)
    track(upstream)
    upstream.once('connect', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
      if (head.length > 0) upstream.write(head)
      upstream.pipe(client)
      client.pipe(upstream)
    })
    client.once('close', () => upstream.destroy())
    upstream.once('close', () => client.destroy())
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  const proxy: TestProxy = {
    url: `http://127.0.0.1:${port}`,
    connections: 0,
    connects: [],
    requests: [],
    silent: options.silent ?? false,
    get open() {
      return clients.size
    },
    async close() {
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()))
      for (const socket of sockets) socket.destroy()
      server.closeAllConnections()
      await stopped
    }
  }
  return proxy
}

/**
 * `promise`, or a rejection once `ms` have passed: a step that hangs fails its test with a
 * message instead of holding jest until its own timeout.
 */
export function within<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const limit = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} was still running after ${ms} ms`)), ms)
  })
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer))
}
