// The judge: IBM's own Node clients (ibm-cloud-sdk-core, @ibm-cloud/platform-services
// IamIdentityV1) drive the emulator through every API-key operation and every grant, with
// the statuses and field types they expect from IAM. TLS is verified against the emulator's
// throwaway CA through an https.Agent (never disableSslVerification).
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import https from 'node:https'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import IamIdentityV1 from '@ibm-cloud/platform-services/iam-identity/v1.js'
import {
  ContainerAuthenticator,
  IamAssumeAuthenticator,
  IamAuthenticator,
  VpcInstanceAuthenticator
} from 'ibm-cloud-sdk-core'
import { startEmulator, type Emulator } from '../emulator/index.mjs'
import { claimsOf } from '../emulator/client.mjs'

let em: Emulator
let agent: https.Agent
let tmp: string
let identity: IamIdentityV1

beforeAll(async () => {
  em = await startEmulator()
  agent = new https.Agent({ ca: em.caPem ?? '' })
  tmp = await mkdtemp(join(tmpdir(), 'emulator-sdk-'))
  identity = identityClient(
    new IamAuthenticator({ apikey: em.seed.apikey, url: em.url, httpsAgent: agent } as never)
  )
})
afterAll(async () => {
  agent.destroy()
  await em.close()
  await rm(tmp, { recursive: true, force: true })
})

function identityClient(authenticator: IamAuthenticator | VpcInstanceAuthenticator) {
  return new IamIdentityV1({ authenticator, serviceUrl: em.url, httpsAgent: agent } as never)
}

/** The bearer token an authenticator puts on a request. */
async function tokenFrom(authenticator: { authenticate(o: { headers?: object }): Promise<void> }) {
  const request: { headers: Record<string, string> } = { headers: {} }
  await authenticator.authenticate(request)
  return (request.headers.Authorization ?? '').replace(/^Bearer /, '')
}

const IBM_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}\+0000$/

describe('IamIdentityV1: every API-key operation', () => {
  test('create (both expires_at forms, passthrough, Entity-Lock, Entity-Disable), get with history, details, delete', async () => {
    const minutes = await identity.createApiKey({
      name: 'sdk-minutes',
      iamId: em.seed.iamId,
      accountId: em.seed.accountId,
      description: 'made by IamIdentityV1',
      expiresAt: '2049-01-02T18:30+0000'
    })
    expect(minutes.status).toBe(201)
    const key = minutes.result
    expect(key).toMatchObject({
      id: expect.stringMatching(/^ApiKey-/),
      entity_tag: expect.any(String),
      crn: expect.stringContaining(':apikey:'),
      locked: false,
      disabled: false,
      created_at: expect.stringMatching(IBM_DATE),
      created_by: em.seed.iamId,
      modified_at: expect.stringMatching(IBM_DATE),
      name: 'sdk-minutes',
      support_sessions: false,
      action_when_leaked: expect.any(String),
      expires_at: '2049-01-02T18:30+0000',
      description: 'made by IamIdentityV1',
      iam_id: em.seed.iamId,
      account_id: em.seed.accountId,
      apikey: expect.any(String)
    })

    const seconds = await identity.createApiKey({
      name: 'sdk-seconds',
      iamId: em.seed.iamId,
      expiresAt: '2049-01-02T18:30:00+0000',
      apikey: `sdk-passthrough-${'v'.repeat(32)}`,
      storeValue: true,
      actionWhenLeaked: 'delete',
      entityLock: 'true',
      entityDisable: 'true'
    })
    expect(seconds.status).toBe(201)
    expect(seconds.result).toMatchObject({
      apikey: `sdk-passthrough-${'v'.repeat(32)}`,
      locked: true,
      disabled: true,
      action_when_leaked: 'delete'
    })

    const got = await identity.getApiKey({
      id: key.id,
      includeHistory: true,
      includeActivity: true
    })
    expect(got.status).toBe(200)
    expect(got.result.apikey).toBeUndefined()
    expect(got.result.history?.[0]).toMatchObject({
      timestamp: expect.stringMatching(IBM_DATE),
      iam_id: em.seed.iamId,
      iam_id_account: em.seed.accountId,
      action: 'create',
      params: [key.id],
      message: expect.any(String)
    })
    expect(got.result.activity).toEqual({ authn_count: 0 })
    // store_value: the value comes back on get.
    const stored = await identity.getApiKey({ id: seconds.result.id })
    expect(stored.result.apikey).toBe(seconds.result.apikey)

    const details = await identity.getApiKeysDetails({
      iamApiKey: key.apikey,
      includeHistory: true
    })
    expect(details.status).toBe(200)
    expect(details.result).toMatchObject({ id: key.id, iam_id: em.seed.iamId, locked: false })
    expect(details.result.history).toHaveLength(1)

    const deleted = await identity.deleteApiKey({ id: key.id })
    expect(deleted.status).toBe(204)
    await expect(identity.getApiKey({ id: key.id })).rejects.toMatchObject({ status: 404 })
    // Locked: delete is refused until unlocked.
    await expect(identity.deleteApiKey({ id: seconds.result.id })).rejects.toMatchObject({
      status: 409
    })
    expect((await identity.unlockApiKey({ id: seconds.result.id })).status).toBe(204)
    expect((await identity.deleteApiKey({ id: seconds.result.id })).status).toBe(204)
  })

  test('update with If-Match, lock, unlock, disable, enable', async () => {
    const { result: key } = await identity.createApiKey({
      name: 'sdk-update',
      iamId: em.seed.iamId
    })
    const { result: read } = await identity.getApiKey({ id: key.id })
    const updated = await identity.updateApiKey({
      id: key.id,
      ifMatch: read.entity_tag ?? '',
      name: 'sdk-updated',
      description: 'This is an updated description',
      expiresAt: '2026-01-02T18:30:00+0000'
    })
    expect(updated.status).toBe(200)
    expect(updated.result).toMatchObject({
      name: 'sdk-updated',
      description: 'This is an updated description',
      expires_at: '2026-01-02T18:30+0000'
    })
    await expect(
      identity.updateApiKey({ id: key.id, ifMatch: read.entity_tag ?? '', name: 'stale' })
    ).rejects.toMatchObject({ status: 409 })

    for (const [call, field, value] of [
      [() => identity.lockApiKey({ id: key.id }), 'locked', true],
      [() => identity.unlockApiKey({ id: key.id }), 'locked', false],
      [() => identity.disableApiKey({ id: key.id }), 'disabled', true],
      [() => identity.enableApiKey({ id: key.id }), 'disabled', false]
    ] as const) {
      const response = await call()
      expect(response.status).toBe(204)
      const { result } = await identity.getApiKey({ id: key.id })
      expect(result[field]).toBe(value)
    }
    expect((await identity.deleteApiKey({ id: key.id })).status).toBe(204)
  })

  test('list: pagesize/pagetoken paging (token read from next), filters, sort, include_history', async () => {
    const names = ['sdk-list-c', 'sdk-list-a', 'sdk-list-b']
    const ids: string[] = []
    for (const name of names) {
      ids.push((await identity.createApiKey({ name, iamId: em.seed.iamId })).result.id)
    }
    const seen: string[] = []
    let pagetoken: string | undefined
    let pages = 0
    do {
      const { status, result } = await identity.listApiKeys({
        accountId: em.seed.accountId,
        iamId: em.seed.iamId,
        pagesize: 1,
        includeHistory: true,
        ...(pagetoken ? { pagetoken } : {})
      })
      expect(status).toBe(200)
      expect(result.limit).toBe(1)
      expect(result.apikeys).toHaveLength(1)
      expect(result.apikeys[0]?.history).toHaveLength(1)
      seen.push(...result.apikeys.map((k) => k.name))
      pagetoken = result.next
        ? (new URL(result.next, 'https://fakehost.com').searchParams.get('pagetoken') ?? undefined)
        : undefined
      pages += 1
    } while (pagetoken && pages < 10)
    expect(seen).toEqual(expect.arrayContaining(['ci-deployer-key', ...names]))
    expect(seen).toHaveLength(4)

    const sorted = await identity.listApiKeys({ iamId: em.seed.iamId, sort: 'name', order: 'desc' })
    expect(sorted.result.apikeys.map((k) => k.name)).toEqual([
      'sdk-list-c',
      'sdk-list-b',
      'sdk-list-a',
      'ci-deployer-key'
    ])
    const readonlyOnly = await identity.listApiKeys({
      accountId: em.seed.accountId,
      iamId: em.seed.readonlyIamId,
      scope: 'entity',
      type: 'serviceid'
    })
    expect(readonlyOnly.result.apikeys.map((k) => k.iam_id)).toEqual([em.seed.readonlyIamId])
    const users = await identity.listApiKeys({ type: 'user' })
    expect(users.result.apikeys).toEqual([])
    for (const id of ids) await identity.deleteApiKey({ id })
  })

  test('an error reaches the SDK with its status and IAM message', async () => {
    const error = await identity
      .getApiKey({ id: 'ApiKey-00000000-0000-0000-0000-000000000000' })
      .catch((e: unknown) => e as { status: number; message: string })
    expect(error).toMatchObject({ status: 404, message: expect.stringContaining('not found') })
  })
})

describe('every grant through the matching SDK authenticator', () => {
  test('IamAuthenticator: API-key grant', async () => {
    const auth = new IamAuthenticator({
      apikey: em.seed.apikey,
      url: em.url,
      httpsAgent: agent
    } as never)
    const claims = claimsOf(await tokenFrom(auth))
    expect(claims).toMatchObject({ iam_id: em.seed.iamId, sub_type: 'ServiceId' })
    expect(em.requests.at(-1)?.headers['user-agent']).toMatch(/iam-authenticator/)
  })

  test('IamAuthenticator with client id/secret: a real refresh token', async () => {
    const auth = new IamAuthenticator({
      apikey: em.seed.apikey,
      url: em.url,
      clientId: 'bx',
      clientSecret: 'bx',
      httpsAgent: agent
    } as never)
    await tokenFrom(auth)
    const manager = auth['tokenManager'] as unknown as { getRefreshToken(): string }
    expect(manager.getRefreshToken()).not.toBe('not_supported')
    expect(manager.getRefreshToken().length).toBeGreaterThan(32)
  })

  test('IamAssumeAuthenticator: by profile id, CRN, and name + account', async () => {
    for (const profile of [
      { iamProfileId: em.seed.profileId },
      { iamProfileCrn: em.seed.profileCrn },
      { iamProfileName: em.seed.profileName, iamAccountId: em.seed.accountId }
    ]) {
      const auth = new IamAssumeAuthenticator({
        apikey: em.seed.apikey,
        url: em.url,
        httpsAgent: agent,
        ...profile
      } as never)
      const claims = claimsOf(await tokenFrom(auth))
      expect(claims).toMatchObject({
        iam_id: `iam-${em.seed.profileId}`,
        sub_type: 'Profile',
        grant_type: 'urn:ibm:params:oauth:grant-type:assume'
      })
    }
    const grants = em.requests.slice(-2).map((r) => r.grantType)
    expect(grants).toEqual([
      'urn:ibm:params:oauth:grant-type:apikey',
      'urn:ibm:params:oauth:grant-type:assume'
    ])
  })

  test('ContainerAuthenticator: cr token from a file, by profile id and by name', async () => {
    const file = join(tmp, 'sa-token')
    await writeFile(file, `${em.seed.crToken}\n`)
    for (const profile of [
      { iamProfileId: em.seed.crProfileId },
      { iamProfileName: em.seed.crProfileName }
    ]) {
      const auth = new ContainerAuthenticator({
        crTokenFilename: file,
        url: em.url,
        httpsAgent: agent,
        ...profile
      } as never)
      const claims = claimsOf(await tokenFrom(auth))
      expect(claims).toMatchObject({
        iam_id: `iam-${em.seed.crProfileId}`,
        sub_type: 'Profile',
        grant_type: 'urn:ibm:params:oauth:grant-type:cr-token'
      })
    }
    expect(JSON.stringify(em.requests)).not.toContain(em.seed.crToken)
  })

  test('VpcInstanceAuthenticator: default linked profile, a named one, and both metadata versions', async () => {
    for (const [options, profileId] of [
      [{}, em.seed.vsiProfileId],
      [{ iamProfileId: em.seed.crProfileId }, em.seed.crProfileId],
      [{ iamProfileName: em.seed.crProfileName, serviceVersion: '2025-08-26' }, em.seed.crProfileId]
    ] as const) {
      const auth = new VpcInstanceAuthenticator({ url: em.metadataUrl, ...options })
      const claims = claimsOf(await tokenFrom(auth))
      expect(claims).toMatchObject({ iam_id: `iam-${profileId}`, sub_type: 'Profile' })
    }
    const metadataCalls = em.requests.filter((r) => r.service === 'metadata')
    expect(metadataCalls.every((r) => r.headers['metadata-flavor'] === 'ibm')).toBe(true)
    expect(metadataCalls.every((r) => r.status === 200)).toBe(true)

    // The profile token from the metadata service works with IamIdentityV1 too.
    const vsiClient = identityClient(new VpcInstanceAuthenticator({ url: em.metadataUrl }))
    const listed = await vsiClient.listApiKeys({ accountId: em.seed.accountId })
    expect(listed.status).toBe(200)
  })
})
