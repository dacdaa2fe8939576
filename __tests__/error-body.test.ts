import { parseIamErrorBody, summariseBody } from '../src/iam/error-body.js'

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
    expect(parseIamErrorBody(body, { 'transaction-id': 'tx-ignored' })).toStrictEqual({
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
    expect(parseIamErrorBody(body, {})).toStrictEqual({
      errorCode: 'BXNIM0102E',
      errorMessage: 'Key not found.',
      requestId: 'trace-77'
    })
  })

  it('falls back to the X-Request-Id header when there is no Transaction-Id', () => {
    const body = JSON.stringify({ errorCode: 'BXNIM0415E', errorMessage: 'not found' })
    expect(parseIamErrorBody(body, { 'x-request-id': 'xr-7' }).requestId).toBe('xr-7')
  })

  it('treats empty strings as absent: an empty requestId falls back to the header', () => {
    const body = JSON.stringify({
      errorCode: 'BXNIM0415E',
      errorMessage: 'not found',
      errorDetails: '',
      context: { requestId: '' }
    })
    expect(parseIamErrorBody(body, { 'transaction-id': 'tx-42' })).toStrictEqual({
      errorCode: 'BXNIM0415E',
      errorMessage: 'not found',
      requestId: 'tx-42'
    })
  })

  it('lists only what IAM said: a code alone, without a summary of the body or empty fields', () => {
    expect(parseIamErrorBody(JSON.stringify({ errorCode: 'BXNIM0102E' }), {})).toStrictEqual({
      errorCode: 'BXNIM0102E'
    })
    expect(parseIamErrorBody(JSON.stringify({ errorMessage: 'Nope.' }), {})).toStrictEqual({
      errorMessage: 'Nope.'
    })
  })

  it.each([
    ['null', 'null'],
    ['a number', '42'],
    ['an empty errors list', '{"errors":[]}'],
    ['errors that are not objects', '{"errors":["boom",null],"trace":"trace-1"}'],
    ['a code that is not a string', '{"errorCode":415,"errorMessage":false}']
  ])('summarises a JSON body of the wrong shape (%s) instead of reading it', (_what, body) => {
    expect(parseIamErrorBody(body, {})).toStrictEqual({ bodySummary: body })
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

  it('puts a space where it removed a tag, a script or a control character', () => {
    expect(summariseBody('Service<br>Unavailable')).toBe('Service Unavailable')
    expect(summariseBody('Service<script>x()</script>Unavailable')).toBe('Service Unavailable')
    expect(summariseBody('Service<STYLE>p{}</STYLE>Unavailable')).toBe('Service Unavailable')
    expect(summariseBody('Service\u0007\u001b\u007fUnavailable')).toBe('Service Unavailable')
  })

  it('keeps a body of exactly 160 characters whole, and cuts a longer one to 160 with …', () => {
    expect(summariseBody('x'.repeat(160))).toBe('x'.repeat(160))
    expect(summariseBody('x'.repeat(161))).toBe(`${'x'.repeat(159)}…`)
  })
})
