import { isLoopbackHost, parseBaseUrl } from '../iam/endpoints.js'

export const DEFAULT_METADATA_ENDPOINT = 'http://169.254.169.254'

/**
 * Hosts the VPC instance metadata service answers on without TLS: the link-local address,
 * its name, and loopback (an emulator). Plain http to anything else could send an instance
 * identity token across a network.
 */
const PLAIN_HTTP_HOSTS = new Set(['169.254.169.254', 'api.metadata.cloud.ibm.com'])

/** Validates `vpc-metadata-endpoint` and returns it without a trailing slash. */
export function parseMetadataEndpoint(value: string): string {
  return parseBaseUrl('vpc-metadata-endpoint', value, {
    notAUrl: `Leave it empty for ${DEFAULT_METADATA_ENDPOINT}.`,
    plainHttpTo: (host) => PLAIN_HTTP_HOSTS.has(host) || isLoopbackHost(host),
    plainHttpRefused:
      'which is accepted only for 169.254.169.254, api.metadata.cloud.ibm.com and loopback (an ' +
      `emulator). Use https://, or leave it empty for ${DEFAULT_METADATA_ENDPOINT}.`,
    schemes: 'http:// or https://'
  })
}
