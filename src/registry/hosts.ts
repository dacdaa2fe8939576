import { ConfigError } from '../errors.js'
import { oneLine } from '../untrusted.js'

/** IBM Cloud Container Registry's hosts: the global one and the regional ones. */
export const ICR_HOSTS = [
  'icr.io',
  'us.icr.io',
  'uk.icr.io',
  'de.icr.io',
  'jp.icr.io',
  'jp2.icr.io',
  'au.icr.io',
  'br.icr.io',
  'ca.icr.io',
  'es.icr.io'
] as const

const ACCEPTED =
  `${ICR_HOSTS.join(', ')}, private. + any of them (e.g. private.us.icr.io), or a loopback ` +
  'host:port for emulators and tests (127.0.0.1:5000, localhost:5000, [::1]:5000)'

const ICR = new Set<string>([...ICR_HOSTS, ...ICR_HOSTS.map((h) => `private.${h}`)])
const LOOPBACK = /^(?:127(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}|localhost|\[::1\]):(\d{1,5})$/

/** True for a host this action may configure: an ICR host, or loopback with a port. */
export function isRegistryHost(host: string): boolean {
  if (ICR.has(host)) return true
  const port = LOOPBACK.exec(host)?.[1]
  return port !== undefined && Number(port) >= 1 && Number(port) <= 65535
}

/**
 * The `registries` input: hosts separated by spaces, commas or new lines, each exactly one of
 * the accepted forms (no scheme, path, wildcard or other host), in order, duplicates dropped.
 */
export function parseRegistries(raw: string): string[] {
  const text = raw.trim()
  if (!text) return []
  const entries = text.split(/[\s,]+/)
  if (/(^|,)\s*(,|$)/.test(text.replace(/\s*\n\s*/g, ','))) {
    throw new ConfigError(
      `registries has an empty entry (two separators in a row): list hosts separated by spaces, ` +
        `commas or new lines. Accepted: ${ACCEPTED}.`
    )
  }
  const wrong = entries.filter((entry) => !isRegistryHost(entry.toLowerCase()))
  if (wrong.length > 0) {
    const shown = wrong.map((entry) => `"${oneLine(entry)}"`).join(', ')
    throw new ConfigError(
      `registries: ${shown} ${wrong.length === 1 ? 'is' : 'are'} not a Container Registry host ` +
        `this action logs in to (a bare host, no https:// and no path). Accepted: ${ACCEPTED}.`
    )
  }
  return [...new Set(entries.map((entry) => entry.toLowerCase()))]
}

/**
 * The host a credential helper is asked about: `us.icr.io`, `https://us.icr.io/v2/`,
 * `127.0.0.1:5000` all name their host (lower-cased, scheme and path dropped).
 */
export function serverHost(serverUrl: string): string {
  return serverUrl
    .trim()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')
    .replace(/[/?#].*$/s, '')
    .toLowerCase()
}
