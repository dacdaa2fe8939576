import { run as runPost } from '../src/post.js'
import type { HttpResponse } from '../src/iam/http.js'
import {
  APIKEY,
  fakeClock,
  jsonResponse,
  makeJwt,
  networkError,
  serviceIdClaims,
  tokenBody,
  type RecordingRunner
} from './helpers/fakes.js'
import {
  ENDPOINT,
  EPHEMERAL_VALUE,
  identityError,
  KEY_ID,
  noContent,
  ownKeyResponse,
  postHarness,
  savedKeyState
} from './helpers/identity.js'

const NOW = Date.UTC(2026, 1, 20, 15, 0, 0)
const EXPIRES = Date.UTC(2026, 1, 20, 18, 1)
const STATE_SAVED = savedKeyState(EXPIRES)

async function post(responses: (HttpResponse | Error)[], inputs: Record<string, string> = {}) {
  const h = postHarness({ apikey: APIKEY, ...inputs }, STATE_SAVED, responses, fakeClock(NOW))
  await runPost(h.deps)
  return h
}

function tokenOk(): { jwt: string; response: HttpResponse } {
  const jwt = makeJwt(serviceIdClaims(NOW))
  return { jwt, response: jsonResponse(200, tokenBody(jwt)) }
}

/** The one warning of the step; the step itself never fails. */
function onlyWarning(runner: RecordingRunner): string {
  expect(runner.failed).toBeUndefined()
  expect(runner.count('setFailed')).toBe(0)
  const warnings = runner.events.filter((e) => e.kind === 'warning').map((e) => e.value)
  expect(warnings).toHaveLength(1)
  return warnings[0] ?? ''
}

describe('post step, when the key cannot be revoked', () => {
  it('retries a 500 up to max-attempts, then warns with the error code and request id', async () => {
    const token = tokenOk()
    const fail = () => identityError(500, 'BXNIM0002E', 'trace-del-500', 'Internal error.')
    const { runner, transport, clock } = await post(
      [token.response, ownKeyResponse(), fail(), fail(), fail(), noContent()],
      { 'max-attempts': '3' }
    )
    expect(transport.requests.filter((r) => r.method === 'DELETE')).toHaveLength(3)
    expect(transport.remaining()).toBe(1)
    expect(clock.sleeps).toHaveLength(2)
    const warning = onlyWarning(runner)
    expect(warning).toContain(
      `Could not revoke ephemeral API key ${KEY_ID}; IAM expires it on its own.`
    )
    expect(warning).toContain('API key deletion failed after 3 attempts: HTTP 500')
    expect(warning).toContain('BXNIM0002E')
    expect(warning).toContain('trace-del-500')
    expect(runner.printed().join('\n')).not.toMatch(/^Revoked/m)
  })

  it('succeeds after a 503 on the deletion', async () => {
    const token = tokenOk()
    const { runner, clock } = await post([
      token.response,
      ownKeyResponse(),
      identityError(503, 'BXNIM0003E', 'trace-503'),
      noContent()
    ])
    expect(clock.sleeps).toHaveLength(1)
    expect(runner.count('warning')).toBe(0)
    expect(runner.printed()).toContain(`Revoked ephemeral API key ${KEY_ID}.`)
  })

  it('warns on a 403 with the Operator-role advice, without retrying', async () => {
    const token = tokenOk()
    const { runner, transport } = await post([
      token.response,
      ownKeyResponse(),
      identityError(403, 'BXNIM0513E', 'trace-del-403')
    ])
    expect(transport.requests).toHaveLength(3)
    const warning = onlyWarning(runner)
    expect(warning).toMatch(/Operator .*role on the IAM Identity Service/)
    expect(warning).toContain('trace-del-403')
  })

  // A refusal other than BXNIM0415E (the key itself unknown: post-skip.test.ts, 'no longer signs in').
  it('warns, does not fail, when the token exchange is refused; no DELETE is sent', async () => {
    const refused = jsonResponse(400, {
      errorCode: 'BXNIM0109E',
      errorMessage: "Property 'apikey' either missing or empty.",
      context: { requestId: 'req-post-0109' }
    })
    const { runner, transport } = await post([refused])
    expect(transport.requests).toHaveLength(1)
    expect(transport.requests[0]?.url).toBe(`${ENDPOINT}/identity/token`)
    const warning = onlyWarning(runner)
    expect(warning).toContain(`Could not revoke ephemeral API key ${KEY_ID}`)
    expect(warning).toContain('BXNIM0109E')
    expect(warning).toContain('req-post-0109')
  })

  it('warns, does not fail, when IAM cannot be reached', async () => {
    const { runner, transport } = await post([networkError('ENOTFOUND')])
    expect(transport.requests).toHaveLength(1)
    const warning = onlyWarning(runner)
    expect(warning).toContain('ENOTFOUND')
    expect(warning).toContain(`${ENDPOINT}/identity/token`)
  })

  it('warns when the DELETE never gets an answer', async () => {
    const token = tokenOk()
    const { runner } = await post(
      [token.response, ownKeyResponse(), networkError('ETIMEDOUT'), networkError('ETIMEDOUT')],
      { 'max-attempts': '2' }
    )
    const warning = onlyWarning(runner)
    expect(warning).toContain('API key deletion')
    expect(warning).toContain('after 2 attempts')
  })

  it('scrubs the key it sent from a warning when IAM echoes it', async () => {
    const echo = jsonResponse(400, {
      errorCode: 'BXNIM0109E',
      errorMessage: `Property missing; got apikey=${EPHEMERAL_VALUE}`,
      context: { requestId: 'req-echo' }
    })
    const { runner } = await post([echo])
    const warning = onlyWarning(runner)
    expect(warning).not.toContain(EPHEMERAL_VALUE)
    expect(warning).toContain('got apikey=***')
    expect(warning).toContain('req-echo')
  })

  // IAM's error text is cut to length; a secret straddling the cut would lose its tail and
  // match no mask, so the body is redacted before it is parsed and cut.
  it('does not print part of the key when an echoed error text is cut', async () => {
    // A proxy's 400 page that echoes the form body; the cut at 160 falls inside the key.
    const page = `<html><body><h1>400 Bad Request</h1><p>${'Malformed request. '.repeat(6)}apikey=${EPHEMERAL_VALUE}&amp;grant_type=apikey</p></body></html>`
    const { runner } = await post([
      { status: 400, headers: { 'content-type': 'text/html' }, body: page }
    ])
    onlyWarning(runner)
    expect(runner.printed().join('\n')).not.toContain(EPHEMERAL_VALUE.slice(0, 12))
  })

  it('prints no secret in any info or warning line, whatever the outcome', async () => {
    const token = tokenOk()
    const fail = () => identityError(502, 'BXNIM0002E', 'trace-502')
    const { runner } = await post([token.response, ownKeyResponse(), fail(), fail()], {
      'max-attempts': '2'
    })
    expect(runner.count('info')).toBeGreaterThan(0)
    const lines = runner.printed({ unmasked: true })
    for (const line of lines) {
      expect(line).not.toContain(APIKEY)
      expect(line).not.toContain(EPHEMERAL_VALUE)
      expect(line).not.toContain(token.jwt)
    }
    expect(runner.events[0]).toEqual({ kind: 'setSecret', value: EPHEMERAL_VALUE })
  })
})
