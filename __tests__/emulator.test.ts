import { createPublicKey, verify as verifySignature, type JsonWebKey } from 'node:crypto'
import { existsSync } from 'node:fs'
import http from 'node:http'
import { dirname } from 'node:path'
import tls from 'node:tls'
import type { Socket } from 'node:net'
import { startConnectProxy, startEmulator, type Emulator } from '../emulator/index.mjs'
import { OWN_CODES } from '../emulator/own-codes.mjs'
import {
  call as httpCall,
  type CallOptions as HttpCallOptions,
  type Reply
} from '../emulator/client.mjs'

const APIKEY_GRANT = 'urn:ibm:params:oauth:grant-type:apikey'
const ASSUME_GRANT = 'urn:ibm:params:oauth:grant-type:assume'

interface TokenBody {
  access_token: string
  refresh_token: string
  token_type: string
  expires_in: number
  expiration: number
  scope: string
}
interface TokenError {
  errorCode: string
  errorMessage: string
  errorDetails?: string
  context: { requestId: string; clusterName: string }
}
interface IdentityError {
  errors: { code: string; message_code: string; message: string }[]
  status_code: number
  trace: string
}
interface ApiKey {
  id: string
  name: string
  iam_id: string
  account_id: string
  crn: string
  apikey?: string
  expires_at?: string
  created_at: string
}
interface ApiKeyPage {
  offset: number
  limit: number
  first: string
  next?: string
  apikeys: ApiKey[]
}
interface Claims {
  iam_id: string
  sub: string
  sub_type: string
  jti: string
  iat: number
  exp: number
  iss: string
  grant_type: string
  account: { bss: string; valid: boolean }
  authn: { iam_id: string }
}

/** One request to an emulator at `path`, trusting only its throwaway CA. */
function call<T = unknown>(
  em: Emulator,
  { path, ...options }: HttpCallOptions & { path: string }
): Promise<Reply<T>> {
  return httpCall<T>(em, em.url, path, options)
}

const postToken = (em: Emulator, params: Record<string, string>, headers = {}) =>
  call<TokenBody & TokenError>(em, {
    method: 'POST',
    path: '/identity/token',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(params).toString()
  })

const apikeyGrant = (em: Emulator, apikey: string, headers = {}) =>
  postToken(em, { grant_type: APIKEY_GRANT, apikey }, headers)

async function bearer(em: Emulator, apikey: string): Promise<{ Authorization: string }> {
  const reply = await apikeyGrant(em, apikey)
  expect(reply.status).toBe(200)
  return { Authorization: `Bearer ${reply.json.access_token}` }
}

const createKey = (em: Emulator, auth: Record<string, string>, body: object) =>
  call<ApiKey & IdentityError>(em, {
    method: 'POST',
    path: '/v1/apikeys',
    headers: { ...auth, 'Content-Type': 'application/json' },
    body: JSON.stringify(body)
  })

/** A token-endpoint error whose code is the emulator's own choice: assert status and shape only. */
function expectOwnTokenError(reply: Reply<TokenError>, status: number) {
  expect(reply.status).toBe(status)
  expect(reply.json).toMatchObject({
    errorCode: expect.stringMatching(/^BXNIM\d{4}E$/),
    errorMessage: expect.any(String),
    context: { requestId: reply.headers['transaction-id'] }
  })
  expect(OWN_CODES.filter((own) => own.status === status).map((own) => own.code)).toContain(
    reply.json.errorCode
  )
}

const decodeClaims = (jwt: string): Claims =>
  JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as Claims

describe('IAM emulator', () => {
  let em: Emulator

  beforeAll(async () => {
    em = await startEmulator()
  })
  afterAll(async () => {
    await em.close()
  })
  beforeEach(() => em.reset())

  describe('token endpoint', () => {
    test('apikey grant returns an RS256 JWT that verifies against /identity/keys', async () => {
      const reply = await apikeyGrant(em, em.seed.apikey)
      expect(reply.status).toBe(200)
      expect(reply.json).toMatchObject({
        refresh_token: 'not_supported',
        token_type: 'Bearer',
        expires_in: 3600,
        scope: 'ibm openid'
      })

      const [header = '', payload = '', signature = ''] = reply.json.access_token.split('.')
      const head = JSON.parse(Buffer.from(header, 'base64url').toString('utf8'))
      const jwks = await call<{ keys: (JsonWebKey & { kid: string; alg: string })[] }>(em, {
        path: '/identity/keys'
      })
      const jwk = jwks.json.keys.find((k) => k.kid === head.kid)
      expect(head.alg).toBe('RS256')
      expect(jwk?.alg).toBe('RS256')
      const key = createPublicKey({ key: jwk as JsonWebKey, format: 'jwk' })
      const signed = Buffer.from(`${header}.${payload}`)
      expect(verifySignature('sha256', signed, key, Buffer.from(signature, 'base64url'))).toBe(true)
      const tampered = Buffer.from(`${header}.${payload}x`)
      expect(verifySignature('sha256', tampered, key, Buffer.from(signature, 'base64url'))).toBe(
        false
      )

      const claims = decodeClaims(reply.json.access_token)
      expect(claims).toMatchObject({
        iam_id: em.seed.iamId,
        sub: em.seed.iamId.replace(/^iam-/, ''),
        sub_type: 'ServiceId',
        account: { valid: true, bss: em.seed.accountId },
        iss: 'https://iam.cloud.ibm.com/identity',
        grant_type: APIKEY_GRANT
      })
      expect(claims.exp - claims.iat).toBe(3600)
      expect(reply.json.expiration).toBe(claims.exp)

      const again = await apikeyGrant(em, em.seed.apikey)
      expect(again.json.access_token).not.toBe(reply.json.access_token)
      expect(decodeClaims(again.json.access_token).jti).not.toBe(claims.jti)
    })

    test('unknown key: 400 BXNIM0415E whose requestId is the Transaction-Id header', async () => {
      const reply = await apikeyGrant(em, 'not-a-real-key')
      expect(reply.status).toBe(400)
      expect(reply.json.errorCode).toBe('BXNIM0415E')
      expect(reply.json.errorMessage).toBe('Provided API key could not be found.')
      expect(reply.headers['transaction-id']).toMatch(/^iam-emu-[0-9a-f]{32}$/)
      expect(reply.json.context.requestId).toBe(reply.headers['transaction-id'])
      expect(reply.json.context.clusterName).toBe('iam-emulator')
    })

    test('missing or empty apikey, or a non-form body: 400 BXNIM0109E naming the property', async () => {
      const missing = await postToken(em, { grant_type: APIKEY_GRANT })
      const empty = await apikeyGrant(em, '')
      for (const reply of [missing, empty]) {
        expect(reply.status).toBe(400)
        expect(reply.json.errorCode).toBe('BXNIM0109E')
        expect(reply.json.errorDetails).toContain("'apikey'")
      }
      const json = await call<TokenError>(em, {
        method: 'POST',
        path: '/identity/token',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ grant_type: APIKEY_GRANT, apikey: em.seed.apikey })
      })
      expect(json.status).toBe(400)
      expect(json.json.errorDetails).toContain("'grant_type'")
    })

    test("wrong method: 405 BXNIM0060E; unknown grant: 400 in the token error shape (the code is the emulator's own)", async () => {
      const get = await call<TokenError>(em, { path: '/identity/token' })
      expect(get.status).toBe(405)
      expect(get.json.errorCode).toBe('BXNIM0060E')
      const grant = await postToken(em, { grant_type: 'password', apikey: em.seed.apikey })
      expect(grant.status).toBe(400)
      expectOwnTokenError(grant, 400)
    })

    test('IBM-Cloud-Tenant: the key must belong to one of the listed accounts', async () => {
      const { accountId, otherAccountId } = em.seed
      const mismatch = await apikeyGrant(em, em.seed.apikey, { 'IBM-Cloud-Tenant': otherAccountId })
      expect(mismatch.status).toBe(400)
      expectOwnTokenError(mismatch, 400)
      expect(mismatch.json.access_token).toBeUndefined()

      const listed = await apikeyGrant(em, em.seed.apikey, {
        'IBM-Cloud-Tenant': `${otherAccountId}, ${accountId}`
      })
      expect(listed.status).toBe(200)
      const other = await apikeyGrant(em, em.seed.otherAccountApikey, {
        'IBM-Cloud-Tenant': otherAccountId
      })
      expect(other.status).toBe(200)
      expect(decodeClaims(other.json.access_token).account.bss).toBe(otherAccountId)
    })

    test('assume grant: a service ID token becomes a trusted-profile token', async () => {
      const seedToken = (await apikeyGrant(em, em.seed.apikey)).json.access_token
      const byId = await postToken(em, {
        grant_type: ASSUME_GRANT,
        access_token: seedToken,
        profile_id: em.seed.profileId
      })
      expect(byId.status).toBe(200)
      expect(decodeClaims(byId.json.access_token)).toMatchObject({
        iam_id: `iam-${em.seed.profileId}`,
        sub_type: 'Profile',
        grant_type: ASSUME_GRANT,
        authn: { iam_id: em.seed.iamId },
        account: { bss: em.seed.accountId }
      })

      const byName = await postToken(em, {
        grant_type: ASSUME_GRANT,
        access_token: seedToken,
        profile_name: em.seed.profileName,
        account: em.seed.accountId
      })
      expect(byName.status).toBe(200)
      const noAccount = await postToken(em, {
        grant_type: ASSUME_GRANT,
        access_token: seedToken,
        profile_name: em.seed.profileName
      })
      expect(noAccount.json.errorDetails).toContain("'account'")

      const otherToken = (await apikeyGrant(em, em.seed.otherAccountApikey)).json.access_token
      const untrusted = await postToken(em, {
        grant_type: ASSUME_GRANT,
        access_token: otherToken,
        profile_id: em.seed.profileId
      })
      expect(untrusted.status).toBe(400)
      const forged = await postToken(em, {
        grant_type: ASSUME_GRANT,
        access_token: `${seedToken.slice(0, -4)}AAAA`,
        profile_id: em.seed.profileId
      })
      expect(forged.status).toBe(400)
    })
  })

  describe('API keys', () => {
    test('create, use, delete: the key is refused afterwards, its token still works', async () => {
      const auth = await bearer(em, em.seed.apikey)
      const created = await createKey(em, auth, {
        name: 'run-42',
        iam_id: em.seed.iamId,
        description: 'ephemeral'
      })
      expect(created.status).toBe(201)
      expect(created.json.id).toMatch(/^ApiKey-[0-9a-f-]{36}$/)
      expect(created.json.apikey).toMatch(/^[A-Za-z0-9_-]{43}$/)
      expect(created.json).toMatchObject({
        name: 'run-42',
        iam_id: em.seed.iamId,
        account_id: em.seed.accountId
      })
      expect(created.json.crn).toContain(`a/${em.seed.accountId}::apikey:${created.json.id}`)
      const id = created.json.id
      const value = created.json.apikey ?? ''

      const fetched = await call<ApiKey>(em, { path: `/v1/apikeys/${id}`, headers: auth })
      expect(fetched.status).toBe(200)
      expect(fetched.json.name).toBe('run-42')
      expect(fetched.json.apikey).toBeUndefined()

      const ownAuth = await bearer(em, value)
      const deleted = await call(em, {
        method: 'DELETE',
        path: `/v1/apikeys/${id}`,
        headers: ownAuth
      })
      expect(deleted.status).toBe(204)
      expect(deleted.text).toBe('')
      expect(em.apiKeyExists(id)).toBe(false)
      expect(em.apiKeyExists(value)).toBe(false)

      const refused = await apikeyGrant(em, value)
      expect(refused.status).toBe(400)
      expect(refused.json.errorCode).toBe('BXNIM0415E')
      const again = await call<IdentityError>(em, {
        method: 'DELETE',
        path: `/v1/apikeys/${id}`,
        headers: ownAuth
      })
      expect(again.status).toBe(404)
      expect(again.json.errors[0]).toMatchObject({ code: 'not_found', message_code: 'BXNIM0102E' })
      expect(again.json.trace).toBe(again.headers['transaction-id'])
      const gone = await call(em, { path: `/v1/apikeys/${id}`, headers: ownAuth })
      expect(gone.status).toBe(404)
      // The token issued from the deleted key stays valid until it expires.
      const stillValid = await call(em, {
        path: `/v1/apikeys/${em.seed.apikeyId}`,
        headers: ownAuth
      })
      expect(stillValid.status).toBe(200)
    })

    test('validation: missing name or iam_id and a malformed expires_at are 400', async () => {
      const auth = await bearer(em, em.seed.apikey)
      const before = em.listApiKeys().length
      const noName = await createKey(em, auth, { iam_id: em.seed.iamId })
      expect(noName.status).toBe(400)
      expect(noName.json.errors[0]?.message).toContain("'name'")
      const noIamId = await createKey(em, auth, { name: 'x' })
      expect(noIamId.status).toBe(400)
      expect(noIamId.json.errors[0]?.message).toContain("'iam_id'")
      for (const expires_at of ['2026-11-22T18:30:00Z', '2026-13-01T00:00+0000']) {
        const bad = await createKey(em, auth, { name: 'x', iam_id: em.seed.iamId, expires_at })
        expect(bad.status).toBe(400)
      }
      expect(em.listApiKeys()).toHaveLength(before)
    })

    test('a key past its expires_at is refused at the token endpoint', async () => {
      const auth = await bearer(em, em.seed.apikey)
      const viaApi = await createKey(em, auth, {
        name: 'expired',
        iam_id: em.seed.iamId,
        expires_at: '2020-01-01T00:00+0000'
      })
      expect(viaApi.status).toBe(201)
      expect(viaApi.json.expires_at).toBe('2020-01-01T00:00+0000')
      expect((await apikeyGrant(em, viaApi.json.apikey ?? '')).json.errorCode).toBe('BXNIM0415E')

      const past = em.createApiKey({ iamId: em.seed.iamId, expiresAt: new Date(Date.now() - 1000) })
      const future = em.createApiKey({ iamId: em.seed.iamId, expiresAt: '2099-01-01T00:00+0000' })
      expect((await apikeyGrant(em, past.apikey)).status).toBe(400)
      expect((await apikeyGrant(em, future.apikey)).status).toBe(200)
      expect(em.apiKeyExists(past.id)).toBe(true)

      const backdated = em.createApiKey({
        iamId: em.seed.iamId,
        description: 'left over',
        createdAt: new Date('2020-01-01T00:00:00Z')
      })
      expect(em.listApiKeys().find((k) => k.id === backdated.id)).toMatchObject({
        description: 'left over',
        created_at: '2020-01-01T00:00+0000'
      })
    })

    test('an identity that may not manage keys gets 403; nobody creates keys for others', async () => {
      const readonly = await bearer(em, em.seed.readonlyApikey)
      const create = await createKey(em, readonly, { name: 'x', iam_id: em.seed.readonlyIamId })
      expect(create.status).toBe(403)
      expect(create.json.errors[0]?.code).toBe('forbidden')
      const del = await call<IdentityError>(em, {
        method: 'DELETE',
        path: `/v1/apikeys/${em.seed.apikeyId}`,
        headers: readonly
      })
      expect(del.status).toBe(403)
      expect(em.apiKeyExists(em.seed.apikeyId)).toBe(true)

      const deployer = await bearer(em, em.seed.apikey)
      const forOther = await createKey(em, deployer, { name: 'x', iam_id: em.seed.readonlyIamId })
      expect(forOther.status).toBe(403)
    })

    test('the Identity API needs a valid bearer token', async () => {
      const none = await call<IdentityError>(em, { path: '/v1/apikeys' })
      expect(none.status).toBe(401)
      expect(none.json.errors[0]).toMatchObject({
        code: 'unauthorized',
        message_code: 'BXNIM0308E'
      })
      const { Authorization } = await bearer(em, em.seed.apikey)
      const forged = await call(em, {
        path: '/v1/apikeys',
        headers: { Authorization: `${Authorization.slice(0, -4)}AAAA` }
      })
      expect(forged.status).toBe(401)
    })

    test('list: pages through the caller account only, without values', async () => {
      const auth = await bearer(em, em.seed.apikey)
      for (const name of ['page-a', 'page-b', 'page-c']) {
        expect((await createKey(em, auth, { name, iam_id: em.seed.iamId })).status).toBe(201)
      }
      const expected = em
        .listApiKeys()
        .filter((k) => k.account_id === em.seed.accountId)
        .map((k) => k.id)
      expect(expected.length).toBeGreaterThan(4)

      const seen: string[] = []
      let path: string | undefined = `/v1/apikeys?account_id=${em.seed.accountId}&pagesize=2`
      let pages = 0
      while (path) {
        const page: Reply<ApiKeyPage> = await call<ApiKeyPage>(em, { path, headers: auth })
        expect(page.status).toBe(200)
        expect(page.json.limit).toBe(2)
        expect(page.json.offset).toBe(pages * 2)
        expect(page.json.apikeys.length).toBeLessThanOrEqual(2)
        for (const key of page.json.apikeys) expect(key.apikey).toBeUndefined()
        seen.push(...page.json.apikeys.map((k) => k.id))
        pages += 1
        path = page.json.next
          ? new URL(page.json.next).pathname + new URL(page.json.next).search
          : undefined
      }
      expect(seen).toEqual(expected)
      expect(pages).toBe(Math.ceil(expected.length / 2))

      const byIamId = await call<ApiKeyPage>(em, {
        path: `/v1/apikeys?iam_id=${em.seed.readonlyIamId}`,
        headers: auth
      })
      expect(byIamId.json.apikeys.map((k) => k.iam_id)).toEqual([em.seed.readonlyIamId])
      const otherAccount = await call(em, {
        path: `/v1/apikeys?account_id=${em.seed.otherAccountId}`,
        headers: auth
      })
      expect(otherAccount.status).toBe(403)
    })

    test('details: looks a key up by value from the IAM-ApiKey header', async () => {
      const auth = await bearer(em, em.seed.apikey)
      const found = await call<ApiKey>(em, {
        path: '/v1/apikeys/details',
        headers: { ...auth, 'IAM-ApiKey': em.seed.apikey }
      })
      expect(found.status).toBe(200)
      expect(found.json.id).toBe(em.seed.apikeyId)
      expect(found.json.iam_id).toBe(em.seed.iamId)
      expect(found.json.apikey).toBeUndefined()
      const unknown = await call(em, {
        path: '/v1/apikeys/details',
        headers: { ...auth, 'IAM-ApiKey': 'nope' }
      })
      expect(unknown.status).toBe(404)
    })

    test('a key created with Entity-Lock: true cannot be deleted until unlocked', async () => {
      const auth = await bearer(em, em.seed.apikey)
      const locked = await call<ApiKey & { locked: boolean }>(em, {
        method: 'POST',
        path: '/v1/apikeys',
        headers: { ...auth, 'Content-Type': 'application/json', 'Entity-Lock': 'true' },
        body: JSON.stringify({ name: 'locked', iam_id: em.seed.iamId })
      })
      expect(locked.json.locked).toBe(true)
      const path = `/v1/apikeys/${locked.json.id}`
      expect((await call(em, { method: 'DELETE', path, headers: auth })).status).toBe(409)
      expect(em.apiKeyExists(locked.json.id)).toBe(true)
      const unlock = await call(em, { method: 'DELETE', path: `${path}/lock`, headers: auth })
      expect(unlock.status).toBe(204)
      expect((await call(em, { method: 'DELETE', path, headers: auth })).status).toBe(204)
    })

    test('creating more keys than apikeyLimit: 400 limit_exceeded', async () => {
      const small = await startEmulator({ apikeyLimit: 2 })
      try {
        const auth = await bearer(small, small.seed.apikey)
        const second = await createKey(small, auth, { name: 'two', iam_id: small.seed.iamId })
        expect(second.status).toBe(201)
        const third = await createKey(small, auth, { name: 'three', iam_id: small.seed.iamId })
        expect(third.status).toBe(400)
        expect(third.json.errors[0]).toMatchObject({
          code: 'limit_exceeded',
          message_code: 'BXNIM0506E'
        })
        expect(() => small.createApiKey({ iamId: small.seed.iamId })).toThrow()
      } finally {
        await small.close()
      }
    })
  })

  describe('faults and rate limits', () => {
    test('a queued status fault answers once, with its headers and a non-JSON body', async () => {
      em.queueFault('POST /identity/token', {
        status: 503,
        body: '<html>503 Service Unavailable</html>',
        headers: { 'Retry-After': '7' },
        times: 2
      })
      for (let i = 0; i < 2; i++) {
        const reply = await apikeyGrant(em, em.seed.apikey)
        expect(reply.status).toBe(503)
        expect(reply.headers['retry-after']).toBe('7')
        expect(reply.text).toBe('<html>503 Service Unavailable</html>')
        expect(reply.headers['transaction-id']).toBeDefined()
      }
      expect((await apikeyGrant(em, em.seed.apikey)).status).toBe(200)
      expect(em.requests.map((r) => r.status)).toEqual([503, 503, 200])
    })

    test('prefix routes, drop and delay', async () => {
      em.queueFault('DELETE /v1/apikeys/*', { status: 500, body: { boom: true } })
      const auth = await bearer(em, em.seed.apikey)
      const faulted = await call<{ boom: boolean }>(em, {
        method: 'DELETE',
        path: `/v1/apikeys/${em.seed.apikeyId}`,
        headers: auth
      })
      expect(faulted.status).toBe(500)
      expect(faulted.json).toEqual({ boom: true })
      expect(em.apiKeyExists(em.seed.apikeyId)).toBe(true)

      em.queueFault('POST /identity/token', { drop: true })
      await expect(apikeyGrant(em, em.seed.apikey)).rejects.toThrow()
      expect(em.requests.at(-1)).toMatchObject({ path: '/identity/token', status: 0 })

      em.queueFault('POST /identity/token', { delayMs: 400 })
      const timedOut = postTokenWithTimeout(em, 100)
      await expect(timedOut).rejects.toThrow('client timeout')

      em.queueFault('POST /identity/token', { headers: { 'X-Emulator-Fault': 'yes' } })
      const decorated = await apikeyGrant(em, em.seed.apikey)
      expect(decorated.status).toBe(200)
      expect(decorated.headers['x-emulator-fault']).toBe('yes')

      em.queueFault('POST /identity/token', { delayMs: 150 })
      const started = Date.now()
      const slow = await apikeyGrant(em, em.seed.apikey)
      expect(slow.status).toBe(200)
      expect(Date.now() - started).toBeGreaterThanOrEqual(140)
    })

    test('rate limit: 429 in the token error shape, Retry-After only when configured', async () => {
      em.setRateLimit({ limit: 2, windowMs: 60_000, retryAfterSeconds: 3 })
      expect((await apikeyGrant(em, em.seed.apikey)).status).toBe(200)
      expect((await apikeyGrant(em, em.seed.apikey)).status).toBe(200)
      const limited = await apikeyGrant(em, em.seed.apikey)
      expect(limited.status).toBe(429)
      expectOwnTokenError(limited, 429)
      expect(limited.json.context.requestId).toBe(limited.headers['transaction-id'])
      expect(limited.headers['retry-after']).toBe('3')

      em.setRateLimit({ limit: 0, windowMs: 60_000, retryAfterSeconds: null })
      const noHeader = await apikeyGrant(em, em.seed.apikey)
      expect(noHeader.status).toBe(429)
      expect(noHeader.headers['retry-after']).toBeUndefined()

      em.reset()
      expect((await apikeyGrant(em, em.seed.apikey)).status).toBe(200)
    })
  })

  test('the request log records ids and grant types but no secret', async () => {
    const grant = await apikeyGrant(em, em.seed.apikey, { 'User-Agent': 'emulator-test/1.0' })
    const auth = await bearer(em, em.seed.apikey)
    const created = await createKey(em, auth, { name: 'logged', iam_id: em.seed.iamId })
    await call(em, {
      path: '/v1/apikeys/details',
      headers: { ...auth, 'IAM-ApiKey': em.seed.readonlyApikey }
    })
    await call(em, { path: `/identity/token?apikey=${em.seed.apikey}` })

    const log = JSON.stringify(em.requests)
    const secrets = [
      em.seed.apikey,
      em.seed.readonlyApikey,
      grant.json.access_token,
      created.json.apikey ?? 'missing'
    ]
    for (const secret of secrets) expect(log).not.toContain(secret)

    const [first, second, third, fourth, fifth] = em.requests
    expect(first).toMatchObject({
      method: 'POST',
      path: '/identity/token',
      status: 200,
      grantType: APIKEY_GRANT,
      apikeyId: em.seed.apikeyId
    })
    expect(first?.headers['user-agent']).toBe('emulator-test/1.0')
    expect(second?.status).toBe(200)
    expect(third).toMatchObject({ keyName: 'logged', status: 201 })
    expect(third?.headers.authorization).toBe('Bearer ***')
    expect(fourth?.headers['iam-apikey']).toBe('***')
    expect(fifth?.query.apikey).toBe('***')
    expect(first?.time).toBeLessThanOrEqual(fifth?.time ?? 0)
  })

  test("unknown routes answer 404 that cannot be mistaken for IAM's not_found", async () => {
    for (const [method, path] of [
      ['GET', '/v2/nothing'],
      ['DELETE', '/v1/apikey/ApiKey-1'],
      ['PATCH', `/v1/apikeys/${em.seed.apikeyId}`]
    ] as const) {
      const reply = await call<IdentityError>(em, { method, path })
      expect(reply.status).toBe(404)
      expect(reply.headers['x-iam-emulator']).toBe('no-route')
      expect(reply.json.errors[0]?.code).toBe('route_not_found')
      expect(reply.json.errors[0]?.message_code).not.toMatch(/^BXNIM/)
      expect(reply.json.errors[0]?.message).toContain(`${method} ${path}`)
      expect(reply.json.trace).toBe(reply.headers['transaction-id'])
    }
    const missingKey = await call<IdentityError>(em, {
      method: 'DELETE',
      path: '/v1/apikeys/ApiKey-00000000-0000-0000-0000-000000000000',
      headers: await bearer(em, em.seed.apikey)
    })
    expect(missingKey.status).toBe(404)
    expect(missingKey.json.errors[0]).toMatchObject({
      code: 'not_found',
      message_code: 'BXNIM0102E'
    })
    expect(missingKey.headers['x-iam-emulator']).toBeUndefined()
  })

  test('TLS is valid for IBM private endpoints reached through the CONNECT proxy', async () => {
    const proxy = await startConnectProxy({ target: { host: '127.0.0.1', port: em.port } })
    try {
      const host = 'private.us-south.iam.cloud.ibm.com'
      const status = await getThroughProxy(proxy.url, host, em.caPem ?? '')
      expect(status).toBe('HTTP/1.1 200 OK')
      expect(proxy.connects).toEqual([`${host}:443`])

      await expect(getThroughProxy(proxy.url, 'iam.example.com', em.caPem ?? '')).rejects.toThrow(
        /altnames|does not match/i
      )
      const plain = await new Promise<number>((resolve, reject) => {
        http
          .get(proxy.url, { agent: false }, (res) => {
            res.resume()
            resolve(res.statusCode ?? 0)
          })
          .on('error', reject)
      })
      expect(plain).toBe(405)
    } finally {
      await proxy.close()
    }
  })
})

describe('emulator lifecycle', () => {
  test('plain http, short-lived tokens expire, close() ends hung requests and removes the CA', async () => {
    const em = await startEmulator({ https: false, tokenLifetimeSeconds: 1 })
    expect(em.url).toMatch(/^http:\/\//)
    expect(em.caPath).toBeNull()
    const token = await apikeyGrant(em, em.seed.apikey)
    expect(token.json.expires_in).toBe(1)
    const wait = token.json.expiration * 1000 - Date.now() + 20
    await new Promise((resolve) => setTimeout(resolve, Math.max(wait, 0)))
    const expired = await call<IdentityError>(em, {
      path: '/v1/apikeys',
      headers: { Authorization: `Bearer ${token.json.access_token}` }
    })
    expect(expired.status).toBe(401)
    expect(expired.json.errors[0]?.message).toContain('expired')

    em.queueFault('POST /identity/token', { hang: true })
    const hung = apikeyGrant(em, em.seed.apikey)
    await waitFor(() => em.requests.length === 3)
    await em.close()
    await expect(hung).rejects.toThrow()
    expect(em.requests.at(-1)?.status).toBe(0)

    const secured = await startEmulator()
    const caPath = secured.caPath ?? ''
    expect(existsSync(caPath)).toBe(true)
    expect(dirname(caPath)).toMatch(/iam-emulator-/)
    await secured.close()
    expect(existsSync(dirname(caPath))).toBe(false)
  })
})

function postTokenWithTimeout(em: Emulator, timeoutMs: number) {
  return call(em, {
    method: 'POST',
    path: '/identity/token',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: APIKEY_GRANT, apikey: em.seed.apikey }).toString(),
    timeoutMs
  })
}

async function waitFor(condition: () => boolean) {
  for (let i = 0; i < 100 && !condition(); i++) await new Promise((r) => setTimeout(r, 10))
  expect(condition()).toBe(true)
}

/** CONNECT to `host:443` through the proxy, verify TLS for `host`, GET /identity/keys. */
async function getThroughProxy(proxyUrl: string, host: string, ca: string): Promise<string> {
  const proxy = new URL(proxyUrl)
  const tunnel = await new Promise<Socket>((resolve, reject) => {
    http
      .request({
        host: proxy.hostname,
        port: proxy.port,
        method: 'CONNECT',
        path: `${host}:443`,
        agent: false
      })
      .once('connect', (res, socket) =>
        res.statusCode === 200 ? resolve(socket) : reject(new Error(`CONNECT ${res.statusCode}`))
      )
      .once('error', reject)
      .end()
  })
  return new Promise((resolve, reject) => {
    const secure = tls.connect({ socket: tunnel, servername: host, ca }, () => {
      secure.write(`GET /identity/keys HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`)
    })
    let text = ''
    secure.setEncoding('utf8')
    secure.on('data', (chunk: string) => (text += chunk))
    secure.on('end', () => resolve(text.split('\r\n')[0] ?? ''))
    secure.on('error', (error) => {
      tunnel.destroy()
      reject(error)
    })
  })
}
