import { parseJson } from '../src/iam/read-body.js'
import {
  createApiKey,
  deleteApiKey,
  formatExpiresAt,
  getApiKey,
  listApiKeys,
  parseApiKey,
  parseIamTime,
  type NewApiKey
} from '../src/iam/apikeys.js'
import { describeError } from '../src/describe-error.js'
import { ActionError, IamError } from '../src/errors.js'
import { Secrets } from '../src/secrets.js'
import {
  ACCOUNT_ID,
  fakeClock,
  header,
  IAM_ID,
  jsonResponse,
  textResponse,
  scriptedTransport
} from './helpers/fakes.js'
import {
  createdKeyResponse,
  ENDPOINT,
  EPHEMERAL_VALUE,
  identityError,
  KEY_ID,
  noContent,
  ownKeyResponse,
  testIamClient
} from './helpers/identity.js'

const TOKEN = 'eyJhbGciOiJSUzI1NiJ9.eyJpYW1faWQiOiJ4In0.c2lnbmF0dXJl'

const NEW_KEY: NewApiKey = {
  name: 'gha-octo-widgets-9876543210-2-deploy-7fffff',
  description: 'Ephemeral key made for a test',
  iamId: IAM_ID,
  accountId: ACCOUNT_ID,
  expiresAt: '2026-02-20T18:00+0000'
}

function recordingSecrets() {
  const masked: string[] = []
  return { masked, secrets: new Secrets((value) => masked.push(value)) }
}

function setup(responses: Parameters<typeof scriptedTransport>[0], maxAttempts = 3) {
  const transport = scriptedTransport(responses)
  const clock = fakeClock()
  const iam = testIamClient(transport, clock, { maxAttempts })
  return { transport, clock, iam }
}

describe('createApiKey', () => {
  it('POSTs /v1/apikeys with the bearer token and the key as JSON, never storing the value', async () => {
    const { transport, iam } = setup([createdKeyResponse()])
    const { secrets } = recordingSecrets()
    await createApiKey(iam, TOKEN, NEW_KEY, secrets)
    expect(transport.requests).toHaveLength(1)
    const req = transport.requests[0]!
    expect(req.method).toBe('POST')
    expect(req.url).toBe(`${ENDPOINT}/v1/apikeys`)
    expect(header(req.headers, 'Authorization')).toBe(`Bearer ${TOKEN}`)
    expect(header(req.headers, 'Content-Type')).toBe('application/json')
    expect(header(req.headers, 'Accept')).toBe('application/json')
    expect(JSON.parse(req.body ?? '')).toEqual({
      name: NEW_KEY.name,
      description: NEW_KEY.description,
      iam_id: IAM_ID,
      account_id: ACCOUNT_ID,
      expires_at: '2026-02-20T18:00+0000',
      store_value: false
    })
  })

  it('returns the parsed key with its value, and masks the value', async () => {
    const { iam } = setup([createdKeyResponse({ expires_at: '2026-02-20T18:00+0000' })])
    const { masked, secrets } = recordingSecrets()
    const key = await createApiKey(iam, TOKEN, NEW_KEY, secrets)
    expect(key).toMatchObject({
      id: KEY_ID,
      value: EPHEMERAL_VALUE,
      iamId: IAM_ID,
      accountId: ACCOUNT_ID,
      expiresAt: '2026-02-20T18:00+0000'
    })
    expect(masked).toContain(EPHEMERAL_VALUE)
    expect(secrets.redact(`value=${EPHEMERAL_VALUE}`)).toBe('value=***')
  })

  it('accepts a 200 as well as a 201', async () => {
    const { iam } = setup([{ ...createdKeyResponse(), status: 200 }])
    const key = await createApiKey(iam, TOKEN, NEW_KEY, recordingSecrets().secrets)
    expect(key.id).toBe(KEY_ID)
  })

  it.each([
    ['no id', { id: undefined }],
    ['an empty id', { id: '' }],
    ['a numeric id', { id: 42 }]
  ])(
    'masks the value even when the answer has %s, then throws an ActionError',
    async (_, overrides) => {
      const { iam } = setup([createdKeyResponse(overrides)])
      const { masked, secrets } = recordingSecrets()
      const error = await createApiKey(iam, TOKEN, NEW_KEY, secrets).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(ActionError)
      expect((error as Error).message).toMatch(/without a key id and value/)
      expect((error as Error).message).not.toContain(EPHEMERAL_VALUE)
      expect(masked).toContain(EPHEMERAL_VALUE)
    }
  )

  it('throws an ActionError when the answer has an id but no value', async () => {
    const { iam } = setup([createdKeyResponse({ apikey: undefined })])
    const { masked, secrets } = recordingSecrets()
    await expect(createApiKey(iam, TOKEN, NEW_KEY, secrets)).rejects.toBeInstanceOf(ActionError)
    expect(masked).toEqual([])
  })

  it('throws an ActionError, publishing nothing, when the 201 has an empty apikey', async () => {
    const { iam } = setup([createdKeyResponse({ apikey: '' })])
    await expect(createApiKey(iam, TOKEN, NEW_KEY, recordingSecrets().secrets)).rejects.toThrow(
      'IBM Cloud IAM answered the API key creation without a key id and value.'
    )
  })

  it('throws an ActionError when the 201 body is not JSON', async () => {
    const { iam } = setup([{ status: 201, headers: {}, body: '<html>created</html>' }])
    await expect(
      createApiKey(iam, TOKEN, NEW_KEY, recordingSecrets().secrets)
    ).rejects.toBeInstanceOf(ActionError)
  })

  it('masks nothing and throws when the apikey field is not a string', async () => {
    const { iam } = setup([createdKeyResponse({ apikey: 12345 })])
    const { masked, secrets } = recordingSecrets()
    await expect(createApiKey(iam, TOKEN, NEW_KEY, secrets)).rejects.toThrow(
      'IBM Cloud IAM answered the API key creation without a key id and value.'
    )
    expect(masked).toEqual([])
  })

  it('turns a 403 into an IamError for "API key creation", after one attempt', async () => {
    const { iam, transport } = setup([identityError(403, 'BXNIM0513E', 'trace-403')])
    const error = await createApiKey(iam, TOKEN, NEW_KEY, recordingSecrets().secrets).catch(
      (e: unknown) => e
    )
    expect(error).toBeInstanceOf(IamError)
    expect(error).toMatchObject({ operation: 'API key creation', status: 403, attempts: 1 })
    expect((error as IamError).details).toMatchObject({
      errorCode: 'BXNIM0513E',
      requestId: 'trace-403'
    })
    expect(transport.requests).toHaveLength(1)
  })
})

describe('deleteApiKey', () => {
  it("DELETEs /v1/apikeys/<id> with the bearer token and says 'deleted' on 204", async () => {
    const { iam, transport } = setup([noContent()])
    await expect(deleteApiKey(iam, TOKEN, KEY_ID)).resolves.toBe('deleted')
    const req = transport.requests[0]!
    expect(req.method).toBe('DELETE')
    expect(req.url).toBe(`${ENDPOINT}/v1/apikeys/${KEY_ID}`)
    expect(header(req.headers, 'Authorization')).toBe(`Bearer ${TOKEN}`)
    expect(req.body).toBeUndefined()
  })

  it("says 'already-gone' on 404", async () => {
    const { iam } = setup([identityError(404, 'BXNIM0102E', 'trace-404', 'API key not found.')])
    await expect(deleteApiKey(iam, TOKEN, KEY_ID)).resolves.toBe('already-gone')
  })

  it.each([
    ['an HTML page from a proxy', textResponse(404, '<html><h1>404 Not Found</h1></html>')],
    [
      "an unknown route (the emulator's own answer)",
      jsonResponse(404, { errors: [{ code: 'route_not_found', message: 'no route' }] })
    ],
    ['an empty body', textResponse(404, '')],
    ['an empty errors list', jsonResponse(404, { errors: [] })]
  ])('takes a 404 with %s for an error, not for a deleted key', async (_what, answer) => {
    const { iam } = setup([answer])
    const error = await deleteApiKey(iam, TOKEN, KEY_ID).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(IamError)
    expect(error).toMatchObject({ operation: 'API key deletion', status: 404 })
  })

  it("says 'deleted' on a 200 as well", async () => {
    const { iam } = setup([jsonResponse(200, {})])
    await expect(deleteApiKey(iam, TOKEN, KEY_ID)).resolves.toBe('deleted')
  })

  it('takes a not_found body on another status than 404 for an error', async () => {
    const { iam } = setup([jsonResponse(400, { errors: [{ code: 'not_found', message: 'x' }] })])
    await expect(deleteApiKey(iam, TOKEN, KEY_ID)).rejects.toMatchObject({
      name: 'IamError',
      status: 400
    })
  })

  it('encodes the id into the path, so that an odd id cannot change the request', async () => {
    const { iam, transport } = setup([noContent()])
    await deleteApiKey(iam, TOKEN, 'ApiKey-1/../../identity/token?x=1')
    expect(transport.requests[0]?.url).toBe(
      `${ENDPOINT}/v1/apikeys/ApiKey-1%2F..%2F..%2Fidentity%2Ftoken%3Fx%3D1`
    )
  })

  it.each([
    [403, 'BXNIM0513E'],
    [409, 'BXNIM0511E']
  ])('throws an IamError on %i without retrying', async (status, code) => {
    const { iam, transport, clock } = setup([identityError(status, code, `trace-${status}`)])
    const error = await deleteApiKey(iam, TOKEN, KEY_ID).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(IamError)
    expect(error).toMatchObject({ operation: 'API key deletion', status, attempts: 1 })
    expect((error as IamError).details.errorCode).toBe(code)
    expect(transport.requests).toHaveLength(1)
    expect(clock.sleeps).toEqual([])
  })

  it('gives the Operator-role advice for a 403 on deletion', async () => {
    const { iam } = setup([identityError(403, 'BXNIM0513E', 'trace-403')])
    const error = await deleteApiKey(iam, TOKEN, KEY_ID).catch((e: unknown) => e)
    expect(describeError(error)).toMatch(/Operator .*role on the IAM Identity Service/)
  })
})

describe('getApiKey', () => {
  it('GETs /v1/apikeys/<id>, encoded, with the bearer token, and parses the key', async () => {
    const { iam, transport } = setup([ownKeyResponse({ expires_at: '2026-02-20T18:00+0000' })])
    const key = await getApiKey(iam, TOKEN, 'ApiKey-1/..')
    expect(key).toMatchObject({
      id: KEY_ID,
      iamId: IAM_ID,
      accountId: ACCOUNT_ID,
      createdAt: '2026-02-20T12:00+0000',
      expiresAt: '2026-02-20T18:00+0000'
    })
    const req = transport.requests[0]!
    expect(req.method).toBe('GET')
    expect(req.url).toBe(`${ENDPOINT}/v1/apikeys/ApiKey-1%2F..`)
    expect(header(req.headers, 'Authorization')).toBe(`Bearer ${TOKEN}`)
  })

  it("gives undefined for IAM's own 404 not_found", async () => {
    const { iam } = setup([identityError(404, 'BXNIM0102E', 'trace-404', 'API key not found.')])
    await expect(getApiKey(iam, TOKEN, KEY_ID)).resolves.toBeUndefined()
  })

  it('retries a 503 (a lookup is safe to repeat)', async () => {
    const { iam, transport } = setup([identityError(503, 'BXNIM0001E', 't'), ownKeyResponse()])
    await expect(getApiKey(iam, TOKEN, KEY_ID)).resolves.toMatchObject({ id: KEY_ID })
    expect(transport.requests).toHaveLength(2)
  })

  it("throws IAM's refusal as an IamError", async () => {
    const { iam } = setup([identityError(403, 'BXNIM0513E', 'trace-403')])
    await expect(getApiKey(iam, TOKEN, KEY_ID)).rejects.toMatchObject({
      name: 'IamError',
      operation: 'API key lookup',
      status: 403,
      details: { errorCode: 'BXNIM0513E', requestId: 'trace-403' }
    })
  })

  it('a failed lookup reads as a lookup, never as a deletion, and keeps the Operator advice', async () => {
    const { iam } = setup([identityError(403, 'BXNIM0513E', 'trace-403')])
    const message = describeError(await getApiKey(iam, TOKEN, KEY_ID).catch((e: unknown) => e))
    expect(message).toMatch(/^IBM Cloud IAM API key lookup failed after 1 attempt: HTTP 403/)
    expect(message).not.toContain('deletion')
    expect(message).toMatch(/Operator .*role on the IAM Identity Service/)
  })

  it('throws an ActionError for a 200 without a key object', async () => {
    const { iam } = setup([jsonResponse(200, { name: 'no id' })])
    await expect(getApiKey(iam, TOKEN, KEY_ID)).rejects.toThrow(
      new ActionError(
        'IBM Cloud IAM answered the API key lookup without a key object. Check `iam-endpoint`.'
      )
    )
  })
})

describe('listApiKeys', () => {
  const FILTER = { accountId: ACCOUNT_ID, iamId: IAM_ID }

  function page(ids: string[], next?: string) {
    return jsonResponse(200, {
      limit: 100,
      apikeys: ids.map((id) => ({
        id,
        name: `name-${id}`,
        description: `description of ${id}`,
        iam_id: IAM_ID,
        account_id: ACCOUNT_ID,
        created_at: '2026-02-20T11:00+0000',
        expires_at: '2026-02-20T17:00+0000'
      })),
      ...(next === undefined ? {} : { next })
    })
  }

  it('asks for the identity in the account, 100 at a time, with the bearer token', async () => {
    const { iam, transport } = setup([page(['ApiKey-a'])])
    const keys = await listApiKeys(iam, TOKEN, FILTER)
    expect(keys).toEqual([
      {
        id: 'ApiKey-a',
        name: 'name-ApiKey-a',
        description: 'description of ApiKey-a',
        iamId: IAM_ID,
        accountId: ACCOUNT_ID,
        createdAt: '2026-02-20T11:00+0000',
        expiresAt: '2026-02-20T17:00+0000'
      }
    ])
    const req = transport.requests[0]!
    expect(req.method).toBe('GET')
    expect(header(req.headers, 'Authorization')).toBe(`Bearer ${TOKEN}`)
    const url = new URL(req.url)
    expect(`${url.origin}${url.pathname}`).toBe(`${ENDPOINT}/v1/apikeys`)
    expect(Object.fromEntries(url.searchParams)).toEqual({
      account_id: ACCOUNT_ID,
      iam_id: IAM_ID,
      pagesize: '100'
    })
  })

  it("follows IAM's `next` URL by its pagetoken until there is no next page", async () => {
    const { iam, transport } = setup([
      page(['ApiKey-a', 'ApiKey-b'], `${ENDPOINT}/v1/apikeys?pagesize=100&pagetoken=tok-2`),
      page(['ApiKey-c'], `${ENDPOINT}/v1/apikeys?pagesize=100&pagetoken=tok-3`),
      page(['ApiKey-d'])
    ])
    const keys = await listApiKeys(iam, TOKEN, FILTER)
    expect(keys.map((k) => k.id)).toEqual(['ApiKey-a', 'ApiKey-b', 'ApiKey-c', 'ApiKey-d'])
    const tokens = transport.requests.map((r) => new URL(r.url).searchParams.get('pagetoken'))
    expect(tokens).toEqual([null, 'tok-2', 'tok-3'])
    // Every page keeps the filter: the pagetoken is added, not substituted.
    for (const r of transport.requests) {
      expect(new URL(r.url).searchParams.get('iam_id')).toBe(IAM_ID)
      expect(new URL(r.url).searchParams.get('account_id')).toBe(ACCOUNT_ID)
    }
  })

  it('accepts a relative `next` URL', async () => {
    const { iam, transport } = setup([
      page(['ApiKey-a'], '/v1/apikeys?pagetoken=rel-2'),
      page(['ApiKey-b'])
    ])
    const keys = await listApiKeys(iam, TOKEN, FILTER)
    expect(keys.map((k) => k.id)).toEqual(['ApiKey-a', 'ApiKey-b'])
    expect(new URL(transport.requests[1]!.url).searchParams.get('pagetoken')).toBe('rel-2')
  })

  it('stops at maxPages even when IAM keeps offering a next page', async () => {
    const next = `${ENDPOINT}/v1/apikeys?pagetoken=again`
    const { iam, transport } = setup([
      page(['ApiKey-1'], next),
      page(['ApiKey-2'], next),
      page(['ApiKey-3'], next),
      page(['ApiKey-4'], next)
    ])
    const keys = await listApiKeys(iam, TOKEN, FILTER, 3)
    expect(transport.requests).toHaveLength(3)
    expect(transport.remaining()).toBe(1)
    expect(keys.map((k) => k.id)).toEqual(['ApiKey-1', 'ApiKey-2', 'ApiKey-3'])
  })

  it('stops when `next` is empty or carries no pagetoken', async () => {
    const { iam, transport } = setup([page(['ApiKey-a'], `${ENDPOINT}/v1/apikeys?pagesize=100`)])
    await listApiKeys(iam, TOKEN, FILTER)
    expect(transport.requests).toHaveLength(1)
    const second = setup([page(['ApiKey-a'], '')])
    await listApiKeys(second.iam, TOKEN, FILTER)
    expect(second.transport.requests).toHaveLength(1)
  })

  // A bare token once ended the listing after one page (it parsed as a relative URL).
  it('follows a bare page token in `next`', async () => {
    const { iam, transport } = setup([page(['ApiKey-a'], 'bare-token-2'), page(['ApiKey-b'])])
    const keys = await listApiKeys(iam, TOKEN, FILTER)
    expect(keys.map((k) => k.id)).toEqual(['ApiKey-a', 'ApiKey-b'])
    expect(new URL(transport.requests[1]!.url).searchParams.get('pagetoken')).toBe('bare-token-2')
  })

  it('skips entries without an id and tolerates a page without apikeys', async () => {
    const { iam } = setup([
      jsonResponse(200, {
        apikeys: [{ name: 'no id' }, { id: '', name: 'empty id' }, { id: 'ApiKey-ok' }],
        next: `${ENDPOINT}/v1/apikeys?pagetoken=p2`
      }),
      jsonResponse(200, {})
    ])
    const keys = await listApiKeys(iam, TOKEN, FILTER)
    expect(keys).toEqual([{ id: 'ApiKey-ok', name: '', description: '', iamId: '', accountId: '' }])
  })

  it('tolerates a page that is not JSON, and a `next` that is not a string or not a URL', async () => {
    const { iam, transport } = setup([textResponse(200, '<html>keys</html>')])
    await expect(listApiKeys(iam, TOKEN, FILTER)).resolves.toEqual([])
    expect(transport.requests).toHaveLength(1)
    for (const next of [42, 'http://[not-a-url']) {
      const one = setup([jsonResponse(200, { apikeys: [{ id: 'ApiKey-a' }], next }), page([])])
      await expect(listApiKeys(one.iam, TOKEN, FILTER)).resolves.toMatchObject([{ id: 'ApiKey-a' }])
      expect(one.transport.requests).toHaveLength(1)
    }
  })

  it('retries a 503 (a listing is safe to repeat)', async () => {
    const { iam, transport } = setup([identityError(503, 'BXNIM0001E', 't'), page(['ApiKey-a'])])
    await expect(listApiKeys(iam, TOKEN, FILTER)).resolves.toMatchObject([{ id: 'ApiKey-a' }])
    expect(transport.requests).toHaveLength(2)
  })

  it('throws an IamError for "API key listing" on 403', async () => {
    const { iam } = setup([identityError(403, 'BXNIM0513E', 'trace-list')])
    await expect(listApiKeys(iam, TOKEN, FILTER)).rejects.toMatchObject({
      name: 'IamError',
      operation: 'API key listing',
      status: 403
    })
  })
})

describe('formatExpiresAt', () => {
  it("gives IAM's yyyy-MM-ddTHH:mm+0000 form in UTC", () => {
    expect(formatExpiresAt(Date.UTC(2026, 10, 22, 18, 30, 0, 0))).toBe('2026-11-22T18:30+0000')
    expect(formatExpiresAt(Date.UTC(2026, 10, 22, 18, 30, 0, 0))).toMatch(
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}\+0000$/
    )
  })

  it('rounds up to the next whole minute, never down', () => {
    expect(formatExpiresAt(Date.UTC(2026, 10, 22, 18, 30, 0, 1))).toBe('2026-11-22T18:31+0000')
    expect(formatExpiresAt(Date.UTC(2026, 10, 22, 18, 30, 59, 999))).toBe('2026-11-22T18:31+0000')
    expect(formatExpiresAt(Date.UTC(2026, 10, 22, 18, 30, 1, 0))).toBe('2026-11-22T18:31+0000')
  })

  it('rolls over the hour, the day and the year', () => {
    expect(formatExpiresAt(Date.UTC(2026, 11, 31, 23, 59, 30))).toBe('2027-01-01T00:00+0000')
  })
})

describe('parseIamTime', () => {
  it.each([
    ['2026-11-22T18:30+0000', Date.UTC(2026, 10, 22, 18, 30)],
    ['2026-11-22T18:30:15+0000', Date.UTC(2026, 10, 22, 18, 30, 15)],
    ['2026-11-22T18:30:15.250+0000', Date.UTC(2026, 10, 22, 18, 30, 15, 250)],
    ['2026-11-22T20:30+0200', Date.UTC(2026, 10, 22, 18, 30)],
    ['2026-11-22T13:30-0500', Date.UTC(2026, 10, 22, 18, 30)],
    ['2026-11-22T18:30:00Z', Date.UTC(2026, 10, 22, 18, 30)],
    ['2026-11-22T18:30:00.000Z', Date.UTC(2026, 10, 22, 18, 30)],
    ['2026-11-22T19:30:00+01:00', Date.UTC(2026, 10, 22, 18, 30)]
  ])('reads %s', (text, ms) => {
    expect(parseIamTime(text)).toBe(ms)
  })

  it('converts only the offset at the end (an expanded year keeps its sign)', () => {
    expect(parseIamTime('+002026-02-20T12:00+0000')).toBe(Date.UTC(2026, 1, 20, 12))
  })

  it('reads back what formatExpiresAt writes', () => {
    const ms = Date.UTC(2026, 1, 20, 18, 0)
    expect(parseIamTime(formatExpiresAt(ms))).toBe(ms)
  })

  it.each([undefined, '', 'not a date', 'soon', '2026-13-45T99:99+0000', 'T+0000'])(
    'gives undefined for %p',
    (text) => {
      expect(parseIamTime(text)).toBeUndefined()
    }
  )
})

describe('parsing IAM Identity answers', () => {
  it.each(['null', '[{"id":"ApiKey-a"}]', '42', '"text"', 'true', '', '{'])(
    'parseJson(%j) is undefined: only a JSON object is an answer',
    (body) => {
      expect(parseJson(body)).toBeUndefined()
    }
  )

  it('parseJson gives a JSON object as it is', () => {
    expect(parseJson('{"apikeys":[]}')).toEqual({ apikeys: [] })
  })

  it('parseApiKey keeps the times only when they are strings', () => {
    expect(parseApiKey({ id: 'ApiKey-a', created_at: 1771588800, expires_at: null })).toEqual({
      id: 'ApiKey-a',
      name: '',
      description: '',
      iamId: '',
      accountId: ''
    })
  })

  it.each([null, 'ApiKey-a', ['ApiKey-a'], { id: 7 }, { id: '' }])(
    'parseApiKey(%j) is undefined',
    (item) => {
      expect(parseApiKey(item)).toBeUndefined()
    }
  )
})
