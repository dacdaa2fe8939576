import { ConfigError } from '../errors.js'
import { oneLine } from '../untrusted.js'

export const PUBLIC_ENDPOINT = 'https://iam.cloud.ibm.com'
export const PRIVATE_ENDPOINT = 'https://private.iam.cloud.ibm.com'

/** Regions with a private regional IAM endpoint (private.<region>.iam.cloud.ibm.com). */
export const REGIONS = [
  'au-syd',
  'br-sao',
  'ca-mon',
  'ca-tor',
  'eu-de',
  'eu-es',
  'eu-gb',
  'jp-osa',
  'jp-tok',
  'us-east',
  'us-south'
] as const
type Region = (typeof REGIONS)[number]

function isRegion(value: string): value is Region {
  return (REGIONS as readonly string[]).includes(value)
}

/**
 * localhost, 127.0.0.0/8 and ::1: the only hosts plain http is allowed to. `URL.hostname` gives
 * IPv6 in brackets (`[::1]`); a bare `::1` is accepted too.
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase()
  if (host === 'localhost' || host === '[::1]' || host === '::1') return true
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)
}

/** What one endpoint input accepts: the rest of parseBaseUrl is the same for every endpoint. */
export interface BaseUrlRules {
  /** Said after "<input> "<value>" is not a URL.": what to give instead. */
  notAUrl: string
  /** The hosts plain http may go to; https goes anywhere. */
  plainHttpTo: (hostname: string) => boolean
  /** Why plain http is refused there: what follows "<input> <origin> uses plain http, ". */
  plainHttpRefused: string
  /** The schemes named when another one is given, e.g. "https://". */
  schemes: string
}

/**
 * The one base-URL validator under every endpoint input (`iam-endpoint`,
 * `vpc-metadata-endpoint`): a URL, no user name, password, ?query or #fragment (paths are
 * appended to it), http only to the hosts `rules` allow. Returns it without a trailing slash.
 */
export function parseBaseUrl(input: string, value: string, rules: BaseUrlRules): string {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new ConfigError(`${input} "${oneLine(value)}" is not a URL. ${rules.notAUrl}`)
  }
  // ?query and #fragment on the raw text: `URL` drops a bare trailing '?' or '#'.
  if (url.username || url.password || /[?#]/.test(value)) {
    throw new ConfigError(
      `${input} must be a base URL without user name, password, ?query or #fragment.`
    )
  }
  // `URL` gives the host name in lower case.
  if (url.protocol === 'http:' && !rules.plainHttpTo(url.hostname)) {
    throw new ConfigError(`${input} ${url.origin} uses plain http, ${rules.plainHttpRefused}`)
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConfigError(`${input} must start with ${rules.schemes} (got ${url.protocol}//).`)
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '')
}

/** Validates an `iam-endpoint` value and returns it without a trailing slash. */
export function parseEndpoint(value: string): string {
  return parseBaseUrl('iam-endpoint', value, {
    notAUrl: `Give a base URL such as ${PUBLIC_ENDPOINT}.`,
    plainHttpTo: isLoopbackHost,
    plainHttpRefused:
      'which would send the API key unencrypted. Use https:// (plain http is accepted only for ' +
      'a loopback emulator: localhost, 127.0.0.1, ::1).',
    schemes: 'https://'
  })
}

export interface EndpointChoice {
  iamEndpoint: string
  region: string
  private: boolean
}

/**
 * `iam-endpoint` wins; else `private` (with or without `region`); else the public endpoint.
 * IAM's public endpoint is global, so `region` means something only with `private: true`:
 * without it the region is refused rather than silently ignored.
 */
export function resolveEndpoint(choice: EndpointChoice): string {
  if (choice.region && !isRegion(choice.region)) {
    throw new ConfigError(
      `region "${oneLine(choice.region)}" is not an IBM Cloud region with an IAM endpoint. ` +
        `Valid regions: ${REGIONS.join(', ')}.`
    )
  }
  if (choice.region && !choice.private) {
    throw new ConfigError(
      `region "${choice.region}" selects a private regional IAM endpoint and needs private: true ` +
        `(runners inside IBM Cloud: https://private.${choice.region}.iam.cloud.ibm.com). ` +
        `IAM's public endpoint (${PUBLIC_ENDPOINT}) is global: on other runners remove region.`
    )
  }
  if (choice.iamEndpoint) return parseEndpoint(choice.iamEndpoint)
  if (choice.private) {
    return choice.region ? `https://private.${choice.region}.iam.cloud.ibm.com` : PRIVATE_ENDPOINT
  }
  return PUBLIC_ENDPOINT
}
