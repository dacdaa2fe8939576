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
