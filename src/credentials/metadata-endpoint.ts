import { ConfigError } from '../errors.js'
import { isLoopbackHost } from '../iam/endpoints.js'

export const DEFAULT_METADATA_ENDPOINT = 'http://169.254.169.254'

/**
 * Hosts the VPC instance metadata service answers on without TLS: the link-local address,
 * its name, and loopback (an emulator). Plain http to anything else could send an instance
 * identity token across a network.
 */
const PLAIN_HTTP_HOSTS = new Set(['169.254.169.254', 'api.metadata.cloud.ibm.com'])

/** Validates `vpc-metadata-endpoint` and returns it without a trailing slash. */
export function parseMetadataEndpoint(value: string): string {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new ConfigError(
      `vpc-metadata-endpoint "${value}" is not a URL. Leave it empty for ${DEFAULT_METADATA_ENDPOINT}.`
    )
  }
  // ?query and #fragment on the raw text: `URL` drops a bare trailing '?' or '#'.
  if (url.username || url.password || /[?#]/.test(value)) {
    throw new ConfigError(
      'vpc-metadata-endpoint must be a base URL without user name, password, ?query or #fragment.'
    )
  }
  if (url.protocol === 'http:') {
    // `URL` gives the host name in lower case.
    if (!PLAIN_HTTP_HOSTS.has(url.hostname) && !isLoopbackHost(url.hostname)) {
      throw new ConfigError(
        `vpc-metadata-endpoint ${url.origin} uses plain http, which is accepted only for ` +
          '169.254.169.254, api.metadata.cloud.ibm.com and loopback (an emulator). Use https://, ' +
          `or leave it empty for ${DEFAULT_METADATA_ENDPOINT}.`
      )
    }
  } else if (url.protocol !== 'https:') {
    throw new ConfigError(
      `vpc-metadata-endpoint must start with http:// or https:// (got ${url.protocol}//).`
    )
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '')
}
