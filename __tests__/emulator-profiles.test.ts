// Trusted profiles over raw HTTP: the assume and cr-token grants and the VPC instance
// metadata service, with refusals, faults, rate limits and a secret-free log.
import { startEmulator, type Emulator } from '../emulator/index.mjs'
import { OWN_CODES } from '../emulator/own-codes.mjs'
import {
  GRANTS,
  call,
  claimsOf,
  postToken,
  serviceIdToken,
  type Reply
} from '../emulator/client.mjs'

let em: Emulator
beforeAll(async () => {
  em = await startEmulator()
})
afterAll(() => em.close())
afterEach(() => em.reset())

const ownCodesFor = (status: number) =>
  OWN_CODES.filter((own) => own.status === status).map((own) => own.code)

/** A refusal whose code is the emulator's own: status, shape, and listed in own-codes. */
function expectOwnTokenError(reply: Reply<{ errorCode?: string }>, status: number) {
  expect(reply.status).toBe(status)
  expect(reply.json).toMatchObject({
    errorMessage: expect.any(String),
    context: expect.any(Object)
  })
  expect(ownCodesFor(status)).toContain(reply.json.errorCode)
}

const metadata = (path: string, options: Parameters<typeof call>[3] = {}) =>
  call<Record<string, unknown>>(em, em.metadataUrl, path, options)

const instanceToken = async (expiresIn = 300) => {
  const reply = await metadata('/instance_identity/v1/token?version=2022-03-01', {
    method: 'PUT',
    headers: { 'Metadata-Flavor': 'ibm', 'Content-Type': 'application/json' },
    body: JSON.stringify({ expires_in: expiresIn })
  })
  expect(reply.status).toBe(200)
  return String(reply.json.access_token)
}

const iamTokenFromMetadata = (
  token: string,
  body?: object,
  path = '/instance_identity/v1/iam_token'
) =>
  metadata(`${path}?version=2022-03-01`, {
    method: 'POST',
    headers: {
      'Metadata-Flavor': 'ibm',
      'Content-Type': 'application/json',
      Authorization: `Bearer ${token}`
    },
    ...(body ? { body: JSON.stringify(body) } : {})
  })

describe('assume grant', () => {
  test('by id, by CRN, by name + account: a Profile token whose authn is the service ID', async () => {
    const access = await serviceIdToken(em)
    for (const ref of [
      { profile_id: em.seed.profileId } as Record<string, string>,
      { profile_crn: em.seed.profileCrn },
      { profile_name: em.seed.profileName, account: em.seed.accountId }
    ]) {
      const reply = await postToken(em, { grant_type: GRANTS.assume, access_token: access, ...ref })
      expect(reply.status).toBe(200)
      expect(reply.json.refresh_token).toBe('not_supported')
      expect(claimsOf(reply.json.access_token)).toMatchObject({
        iam_id: `iam-${em.seed.profileId}`,
        sub: em.seed.profileId,
        sub_type: 'Profile',
        grant_type: GRANTS.assume,
        authn: { iam_id: em.seed.iamId, sub_type: 'ServiceId' }
      })
    }
    const entry = em.requests.at(-1)
    expect(entry).toMatchObject({ grantType: GRANTS.assume, profileId: em.seed.profileId })
  })

  test('a profile that trusts no service ID, and a profile token as access_token, are refused', async () => {
    const access = await serviceIdToken(em)
    const untrusted = await postToken(em, {
      grant_type: GRANTS.assume,
      access_token: access,
      profile_id: em.seed.crProfileId
    })
    expectOwnTokenError(untrusted, 400)
    const unknown = await postToken(em, {
      grant_type: GRANTS.assume,
      access_token: access,
      profile_id: 'Profile-00000000-0000-0000-0000-000000000000'
    })
    expectOwnTokenError(unknown, 400)
    expect(unknown.json.errorCode).not.toBe(untrusted.json.errorCode)
    const profileToken = (
      await postToken(em, {
        grant_type: GRANTS.assume,
        access_token: access,
        profile_id: em.seed.profileId
      })
    ).json.access_token
    const chained = await postToken(em, {
      grant_type: GRANTS.assume,
      access_token: profileToken,
      profile_id: em.seed.profileId
    })
    expectOwnTokenError(chained, 400)
  })
})

describe('cr-token grant', () => {
  test('the seeded cr token gets a token for the profile that trusts it, by id, name or CRN', async () => {
    for (const ref of [
      { profile_id: em.seed.crProfileId } as Record<string, string>,
      { profile_name: em.seed.crProfileName },
      { profile_crn: em.seed.crProfileCrn },
      { profile_name: em.seed.crProfileName, account: em.seed.accountId }
    ]) {
      const reply = await postToken(em, {
        grant_type: GRANTS.crToken,
        cr_token: em.seed.crToken,
        ...ref
      })
      expect(reply.status).toBe(200)
      expect(reply.json).toMatchObject({ token_type: 'Bearer', refresh_token: 'not_supported' })
      const claims = claimsOf(reply.json.access_token)
      expect(claims).toMatchObject({
        iam_id: `iam-${em.seed.crProfileId}`,
        sub_type: 'Profile',
        grant_type: GRANTS.crToken,
        account: { bss: em.seed.accountId },
        authn: { sub: em.seed.crTokenSubject, sub_type: 'CRN' }
      })
      expect(reply.json.expiration).toBe(claims.exp)
    }
  })

  test('refusals: missing parameters name the property; bad tokens and untrusting profiles are 400', async () => {
    const noToken = await postToken(em, {
      grant_type: GRANTS.crToken,
      profile_id: em.seed.crProfileId
    })
    expect(noToken.status).toBe(400)
    expect(noToken.json).toMatchObject({ errorCode: 'BXNIM0109E' })
    expect(noToken.json.errorDetails).toContain("'cr_token'")
    const noProfile = await postToken(em, { grant_type: GRANTS.crToken, cr_token: em.seed.crToken })
    expect(noProfile.json.errorDetails).toContain("'profile_id'")

    const otherSubject = em.issueCrToken({ subject: 'system:serviceaccount:default:intruder' })
    const expired = em.issueCrToken({ lifetimeSeconds: -10 })
    const iamToken = await serviceIdToken(em)
    const forged = `${em.seed.crToken.slice(0, -4)}AAAA`
    for (const cr_token of [expired, iamToken, forged, 'not-a-jwt']) {
      const reply = await postToken(em, {
        grant_type: GRANTS.crToken,
        cr_token,
        profile_id: em.seed.crProfileId
      })
      expectOwnTokenError(reply, 400)
      expect(reply.json.errorDetails).toMatch(/refused/)
    }
    const untrusted = await postToken(em, {
      grant_type: GRANTS.crToken,
      cr_token: otherSubject,
      profile_id: em.seed.crProfileId
    })
    expectOwnTokenError(untrusted, 400)
    const wrongProfile = await postToken(em, {
      grant_type: GRANTS.crToken,
      cr_token: em.seed.crToken,
      profile_id: em.seed.profileId
    })
    expect(wrongProfile.json.errorCode).toBe(untrusted.json.errorCode)

    const log = JSON.stringify(em.requests)
    for (const secret of [em.seed.crToken, otherSubject, expired, iamToken]) {
      expect(log).not.toContain(secret)
    }
  })
})

describe('VPC instance metadata service', () => {
  test('instance identity token, then an IAM token for the default linked profile', async () => {
    expect(em.metadataUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    const created = await metadata('/instance_identity/v1/token?version=2022-03-01', {
      method: 'PUT',
      headers: { 'Metadata-Flavor': 'ibm', 'Content-Type': 'application/json' },
      body: JSON.stringify({ expires_in: 300 })
    })
    expect(created.status).toBe(200)
    expect(created.json).toMatchObject({
      access_token: expect.any(String),
      created_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/),
      expires_at: expect.stringMatching(/Z$/),
      expires_in: 300
    })

    const reply = await iamTokenFromMetadata(String(created.json.access_token))
    expect(reply.status).toBe(200)
    expect(Object.keys(reply.json).sort()).toEqual([
      'access_token',
      'created_at',
      'expires_at',
      'expires_in'
    ])
    const claims = claimsOf(String(reply.json.access_token))
    expect(claims).toMatchObject({
      iam_id: `iam-${em.seed.vsiProfileId}`,
      sub_type: 'Profile',
      authn: { sub: em.seed.instanceCrn, sub_type: 'CRN' }
    })
    expect(Date.parse(String(reply.json.expires_at)) / 1000).toBe(claims.exp)

    // The token works against the IAM Identity API like any other (listing is refused: a
    // profile may not manage keys, but it authenticates).
    const listed = await call(em, em.url, '/v1/apikeys', {
      headers: { Authorization: `Bearer ${String(reply.json.access_token)}` }
    })
    expect(listed.status).not.toBe(401)
  })

  test('a linked profile by id, CRN or name; an unlinked one is refused; 2025-08-26 paths too', async () => {
    const token = await instanceToken()
    for (const trusted_profile of [
      { id: em.seed.crProfileId },
      { crn: em.seed.crProfileCrn },
      { name: em.seed.crProfileName }
    ]) {
      const reply = await iamTokenFromMetadata(token, { trusted_profile })
      expect(reply.status).toBe(200)
      expect(claimsOf(String(reply.json.access_token)).iam_id).toBe(`iam-${em.seed.crProfileId}`)
    }
    const unlinked = await iamTokenFromMetadata(token, {
      trusted_profile: { id: em.seed.profileId }
    })
    expect(unlinked.status).toBe(400)
    expect(unlinked.json).toMatchObject({
      errors: [{ code: expect.any(String) }],
      trace: expect.any(String)
    })

    const v2 = await metadata('/identity/v1/token?version=2025-08-26', {
      method: 'PUT',
      headers: { 'Metadata-Flavor': 'ibm', 'Content-Type': 'application/json' },
      body: '{"expires_in":60}'
    })
    expect(v2.status).toBe(200)
    const v2iam = await iamTokenFromMetadata(
      String(v2.json.access_token),
      undefined,
      '/identity/v1/iam_tokens'
    )
    expect(v2iam.status).toBe(200)
  })

  test('refusals: Metadata-Flavor, version, expires_in, the bearer token', async () => {
    const noFlavor = await metadata('/instance_identity/v1/token?version=2022-03-01', {
      method: 'PUT',
      body: '{}'
    })
    expect(noFlavor.status).toBe(400)
    const noVersion = await metadata('/instance_identity/v1/token', {
      method: 'PUT',
      headers: { 'Metadata-Flavor': 'ibm' }
    })
    expect(noVersion.status).toBe(400)
    const tooLong = await metadata('/instance_identity/v1/token?version=2022-03-01', {
      method: 'PUT',
      headers: { 'Metadata-Flavor': 'ibm' },
      body: '{"expires_in":7200}'
    })
    expect(tooLong.status).toBe(400)
    for (const bad of [await serviceIdToken(em), em.seed.crToken, 'nope']) {
      const reply = await iamTokenFromMetadata(bad)
      expect(reply.status).toBe(401)
    }
    for (const reply of [noFlavor, noVersion, tooLong]) {
      expect(ownCodesFor(400)).toContain(
        (reply.json.errors as { code: string }[] | undefined)?.[0]?.code
      )
    }
    const wrongRoute = await metadata('/instance_identity/v1/nothing')
    expect(wrongRoute.status).toBe(404)
    expect(wrongRoute.headers['x-iam-emulator']).toBe('no-route')
  })

  test('faults, rate limit and the request log cover the metadata routes', async () => {
    em.queueFault('PUT /instance_identity/v1/token', { status: 503, body: 'busy' })
    const faulted = await metadata('/instance_identity/v1/token?version=2022-03-01', {
      method: 'PUT',
      headers: { 'Metadata-Flavor': 'ibm' }
    })
    expect(faulted.status).toBe(503)
    const token = await instanceToken()
    em.setRateLimit({ limit: 0, windowMs: 60_000 })
    const limited = await iamTokenFromMetadata(token)
    expect(limited.status).toBe(429)
    em.setRateLimit(null)
    const ok = await iamTokenFromMetadata(token)
    expect(ok.status).toBe(200)

    const entries = em.requests.filter((r) => r.service === 'metadata')
    expect(entries.map((r) => r.status)).toEqual([503, 200, 429, 200])
    expect(entries.at(-1)).toMatchObject({ profileId: em.seed.vsiProfileId, method: 'POST' })
    const log = JSON.stringify(em.requests)
    expect(log).not.toContain(token)
    expect(log).not.toContain(String(ok.json.access_token))
  })
})
