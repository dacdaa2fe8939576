// @ts-check
// A CONNECT-only HTTP proxy that tunnels every asked host to one target (the emulator),
// so a client can use real IBM hostnames (iam.cloud.ibm.com, private.<region>...) offline.
import http from 'node:http'
import net from 'node:net'

/**
 * @typedef {object} ConnectProxy
 * @property {string} url http://127.0.0.1:<port>
 * @property {string[]} connects every `host:port` asked in a CONNECT, in order
 * @property {() => Promise<void>} close
 */

/** @param {{ target: { host: string, port: number } }} options @returns {Promise<ConnectProxy>} */
export async function startConnectProxy({ target }) {
  /** @type {string[]} */
  const connects = []
  /** @type {Set<import('node:net').Socket>} */
  const tunnels = new Set()

  /** @param {import('node:net').Socket} socket */
  const track = (socket) => {
    tunnels.add(socket)
    socket.on('close', () => tunnels.delete(socket))
    socket.on('error', () => socket.destroy())
  }

  const server = http.createServer((_req, res) => {
    res.writeHead(405, { 'Content-Type': 'text/plain', Allow: 'CONNECT' })
    res.end('This proxy only answers CONNECT.\n')
  })

  server.on('connect', (req, clientSocket, head) => {
    connects.push(req.url ?? '')
    const client = /** @type {import('node:net').Socket} */ (clientSocket)
    track(client)
    const upstream = net.connect(target.port, target.host)
    track(upstream)
    upstream.once('connect', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
      if (head.length > 0) upstream.write(head)
      upstream.pipe(client)
      client.pipe(upstream)
    })
    upstream.once('error', () => {
      if (client.writable) client.end('HTTP/1.1 502 Bad Gateway\r\n\r\n')
    })
    client.once('close', () => upstream.destroy())
    upstream.once('close', () => client.destroy())
  })

  await new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve(undefined))
  })
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0

  return {
    url: `http://127.0.0.1:${port}`,
    connects,
    async close() {
      const stopped = new Promise((resolve) => server.close(() => resolve(undefined)))
      for (const socket of tunnels) socket.destroy()
      server.closeAllConnections()
      await stopped
    }
  }
}
