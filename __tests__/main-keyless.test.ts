import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { run as runMain } from '../src/main.js'
import {
  ACCOUNT_ID,
  APIKEY,
  fakeClock,
  formFields,
  harness,
  header,
  jsonResponse,
  makeJwt,
  serviceIdClaims,
  tokenBody,
  type Harness
} from './helpers/fakes.js'

// The requests each keyless source sends, field by field and header by header as IBM's
// ibm-cloud-sdk-core authenticators send them (IamAssumeAuthenticator, ContainerAuthenticator,
// VpcInstanceAuthenticator), and what the main step does with the answers.

const NOW = Date.UTC(2026, 1, 20, 12, 0, 0)
const PROFILE_ID = 'Profile-9f1e2d3c-4b5a-6789-0abc-def012345678'
const PROFILE_IAM_ID = `iam-${PROFILE_ID}`
const CR_TOKEN = makeJwt({
  iss: 'https://kubernetes.default.svc',
  sub: 'system:serviceaccount:a:b'
})

const serviceIdJwt = () => makeJwt(serviceIdClaims(NOW))
const profileJwt = () =>
  makeJwt(
    serviceIdClaims(NOW, {
      iam_id: PROFILE_IAM_ID,
      id: PROFILE_IAM_ID,
      sub: PROFILE_ID,
      sub_type: 'Profile',
      name: 'deployer'
    })
  )

let temp: string
beforeEach(() => {
  temp = mkdtempSync(join(tmpdir(), 'main-keyless-'))
})
afterEach(() => rmSync(temp, { recursive: true, force: true }))

async function runWith(
  inputs: Record<string, string>,
  responses: Parameters<typeof harness>[1]
): Promise<Harness> {
  const h = harness(inputs, responses, {
    clock: fakeClock(NOW),
    env: { GITHUB_REPOSITORY: 'octo/repo', RUNNER_TEMP: temp }
  })
  h.deps.tokenCommandScript = {
    node: '/opt/node/bin/node',
    script: '/action/dist/token-command/index.js'
  }
  await runMain(h.deps)
  return h
}

/** Index of the first event that could print or publish something. */
function firstReport(h: Harness): number {
  return h.runner.events.findIndex((e) =>
    ['setOutput', 'exportVariable', 'info', 'notice', 'warning', 'setFailed'].includes(e.kind)
  )
}

describe('apikey + profile: the API-key grant, then the assume grant', () => {
  it('sends the forms IamAssumeAuthenticator sends, and publishes only the profile token', async () => {
    const own = serviceIdJwt()
    const profile = profileJwt()
    const h = await runWith(
      { apikey: APIKEY, 'profile-id': PROFILE_ID, 'account-id': ACCOUNT_ID },
      [jsonResponse(200, tokenBody(own)), jsonResponse(200, tokenBody(profile))]
    )
    expect(h.runner.failed).toBeUndefined()
    const [first, second] = h.transport.requests
    expect(h.transport.requests).toHaveLength(2)
    for (const r of [first!, second!]) {
      expect(r.method).toBe('POST')
      expect(r.url).toBe('https://iam.cloud.ibm.com/identity/token')
      expect(header(r.headers, 'Content-Type')).toBe('application/x-www-form-urlencoded')
      // The key may be in another account than the profile: account-id is checked on the result.
      expect(header(r.headers, 'IBM-Cloud-Tenant')).toBeUndefined()
    }
    expect(formFields(first!.body)).toEqual({
      grant_type: 'urn:ibm:params:oauth:grant-type:apikey',
      apikey: APIKEY,
      response_type: 'cloud_iam'
    })
    expect(formFields(second!.body)).toEqual({
      grant_type: 'urn:ibm:params:oauth:grant-type:assume',
      access_token: own,
      profile_id: PROFILE_ID
    })
    // The service ID's token is masked before anything is reported, and published nowhere.
    expect(h.runner.indexOf('setSecret', { value: own })).toBeGreaterThanOrEqual(0)
    expect(h.runner.indexOf('setSecret', { value: own })).toBeLessThan(firstReport(h))
    expect(h.runner.events.filter((e) => e.kind !== 'setSecret' && e.value.includes(own))).toEqual(
      []
    )
    expect(h.runner.outputs.token).toBe(profile)
    expect(h.runner.outputs['iam-id']).toBe(PROFILE_IAM_ID)
    expect(h.runner.paths).toEqual([]) // a long-lived key cannot be renewed from disk
  })

  it('names a profile by name with account, and by CRN', async () => {
    const byName = await runWith(
      { apikey: APIKEY, 'profile-name': 'deployer', 'account-id': ACCOUNT_ID },
      [jsonResponse(200, tokenBody(serviceIdJwt())), jsonResponse(200, tokenBody(profileJwt()))]
    )
    expect(formFields(byName.transport.requests[1]!.body)).toMatchObject({
      profile_name: 'deployer',
      account: ACCOUNT_ID
    })
    const crn = `crn:v1:bluemix:public:iam-identity::a/${ACCOUNT_ID}::profile:${PROFILE_ID}`
    const byCrn = await runWith({ apikey: APIKEY, 'profile-crn': crn }, [
      jsonResponse(200, tokenBody(serviceIdJwt())),
      jsonResponse(200, tokenBody(profileJwt()))
    ])
    const form = formFields(byCrn.transport.requests[1]!.body)
    expect(form.profile_crn).toBe(crn)
    expect(form.profile_id).toBeUndefined()
  })

  it('fails on a profile token for another account than account-id pins', async () => {
    const other = makeJwt(
      serviceIdClaims(NOW, { iam_id: PROFILE_IAM_ID, account: { bss: 'f'.repeat(32) } })
    )
    const h = await runWith(
      { apikey: APIKEY, 'profile-id': PROFILE_ID, 'account-id': ACCOUNT_ID },
      [jsonResponse(200, tokenBody(serviceIdJwt())), jsonResponse(200, tokenBody(other))]
    )
    expect(h.runner.failed).toMatch(
      `The token is for account ${'f'.repeat(32)}, but account-id pins account ${ACCOUNT_ID}`
    )
    expect(h.runner.outputs).toEqual({})
  })
})

describe('cr-token-file + profile: one cr-token grant', () => {
  it("sends ContainerAuthenticator's form with the trimmed file, masked before anything", async () => {
    const path = join(temp, 'sa-token')
    writeFileSync(path, `\n${CR_TOKEN}\n`)
    const token = profileJwt()
    const h = await runWith(
      { 'cr-token-file': path, 'profile-name': 'deployer', 'account-id': ACCOUNT_ID },
      [jsonResponse(200, tokenBody(token))]
    )
    expect(h.runner.failed).toBeUndefined()
    const [request] = h.transport.requests
    expect(h.transport.requests).toHaveLength(1)
    expect(formFields(request!.body)).toEqual({
      grant_type: 'urn:ibm:params:oauth:grant-type:cr-token',
      cr_token: CR_TOKEN,
      profile_name: 'deployer',
      account: ACCOUNT_ID
    })
    expect(header(request!.headers, 'IBM-Cloud-Tenant')).toBe(ACCOUNT_ID)
    expect(h.runner.events[0]).toEqual({ kind: 'setSecret', value: `\n${CR_TOKEN}\n` })
    expect(h.runner.secrets).toContain(CR_TOKEN)
    expect(h.runner.indexOf('setSecret', { value: token })).toBeLessThan(firstReport(h))
    expect(h.runner.outputs['iam-id']).toBe(PROFILE_IAM_ID)
  })

  it('installs ibmcloud-iam-token under RUNNER_TEMP, its config naming the file, not its content', async () => {
    const path = join(temp, 'sa-token')
    writeFileSync(path, CR_TOKEN)
    const token = profileJwt()
    const h = await runWith({ 'cr-token-file': path, 'profile-id': PROFILE_ID }, [
      jsonResponse(200, tokenBody(token))
    ])
    expect(h.runner.paths).toHaveLength(1)
    const dir = h.runner.paths[0]!
    expect(dir.startsWith(join(temp, 'ibmcloud-iam-token-'))).toBe(true)
    const config = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')) as Record<
      string,
      unknown
    >
    expect(config).toEqual({
      version: 1,
      credential: { kind: 'cr-token-file', path, profile: { id: PROFILE_ID } },
      endpoint: 'https://iam.cloud.ibm.com',
      timeoutMs: 30_000,
      maxAttempts: 5,
      cache: join(dir, 'token.json')
    })
    expect(JSON.parse(readFileSync(join(dir, 'token.json'), 'utf8'))).toEqual({
      accessToken: token,
      expiration: Math.floor(NOW / 1000) + 3600
    })
    expect(readFileSync(join(dir, 'ibmcloud-iam-token'), 'utf8')).toBe(
      '#!/bin/sh\n# ibmcloud-iam-token: prints an IBM Cloud IAM token valid for at least 5 more minutes.\n' +
        `exec '/opt/node/bin/node' '/action/dist/token-command/index.js' '${join(dir, 'config.json')}' "$@"\n`
    )
    // The token is published before the command that could print it is installed.
    expect(h.runner.indexOf('addPath')).toBeGreaterThan(
      h.runner.indexOf('setOutput', { name: 'token' })
    )
  })
})

describe('ibmcloud-iam-token cannot be installed', () => {
  it('warns and still succeeds, the token published', async () => {
    const token = profileJwt()
    const h = harness(
      { 'vpc-metadata': 'true' },
      [
        jsonResponse(200, { access_token: makeJwt({ sub: 'i' }) }),
        jsonResponse(200, { access_token: token, expires_in: 3600 })
      ],
      {
        clock: fakeClock(NOW),
        env: { GITHUB_REPOSITORY: 'octo/repo', RUNNER_TEMP: join(temp, 'no-such-folder') }
      }
    )
    h.deps.tokenCommandScript = { node: '/opt/node/bin/node', script: '/action/index.js' }
    await runMain(h.deps)
    expect(h.runner.failed).toBeUndefined()
    expect(h.runner.outputs.token).toBe(token)
    expect(h.runner.paths).toEqual([])
    expect(h.runner.printed().filter((line) => line.startsWith('::warning::'))).toEqual([
      expect.stringMatching(/^::warning::ibmcloud-iam-token could not be installed: .*ENOENT/)
    ])
  })
})

describe('vpc-metadata: the two metadata calls', () => {
  const identityBody = (t: string) => ({
    access_token: t,
    created_at: '2026-02-20T12:00:00Z',
    expires_at: '2026-02-20T12:05:00Z',
    expires_in: 300
  })

  it("sends VpcInstanceAuthenticator's requests; the expiry comes from the JWT", async () => {
    const identity = makeJwt({ iss: 'instance_identity', sub: 'crn:v1:instance' })
    const token = profileJwt()
    const h = await runWith({ 'vpc-metadata': 'true', 'profile-id': PROFILE_ID }, [
      jsonResponse(200, identityBody(identity)),
      jsonResponse(200, { access_token: token, created_at: 'x', expires_at: 'y', expires_in: 3600 })
    ])
    expect(h.runner.failed).toBeUndefined()
    const [put, post] = h.transport.requests
    expect(put).toEqual({
      method: 'PUT',
      url: 'http://169.254.169.254/instance_identity/v1/token?version=2022-03-01',
      headers: {
        'Content-Type': 'application/json',
        Accept: 'application/json',
        'Metadata-Flavor': 'ibm'
      },
      body: '{"expires_in":300}'
    })
    expect(post).toEqual({
      method: 'POST',
      url: 'http://169.254.169.254/instance_identity/v1/iam_token?version=2022-03-01',
      headers: {
        'Content-Type': 'application/json',
        Accept: 'application/json',
        'Metadata-Flavor': 'ibm',
        Authorization: `Bearer ${identity}`
      },
      body: `{"trusted_profile":{"id":"${PROFILE_ID}"}}`
    })
    expect(h.runner.indexOf('setSecret', { value: identity })).toBeLessThan(firstReport(h))
    expect(h.runner.outputs.expiration).toBe(String(Math.floor(NOW / 1000) + 3600))
    expect(h.runner.outputs['iam-id']).toBe(PROFILE_IAM_ID)
    expect(h.runner.paths).toHaveLength(1)
  })

  it("sends no body for the instance's default profile, and names a profile by name without account", async () => {
    const none = await runWith({ 'vpc-metadata': 'true' }, [
      jsonResponse(200, identityBody(makeJwt({ sub: 'i' }))),
      jsonResponse(200, { access_token: profileJwt(), expires_in: 3600 })
    ])
    expect(none.transport.requests[1]!.body).toBeUndefined()
    const named = await runWith(
      { 'vpc-metadata': 'true', 'profile-name': 'deployer', 'account-id': ACCOUNT_ID },
      [
        jsonResponse(200, identityBody(makeJwt({ sub: 'i' }))),
        jsonResponse(200, { access_token: profileJwt(), expires_in: 3600 })
      ]
    )
    expect(named.transport.requests[1]!.body).toBe('{"trusted_profile":{"name":"deployer"}}')
  })

  it('names a profile by CRN', async () => {
    const crn = `crn:v1:bluemix:public:iam-identity::a/${ACCOUNT_ID}::profile:${PROFILE_ID}`
    const h = await runWith({ 'vpc-metadata': 'true', 'profile-crn': crn }, [
      jsonResponse(200, identityBody(makeJwt({ sub: 'i' }))),
      jsonResponse(200, { access_token: profileJwt(), expires_in: 3600 })
    ])
    expect(h.transport.requests[1]!.body).toBe(`{"trusted_profile":{"crn":"${crn}"}}`)
  })

  it('retries a 503 on either call: both are safe to repeat', async () => {
    const unavailable = () => jsonResponse(503, { errors: [{ code: 'unavailable' }] })
    const h = await runWith({ 'vpc-metadata': 'true' }, [
      unavailable(),
      jsonResponse(200, identityBody(makeJwt({ sub: 'i' }))),
      unavailable(),
      jsonResponse(200, { access_token: profileJwt(), expires_in: 3600 })
    ])
    expect(h.runner.failed).toBeUndefined()
    expect(h.transport.requests.map((r) => r.method)).toEqual(['PUT', 'PUT', 'POST', 'POST'])
  })

  it.each([
    ['no access_token', jsonResponse(200, { expires_in: 300 })],
    ['a non-string access_token', jsonResponse(200, { access_token: 42 })],
    ['a body that is not JSON', { status: 200, headers: {}, body: 'token=abc' }]
  ])(
    'an identity answer with %s fails before the second call, saying what to check',
    async (_what, answer) => {
      const h = await runWith({ 'vpc-metadata': 'true' }, [answer])
      expect(h.transport.requests).toHaveLength(1)
      expect(h.runner.failed).toBe(
        'The VPC instance metadata service at http://169.254.169.254 answered without an instance ' +
          'identity token. Check vpc-metadata-endpoint, and that the metadata service is on for this instance.'
      )
    }
  )

  it('a metadata error carries its code and trace', async () => {
    const h = await runWith({ 'vpc-metadata': 'true', 'max-attempts': '1' }, [
      jsonResponse(200, identityBody(makeJwt({ sub: 'i' }))),
      jsonResponse(400, {
        errors: [{ code: 'invalid_profile', message: 'The trusted profile is not linked.' }],
        status_code: 400,
        trace: 'trace-123'
      })
    ])
    expect(h.runner.failed).toMatch(
      /VPC metadata IAM token request failed after 1 attempt: HTTP 400 invalid_profile: The trusted profile is not linked\./
    )
    expect(h.runner.failed).toMatch(/request id: trace-123/)
  })

  it('a refused instance identity token is not blamed on API-key permissions', async () => {
    const h = await runWith({ 'vpc-metadata': 'true', 'max-attempts': '1' }, [
      jsonResponse(200, identityBody(makeJwt({ sub: 'i' }))),
      jsonResponse(401, { errors: [{ code: 'unauthorized', message: 'Token refused.' }] })
    ])
    expect(h.runner.failed).toMatch(
      /VPC metadata IAM token request failed after 1 attempt: HTTP 401/
    )
    expect(h.runner.failed).not.toMatch(/manage its own API keys/)
  })
})
