import { describeError } from '../src/describe-error.js'
import { ActionError, ConfigError, IamError, NetworkError } from '../src/errors.js'
import { parseIamErrorBody, summariseBody } from '../src/iam/error-body.js'

const WRONG_KEY_BODY = JSON.stringify({
  errorCode: 'BXNIM0415E',
  errorMessage: 'Provided API key could not be found.',
  context: { requestId: 'd1c4a5e2-7b0f-4f7c-9a5e-000000000415', clusterName: 'iam-prod' }
})

const PROXY_504 = [
  '<!DOCTYPE html>',
  '<html><head><title>504 Gateway Time-out</title>',
  '<style>body { font-family: sans-serif; color: #333 }</style>',
  '<script>window.location = "https://evil.example"</script></head>',
  '<body><center><h1>504 Gateway Time-out</h1></center>',
  `<hr><center>nginx</center>\u001b[31m${'<p>padding paragraph</p>'.repeat(40)}</body></html>`
].join('\r\n')

describe('parseIamErrorBody', () => {
  it("reads the token endpoint's JSON: code, message, details and context.requestId", () => {
    const body = JSON.stringify({
      errorCode: 'BXNIM0109E',
      errorMessage: 'Property missing or empty.',
      errorDetails: 'Property apikey is missing',
      context: { requestId: 'req-1' }
    })
    expect(parseIamErrorBody(body, { 'transaction-id': 'tx-ignored' })).toEqual({
      errorCode: 'BXNIM0109E',
      errorMessage: 'Property missing or empty.',
      errorDetails: 'Property apikey is missing',
      requestId: 'req-1'
    })
  })

  it('falls back to the Transaction-Id header for the request id', () => {
    const body = JSON.stringify({ errorCode: 'BXNIM0415E', errorMessage: 'not found' })
    expect(parseIamErrorBody(body, { 'transaction-id': 'tx-42' }).requestId).toBe('tx-42')
  })

  it("reads the Identity API's error shape", () => {
    const body = JSON.stringify({
      errors: [{ code: 'not_found', message_code: 'BXNIM0102E', message: 'Key not found.' }],
      status_code: 404,
      trace: 'trace-77'
    })
    expect(parseIamErrorBody(body, {})).toEqual({
      errorCode: 'BXNIM0102E',
      errorMessage: 'Key not found.',
      requestId: 'trace-77'
    })
  })

  it('summarises an HTML page from a proxy: short, without tags, scripts or control characters', () => {
    const details = parseIamErrorBody(PROXY_504, {})
    expect(details.errorCode).toBeUndefined()
    const summary = details.bodySummary ?? ''
    expect(summary).toMatch(/^504 Gateway Time-out 504 Gateway Time-out nginx/)
    expect(summary.length).toBeLessThanOrEqual(160)
    expect(summary).not.toMatch(/[<>]/)
    expect(summary).not.toMatch(/evil\.example|font-family/)
    expect([...summary].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)).toBe(false)
  })
})

describe('summariseBody', () => {
  it('says so when the body is empty or only markup', () => {
    expect(summariseBody('')).toBe('(empty body)')
    expect(summariseBody('<html><body></body></html>')).toBe('(empty body)')
  })

  it('folds whitespace and keeps short text intact', () => {
    expect(summariseBody('Service\n\n  Unavailable\t')).toBe('Service Unavailable')
  })
})

describe('describeError', () => {
  it('explains BXNIM0415E as a wrong key to fix in the secret, with code, message and request id', () => {
    const details = parseIamErrorBody(WRONG_KEY_BODY, {})
    const message = describeError(new IamError('token exchange', 400, details, 1))
    expect(message).toContain('BXNIM0415E')
    expect(message).toContain('Provided API key could not be found.')
    expect(message).toContain('d1c4a5e2-7b0f-4f7c-9a5e-000000000415')
    expect(message).toMatch(/mistyped|wrong/)
    expect(message).toMatch(/deleted/)
    expect(message).toMatch(/secret/)
    expect(message).toContain('HTTP 400')
    expect(message).toContain('after 1 attempt:')
  })

  it('says BXNIM0415E may mean a key from another account', () => {
    const details = parseIamErrorBody(WRONG_KEY_BODY, {})
    const message = describeError(new IamError('token exchange', 400, details, 1))
    expect(message).toMatch(/another (IBM Cloud )?account/i)
  })

  it('adds the pinned account to a 4xx token exchange failure', () => {
    const details = parseIamErrorBody(WRONG_KEY_BODY, {})
    const message = describeError(new IamError('token exchange', 400, details, 1), {
      accountId: 'abc123'
    })
    expect(message).toMatch(/account-id pins account abc123/)
    expect(
      describeError(new IamError('token exchange', 503, {}, 5), { accountId: 'abc123' })
    ).not.toContain('abc123')
  })

  it('names the attempts of a 5xx that outlasted the retries', () => {
    const message = describeError(new IamError('token exchange', 503, { bodySummary: 'down' }, 5))
    expect(message).toContain('after 5 attempts')
    expect(message).toContain('HTTP 503')
    expect(message).toContain('(response: down)')
    expect(message).toMatch(/cloud\.ibm\.com\/status/)
  })

  it('shows the short summary of a proxy page, not its HTML', () => {
    const details = parseIamErrorBody(PROXY_504, {})
    const message = describeError(new IamError('token exchange', 504, details, 3))
    expect(message).toContain('HTTP 504')
    expect(message).toContain('504 Gateway Time-out')
    expect(message).not.toMatch(/[<>]/)
    expect(message.length).toBeLessThan(600)
  })

  it('advises on rate limiting after repeated 429s', () => {
    const message = describeError(new IamError('token exchange', 429, {}, 4))
    expect(message).toContain('after 4 attempts')
    expect(message).toMatch(/max-attempts/)
  })

  it.each([
    ['ETIMEDOUT', /timeout-seconds/],
    ['ENOTFOUND', /iam-endpoint.*region|resolve/],
    ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', /NODE_EXTRA_CA_CERTS/],
    ['ECONNRESET', /HTTPS_PROXY/]
  ])('gives advice for a %s network error, with the URL and attempts', (code, advice) => {
    const err = new NetworkError(code, 'boom').withContext(
      2,
      'token exchange',
      'https://iam.cloud.ibm.com/identity/token'
    )
    const message = describeError(err)
    expect(message).toContain('https://iam.cloud.ibm.com/identity/token')
    expect(message).toContain('after 2 attempts')
    expect(message).toContain(code)
    expect(message).toMatch(advice)
  })

  it('passes config and action errors through and labels anything else unexpected', () => {
    expect(describeError(new ConfigError('env-name is wrong'))).toBe('env-name is wrong')
    expect(describeError(new ActionError('wrong account'))).toBe('wrong account')
    expect(describeError(new TypeError('x is undefined'))).toBe('Unexpected error: x is undefined')
    expect(describeError('a string')).toBe('Unexpected error: a string')
  })
})
