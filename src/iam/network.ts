/**
 * What a network error code says about the request: the one place that knows, read by the
 * retry rules and by the advice a user gets.
 */

/** The connection was never made, so IAM cannot have acted on the request. */
const NEVER_SENT = new Set(['ECONNREFUSED', 'EAI_AGAIN', 'ENOTFOUND'])

export function requestNeverSent(code: string): boolean {
  return NEVER_SENT.has(code)
}

/** DNS names that do not exist and URLs that cannot be built do not fix themselves. */
export function isPermanentNetworkError(code: string): boolean {
  return code === 'ENOTFOUND' || code === 'ERR_INVALID_URL' || isTlsError(code)
}

/** The TLS handshake failed: an untrusted or mismatched certificate, or a protocol error. */
export function isTlsError(code: string): boolean {
  return /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY|HOSTNAME|ALTNAME/.test(code)
}

export function isDnsError(code: string): boolean {
  return code === 'ENOTFOUND' || code === 'EAI_AGAIN'
}
