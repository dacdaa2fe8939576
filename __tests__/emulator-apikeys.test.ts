// Issue 12 over raw HTTP: what IBM's SDK cannot show by itself - stale If-Match, locked and
// disabled keys, the name limit, both expires_at forms, refresh tokens with a client, and
// the error context IAM sends.
import { startEmulator, type Emulator } from '../emulator/index.mjs'
import { NAME_MAX_LENGTH } from '../emulator/identity/apikey-fields.mjs'
import { OWN_CODES } from '../emulator/own-codes.mjs'
import { GRANTS, call, postToken, serviceIdToken, type Reply } from '../emulator/client.mjs'

interface Key {
  id: string
  apikey?: string
  entity_tag: string
  expires_at?: string
  name: string
  locked: boolean
  disabled: boolean
  errors?: { code: string; message_code: string; message: string }[]
}

let em: Emulator
let auth: Record<string, string>
beforeAll(async () => {
  em = await startEmulator()
  auth = { Authorization: `Bearer ${await serviceIdToken(em)}` }
})
afterAll(() => em.close())

const json = (method: string, path: string, body?: object, headers: Record<string, string> = {}) =>
  call<Key>(em, em.url, path, {
    method,
    headers: { ...auth, 'Content-Type': 'application/json', ...headers },
    ...(body ? { body: JSON.stringify(body) } : {})
  })

const create = (body: object, headers: Record<string, string> = {}) =>
  json('POST', '/v1/apikeys', { iam_id: em.seed.iamId, ...body }, headers)

function expectOwnIdentityError(reply: Reply<Key>, status: number) {
  expect(reply.status).toBe(status)
  expect(reply.json.errors?.[0]).toMatchObject({
    code: expect.any(String),
    message: expect.any(String)
  })
  const own = OWN_CODES.filter((o) => o.status === status).map((o) => o.code)
  expect(own).toContain(reply.json.errors?.[0]?.message_code)
}

test('expires_at is accepted with and without seconds, and refused otherwise', async () => {
  const minutes = await create({ name: 'm', expires_at: '2049-01-02T18:30+0000' })
  const seconds = await create({ name: 's', expires_at: '2049-01-02T18:30:45+0000' })
  expect([minutes.status, seconds.status]).toEqual([201, 201])
  expect(seconds.json.expires_at).toBe('2049-01-02T18:30+0000')
  for (const expires_at of [
    '2049-01-02T18:30:45Z',
    '2049-01-02T18:30:61+0000',
    '2049-02-30T00:00+0000'
  ]) {
    const bad = await create({ name: 'x', expires_at })
    expect(bad.status).toBe(400)
  }
  for (const key of [minutes, seconds]) await json('DELETE', `/v1/apikeys/${key.json.id}`)
})

test(`names longer than ${NAME_MAX_LENGTH} characters are refused, ${NAME_MAX_LENGTH} pass`, async () => {
  const longest = await create({ name: 'n'.repeat(NAME_MAX_LENGTH) })
  expect(longest.status).toBe(201)
  const tooLong = await create({ name: 'n'.repeat(NAME_MAX_LENGTH + 1) })
  expectOwnIdentityError(tooLong, 400)
  expect(tooLong.json.errors?.[0]?.message).toContain(`${NAME_MAX_LENGTH}`)
  await json('DELETE', `/v1/apikeys/${longest.json.id}`)
})

test('update needs If-Match: a stale tag is 409, * always matches, a locked key refuses', async () => {
  const key = (await create({ name: 'u' })).json
  const missing = await json('PUT', `/v1/apikeys/${key.id}`, { name: 'v' })
  expect(missing.status).toBe(400)
  expect(missing.json.errors?.[0]?.message).toContain('If-Match')

  const updated = await json(
    'PUT',
    `/v1/apikeys/${key.id}`,
    { name: 'v' },
    { 'If-Match': key.entity_tag }
  )
  expect(updated.status).toBe(200)
  expect(updated.json.name).toBe('v')
  expect(updated.json.entity_tag).not.toBe(key.entity_tag)
  const stale = await json(
    'PUT',
    `/v1/apikeys/${key.id}`,
    { name: 'w' },
    { 'If-Match': key.entity_tag }
  )
  expectOwnIdentityError(stale, 409)
  const any = await json('PUT', `/v1/apikeys/${key.id}`, { name: 'w' }, { 'If-Match': '*' })
  expect(any.json.name).toBe('w')

  expect((await json('POST', `/v1/apikeys/${key.id}/lock`)).status).toBe(204)
  const locked = await json('PUT', `/v1/apikeys/${key.id}`, { name: 'x' }, { 'If-Match': '*' })
  expectOwnIdentityError(locked, 409)
  expect((await json('DELETE', `/v1/apikeys/${key.id}/lock`)).status).toBe(204)
  expect((await json('DELETE', `/v1/apikeys/${key.id}`)).status).toBe(204)
})

test('a disabled key (Entity-Disable or POST .../disable) is refused until enabled', async () => {
  const key = (await create({ name: 'd' }, { 'Entity-Disable': 'true' })).json
  expect(key.disabled).toBe(true)
  const grant = (apikey: string) => postToken(em, { grant_type: GRANTS.apikey, apikey })
  expect((await grant(key.apikey ?? '')).status).toBe(400)
  expect((await json('DELETE', `/v1/apikeys/${key.id}/disable`)).status).toBe(204)
  expect((await grant(key.apikey ?? '')).status).toBe(200)
  expect((await json('POST', `/v1/apikeys/${key.id}/disable`)).status).toBe(204)
  expect((await json('GET', `/v1/apikeys/${key.id}`)).json.disabled).toBe(true)
  expect((await grant(key.apikey ?? '')).status).toBe(400)
  await json('DELETE', `/v1/apikeys/${key.id}`)
})

test('a passed-through value: at least 32 characters, unique, works at the token endpoint', async () => {
  const value = `passthrough-${'x'.repeat(32)}`
  const key = await create({ name: 'p', apikey: value })
  expect(key.status).toBe(201)
  expect(key.json.apikey).toBe(value)
  expect((await postToken(em, { grant_type: GRANTS.apikey, apikey: value })).status).toBe(200)
  expectOwnIdentityError(await create({ name: 'p2', apikey: value }), 409)
  expect((await create({ name: 'short', apikey: 'x'.repeat(31) })).status).toBe(400)
  await json('DELETE', `/v1/apikeys/${key.json.id}`)
})

test('with client id and secret (Basic) the token endpoint returns a refresh token that works once', async () => {
  const basic = { Authorization: `Basic ${Buffer.from('bx:bx').toString('base64')}` }
  const first = await postToken(em, { grant_type: GRANTS.apikey, apikey: em.seed.apikey }, basic)
  expect(first.status).toBe(200)
  expect(first.json.refresh_token).not.toBe('not_supported')
  expect(first.json.refresh_token.length).toBeGreaterThan(32)
  const refreshed = await postToken(
    em,
    { grant_type: 'refresh_token', refresh_token: first.json.refresh_token },
    basic
  )
  expect(refreshed.status).toBe(200)
  expect(refreshed.json.access_token).not.toBe(first.json.access_token)
  const reused = await postToken(
    em,
    { grant_type: 'refresh_token', refresh_token: first.json.refresh_token },
    basic
  )
  expect(reused.status).toBe(400)
  const wrongSecret = { Authorization: `Basic ${Buffer.from('bx:nope').toString('base64')}` }
  const refused = await postToken(
    em,
    { grant_type: GRANTS.apikey, apikey: em.seed.apikey },
    wrongSecret
  )
  expect(refused.status).toBe(400)
  expect(JSON.stringify(em.requests)).not.toContain(first.json.refresh_token)
})

test('token errors carry the context fields IAM sends', async () => {
  const reply = await postToken(
    em,
    { grant_type: GRANTS.apikey, apikey: 'nope' },
    { 'User-Agent': 'ua/1' }
  )
  expect(reply.status).toBe(400)
  expect(Object.keys(reply.json.context ?? {})).toEqual([
    'requestId',
    'requestType',
    'userAgent',
    'clientIp',
    'url',
    'instanceId',
    'threadId',
    'host',
    'startTime',
    'endTime',
    'elapsedTime',
    'locale',
    'clusterName'
  ])
  expect(reply.json.context).toMatchObject({
    requestId: reply.headers['transaction-id'],
    userAgent: 'ua/1',
    startTime: expect.stringMatching(/^\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}:\d{2}:\d{3} UTC$/)
  })
})
