import { ADVICE, adviceForCode, type Advice, type AdviceId } from '../src/advice.js'
import { describeError } from '../src/describe-error.js'
import {
  ActionError,
  ConfigError,
  IamError,
  NetworkError,
  OPERATION,
  type Operation
} from '../src/errors.js'
import { parseIamErrorBody } from '../src/iam/error-body.js'

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

const TOKEN_URL = 'https://iam.cloud.ibm.com/identity/token'

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/**
 * Which pieces of advice (by their id in src/advice.ts) a message carries, in order of the
 * table. A routing test states the whole list, so advice that should not be there fails it.
 */
function adviceIn(message: string): AdviceId[] {
  return (Object.keys(ADVICE) as AdviceId[]).filter((id) => {
    const pattern = escape(ADVICE[id].text)
      .replace(escape('{attempts}'), '\\d+')
      .replace(escape('{account}'), '\\S+')
    return new RegExp(pattern).test(message)
  })
}

function iamError(operation: Operation, status: number, errorCode?: string, attempts = 1) {
  return new IamError(operation, status, errorCode ? { errorCode } : {}, attempts)
}

function networkError(code: string, operation?: Operation, attempts = 1) {
  const err = new NetworkError(code, 'boom')
  return operation ? err.withContext(attempts, operation, TOKEN_URL) : err
}

describe('describeError on an IAM error: the message', () => {
  it('names operation, attempts, status, code, message, advice and request id, one per line', () => {
    const details = parseIamErrorBody(WRONG_KEY_BODY, {})
    expect(describeError(new IamError(OPERATION.token, 400, details, 1))).toBe(
      [
        'IBM Cloud IAM token exchange failed after 1 attempt: HTTP 400 BXNIM0415E: Provided API key could not be found.',
        'The API key was not found: it is mistyped, deleted, expired, or from another IBM Cloud ' +
          'account or environment. Check the secret passed as `apikey` (create a new key with ' +
          '`ibmcloud iam api-key-create` or `ibmcloud iam service-api-key-create` and store it again).',
        'IAM request id: d1c4a5e2-7b0f-4f7c-9a5e-000000000415 (quote it to IBM support).'
      ].join('\n')
    )
  })

  it('adds IAM error details on their own line', () => {
    const err = new IamError(
      OPERATION.token,
      400,
      {
        errorCode: 'BXNIM0109E',
        errorMessage: 'Property missing or empty.',
        errorDetails: 'Property apikey is missing'
      },
      1
    )
    expect(describeError(err)).toBe(
      [
        'IBM Cloud IAM token exchange failed after 1 attempt: HTTP 400 BXNIM0109E: Property missing or empty.',
        'Details: Property apikey is missing',
        'IAM says a required property of the request is missing or empty.'
      ].join('\n')
    )
  })

  it('shows a code without a message, and a message without a code, with no stray colon', () => {
    expect(describeError(iamError(OPERATION.listKeys, 404, 'BXNIM0102E'))).toBe(
      'IBM Cloud IAM API key listing failed after 1 attempt: HTTP 404 BXNIM0102E'
    )
    expect(
      describeError(new IamError(OPERATION.deleteKey, 409, { errorMessage: 'Key is locked.' }, 1))
    ).toBe('IBM Cloud IAM API key deletion failed after 1 attempt: HTTP 409 Key is locked.')
  })

  it('shows the short summary of a body that was not JSON, after the status', () => {
    const details = parseIamErrorBody(PROXY_504, {})
    const message = describeError(new IamError(OPERATION.token, 504, details, 3))
    expect(message.split('\n')[0]).toMatch(
      /^IBM Cloud IAM token exchange failed after 3 attempts: HTTP 504 \(response: 504 Gateway Time-out 504 Gateway Time-out nginx/
    )
    expect(message).not.toMatch(/[<>]/)
    expect(message.length).toBeLessThan(600)
  })

  it('says "attempt" for one and "attempts" otherwise', () => {
    expect(describeError(iamError(OPERATION.listKeys, 404))).toContain('after 1 attempt: HTTP')
    expect(describeError(iamError(OPERATION.listKeys, 404, undefined, 2))).toContain(
      'after 2 attempts: HTTP'
    )
  })
})

describe('describeError on an IAM error: which advice', () => {
  it.each<[string, Operation, number, AdviceId[], string | undefined]>([
    ['BXNIM0415E', OPERATION.token, 400, ['wrongKey'], 'BXNIM0415E'],
    ['BXNIM0109E', OPERATION.token, 400, ['missingProperty'], 'BXNIM0109E'],
    ['BXNIM0106E', OPERATION.token, 400, ['unsupportedGrant'], 'BXNIM0106E'],
    ['a known code on a key creation', OPERATION.createKey, 400, ['missingProperty'], 'BXNIM0109E'],
    ['a code it has no advice for', OPERATION.token, 400, [], 'BXNIM0999E'],
    ['a token 400 without a code', OPERATION.token, 400, [], undefined],
    // Operator-role advice is about managing API keys: never on the token exchange.
    ['a token 401', OPERATION.token, 401, [], 'BXNIM0307E'],
    ['a token 403', OPERATION.token, 403, [], undefined],
    ['a token 404', OPERATION.token, 404, [], undefined],
    ['a token 499', OPERATION.token, 499, [], undefined],
    ['a token 500', OPERATION.token, 500, ['iamFailing'], undefined],
    ['a token 503', OPERATION.token, 503, ['iamFailing'], undefined],
    ['a token 429', OPERATION.token, 429, ['rateLimited'], undefined],
    ['a 429 with a code', OPERATION.listKeys, 429, ['rateLimited'], 'BXNIM0999E'],
    ['a creation 429', OPERATION.createKey, 429, ['rateLimited'], undefined],
    ['a creation 500', OPERATION.createKey, 500, ['maybeCreated'], undefined],
    ['a creation 502', OPERATION.createKey, 502, ['maybeCreated'], undefined],
    ['a creation 499', OPERATION.createKey, 499, [], undefined],
    ['a creation 400', OPERATION.createKey, 400, ['keyLimit'], 'BXNIM0999E'],
    ['a creation 401', OPERATION.createKey, 401, ['keyNotPermitted'], undefined],
    ['a creation 403', OPERATION.createKey, 403, ['keyNotPermitted'], 'BXNIM0513E'],
    ['a creation 404', OPERATION.createKey, 404, [], undefined],
    ['a creation 409', OPERATION.createKey, 409, [], undefined],
    // Key-limit advice is about creating: not on other 400s.
    ['a deletion 400', OPERATION.deleteKey, 400, [], undefined],
    ['a listing 400', OPERATION.listKeys, 400, [], undefined],
    ['a deletion 401', OPERATION.deleteKey, 401, ['keyNotPermitted'], undefined],
    ['a deletion 403', OPERATION.deleteKey, 403, ['keyNotPermitted'], undefined],
    ['a listing 403', OPERATION.listKeys, 403, ['keyNotPermitted'], undefined],
    ['a deletion 404', OPERATION.deleteKey, 404, [], undefined],
    ['a deletion 500', OPERATION.deleteKey, 500, ['iamFailing'], undefined],
    ['a lookup 400', OPERATION.lookupKey, 400, [], undefined],
    ['a lookup 401', OPERATION.lookupKey, 401, ['keyNotPermitted'], undefined],
    ['a lookup 403', OPERATION.lookupKey, 403, ['keyNotPermitted'], undefined],
    ['a lookup 500', OPERATION.lookupKey, 500, ['iamFailing'], undefined]
  ])('%s (%s, HTTP %i) gets %j', (_what, operation, status, advice, code) => {
    expect(adviceIn(describeError(iamError(operation, status, code, 3)))).toEqual(advice)
  })

  // The rows name their codes: no separate code map can drift from them.
  const coded = (Object.keys(ADVICE) as AdviceId[]).flatMap((id) =>
    ((ADVICE[id] as Advice).codes ?? []).map((code) => [code, id] as const)
  )

  it('has rows that name codes, each code in one row only', () => {
    expect(coded.map(([code]) => code)).toEqual(['BXNIM0415E', 'BXNIM0109E', 'BXNIM0106E'])
    expect(new Set(coded.map(([code]) => code)).size).toBe(coded.length)
  })

  it.each(coded)('gives the row naming %s for it, on any operation', (code, id) => {
    expect(adviceForCode(code)).toBe(id)
    for (const operation of [OPERATION.token, OPERATION.createKey, OPERATION.lookupKey]) {
      expect(adviceIn(describeError(iamError(operation, 400, code, 1)))).toContain(id)
    }
  })

  it('finds no row for a code no row names', () => {
    expect(adviceForCode('BXNIM0999E')).toBeUndefined()
    expect(adviceForCode('')).toBeUndefined()
  })

  it('names the attempts in the rate-limit and IAM-failing advice', () => {
    expect(describeError(iamError(OPERATION.token, 429, undefined, 4))).toBe(
      'IBM Cloud IAM token exchange failed after 4 attempts: HTTP 429\n' +
        'IAM kept answering "too many requests" for 4 attempt(s), until the retry budget ' +
        '(max-attempts × timeout-seconds) ran out. Many jobs starting at once share the rate ' +
        'limit: raise `max-attempts` or `timeout-seconds` for a longer budget, or stagger the ' +
        'matrix with `max-parallel`.'
    )
    expect(describeError(iamError(OPERATION.token, 503, undefined, 5))).toBe(
      'IBM Cloud IAM token exchange failed after 5 attempts: HTTP 503\n' +
        'IAM kept failing for 5 attempt(s). Check https://cloud.ibm.com/status; if you set ' +
        '`iam-endpoint` or go through a proxy, check that it reaches IAM.'
    )
  })

  it('says a failed creation may have made a key, and that it was not retried', () => {
    expect(describeError(iamError(OPERATION.createKey, 500))).toBe(
      'IBM Cloud IAM API key creation failed after 1 attempt: HTTP 500\n' +
        'IAM may have created the key before failing, so it was not retried. Such a key expires ' +
        'at `ephemeral-key-ttl`, and `sweep-stale-keys: true` deletes it on a later run once stale.'
    )
  })
})

describe('describeError on an IAM error: the pinned account', () => {
  const PINNED = 'account-id pins account abc123: check that the key belongs to that account.'

  it('is named when IAM refused the token exchange', () => {
    const message = describeError(iamError(OPERATION.token, 400, 'BXNIM0415E'), {
      accountId: 'abc123'
    })
    expect(message.split('\n')).toEqual([
      'IBM Cloud IAM token exchange failed after 1 attempt: HTTP 400 BXNIM0415E',
      ADVICE.wrongKey.text,
      PINNED
    ])
    expect(describeError(iamError(OPERATION.token, 499), { accountId: 'abc123' })).toContain(PINNED)
  })

  it('is not named when IAM itself failed (5xx), nor on API key operations', () => {
    for (const err of [
      iamError(OPERATION.token, 500),
      iamError(OPERATION.token, 503),
      iamError(OPERATION.createKey, 400),
      iamError(OPERATION.deleteKey, 403)
    ]) {
      expect(describeError(err, { accountId: 'abc123' })).not.toContain('abc123')
    }
  })

  it('is not mentioned when no account is pinned', () => {
    for (const context of [{}, { accountId: '' }, undefined]) {
      const message = describeError(iamError(OPERATION.token, 400, 'BXNIM0415E'), context)
      expect(message).not.toMatch(/pins account/)
      expect(adviceIn(message)).toEqual(['wrongKey'])
    }
  })
})

describe('describeError on a network error', () => {
  it('names the URL, the operation, the attempts and the code, then advice', () => {
    expect(describeError(networkError('ECONNRESET', OPERATION.token, 2))).toBe(
      `Could not reach IBM Cloud IAM ${TOKEN_URL} (token exchange) after 2 attempts: ECONNRESET: boom.\n` +
        "Check the runner's network: a proxy needs HTTPS_PROXY (and NO_PROXY for exceptions); " +
        'a private endpoint needs a runner inside IBM Cloud.'
    )
  })

  it('without URL or operation, says "request"', () => {
    expect(describeError(networkError('ETIMEDOUT'))).toBe(
      'Could not reach IBM Cloud IAM (request) after 1 attempt: ETIMEDOUT: boom.\n' +
        'IAM did not answer within `timeout-seconds`. Raise it, or check the network path (proxy, firewall).'
    )
  })

  it.each<[string, AdviceId]>([
    ['ETIMEDOUT', 'timeout'],
    ['ENOTFOUND', 'dns'],
    ['EAI_AGAIN', 'dns'],
    ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'tls'],
    ['CERT_HAS_EXPIRED', 'tls'],
    ['ERR_TLS_CERT_ALTNAME_INVALID', 'tls'],
    ['ECONNRESET', 'network'],
    ['ECONNREFUSED', 'network'],
    ['EPIPE', 'network']
  ])('%s gets the %s advice only', (code, advice) => {
    expect(adviceIn(describeError(networkError(code, OPERATION.token)))).toEqual([advice])
  })

  it('on a key creation whose answer was lost, says IAM may have created the key', () => {
    for (const code of ['ECONNRESET', 'ETIMEDOUT', 'CERT_HAS_EXPIRED']) {
      const message = describeError(networkError(code, OPERATION.createKey))
      expect(message.split('\n')).toHaveLength(3)
      expect(message.split('\n')[2]).toBe(ADVICE.maybeCreated.text)
    }
  })

  it('does not say so when the request was never sent, nor for other operations', () => {
    for (const err of [
      networkError('ECONNREFUSED', OPERATION.createKey),
      networkError('ENOTFOUND', OPERATION.createKey),
      networkError('EAI_AGAIN', OPERATION.createKey),
      networkError('ECONNRESET', OPERATION.token),
      networkError('ECONNRESET', OPERATION.deleteKey),
      networkError('ECONNRESET')
    ]) {
      const message = describeError(err)
      expect(message).not.toContain('may have created')
      expect(message.split('\n')).toHaveLength(2)
    }
  })
})

describe('describeError on anything else', () => {
  it('passes config and action errors through and labels anything else unexpected', () => {
    expect(describeError(new ConfigError('env-name is wrong'))).toBe('env-name is wrong')
    expect(describeError(new ActionError('wrong account'))).toBe('wrong account')
    expect(describeError(new TypeError('x is undefined'))).toBe('Unexpected error: x is undefined')
    expect(describeError('a string')).toBe('Unexpected error: a string')
    expect(describeError(undefined)).toBe('Unexpected error: undefined')
  })
})
