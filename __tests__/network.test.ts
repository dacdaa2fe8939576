import {
  isDnsError,
  isPermanentNetworkError,
  isTlsError,
  requestNeverSent
} from '../src/iam/retry.js'

/** Codes Node gives for a failed TLS handshake, each matching one word of the rule. */
const TLS_CODES = [
  'CERT_HAS_EXPIRED',
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'ERR_TLS_HANDSHAKE_TIMEOUT',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'HOSTNAME_MISMATCH',
  'ERR_TLS_CERT_ALTNAME_INVALID'
]

/** Codes of a connection that broke or was never made, none of them about TLS or DNS. */
const PLAIN_CODES = ['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH']

describe('requestNeverSent: IAM cannot have acted on the request', () => {
  it.each(['ECONNREFUSED', 'EAI_AGAIN', 'ENOTFOUND'])('is true for %s', (code) => {
    expect(requestNeverSent(code)).toBe(true)
  })

  it.each(['ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'CERT_HAS_EXPIRED', ''])(
    'is false for %p: the request may have reached IAM',
    (code) => {
      expect(requestNeverSent(code)).toBe(false)
    }
  )
})

describe('isPermanentNetworkError: retrying cannot help', () => {
  it.each(['ENOTFOUND', 'ERR_INVALID_URL', ...TLS_CODES])('is true for %s', (code) => {
    expect(isPermanentNetworkError(code)).toBe(true)
  })

  it.each(['EAI_AGAIN', ...PLAIN_CODES, ''])('is false for %p: it may pass next time', (code) => {
    expect(isPermanentNetworkError(code)).toBe(false)
  })
})

describe('isTlsError', () => {
  it.each(TLS_CODES)('is true for %s', (code) => {
    expect(isTlsError(code)).toBe(true)
  })

  it.each(['ENOTFOUND', 'EAI_AGAIN', 'ERR_INVALID_URL', ...PLAIN_CODES, ''])(
    'is false for %p',
    (code) => {
      expect(isTlsError(code)).toBe(false)
    }
  )
})

describe('isDnsError', () => {
  it.each(['ENOTFOUND', 'EAI_AGAIN'])('is true for %s', (code) => {
    expect(isDnsError(code)).toBe(true)
  })

  it.each(['ECONNREFUSED', 'ERR_INVALID_URL', 'CERT_HAS_EXPIRED', ...PLAIN_CODES, ''])(
    'is false for %p',
    (code) => {
      expect(isDnsError(code)).toBe(false)
    }
  )
})
