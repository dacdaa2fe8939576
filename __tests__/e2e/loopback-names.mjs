// @ts-check
// Preloaded into a step (NODE_OPTIONS=--import=<this file>) as an /etc/hosts entry would be:
// the names in E2E_LOOPBACK_NAMES (comma-separated) resolve to 127.0.0.1, so the bundle can be
// given a real IBM host name (api.metadata.cloud.ibm.com) and still reach only loopback. Any
// other name but localhost fails with ENOTFOUND: no query ever leaves the machine.
import dns from 'node:dns'
import { isIP } from 'node:net'

const names = new Set(
  (process.env.E2E_LOOPBACK_NAMES ?? '')
    .split(',')
    .map((n) => n.trim().toLowerCase())
    .filter(Boolean)
)
const system = dns.lookup

/** @type {any} */
const lookup = function (
  /** @type {string} */ host,
  /** @type {any} */ options,
  /** @type {any} */ callback
) {
  const cb = typeof options === 'function' ? options : callback
  const opts = typeof options === 'object' && options !== null ? options : {}
  const name = String(host).toLowerCase()
  if (name === 'localhost' || isIP(name)) return system(host, options, callback)
  if (!names.has(name)) {
    const error = Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), {
      code: 'ENOTFOUND',
      hostname: host
    })
    return process.nextTick(cb, error)
  }
  if (opts.all) return process.nextTick(cb, null, [{ address: '127.0.0.1', family: 4 }])
  return process.nextTick(cb, null, '127.0.0.1', 4)
}
dns.lookup = lookup
