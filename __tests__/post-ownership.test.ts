/**
 * The post step deletes only the key this action made in this run: GITHUB_STATE can be written
 * by any step of the job, so the saved id proves nothing until IAM describes the key (issue 8).
 */
import { run as runPost } from '../src/post.js'
import { looksLikeKeyId, revokeIfOurs } from '../src/ephemeral/revoke.js'
import { runFacts } from '../src/ephemeral/naming.js'
import { STATE } from '../src/ephemeral/issue.js'
import type { HttpResponse } from '../src/iam/http.js'
import {
  ACCOUNT_ID,
  APIKEY,
  fakeClock,
  IAM_ID,
  jsonResponse,
  makeJwt,
  serviceIdClaims,
  tokenBody
} from './helpers/fakes.js'
import {
  ENDPOINT,
  identityError,
  KEY_ID,
  noContent,
  ownKeyResponse,
  postHarness,
  RUN_ENV,
  savedKeyState,
  testIamClient,
  testToken
} from './helpers/identity.js'
import { scriptedTransport } from './helpers/fakes.js'

const NOW = Date.UTC(2026, 1, 20, 15, 0, 0)
const EXPIRES = Date.UTC(2026, 1, 20, 18, 1)
/** The description the main step gave the key in RUN_ENV's run (octo/widgets, run 9876543210, attempt 2). */
const OUR_DESCRIPTION =
  'Ephemeral key made by ibmcloud-iam-token-action for https://github.com/octo/widgets/actions/runs/9876543210/attempts/2; deleted by its post step, or expired by IAM.'

async function post(keyId: string, answers: HttpResponse[]) {
  const jwt = makeJwt(serviceIdClaims(NOW))
  const h = postHarness(
    { apikey: APIKEY, 'ephemeral-key': 'true' },
    savedKeyState(EXPIRES, { [STATE.keyId]: keyId }),
    [jsonResponse(200, tokenBody(jwt)), ...answers],
    fakeClock(NOW)
  )
  await runPost(h.deps)
  const calls = h.transport.requests.map((r) => `${r.method} ${r.url.replace(ENDPOINT, '')}`)
  return { runner: h.runner, calls }
}

const notOurs = (name: string) =>
  `::warning::Left API key ${KEY_ID} (${name}) alone: it is not an ephemeral key this action ` +
  `made in this run for ${IAM_ID}. Another step may have written GITHUB_STATE; check which ` +
  'steps of the job can.'

describe('post step: whose key it deletes', () => {
  it('the fixture describes the key as the main step made it', () => {
    expect(JSON.parse(ownKeyResponse().body).description).toBe(OUR_DESCRIPTION)
  })

  it('deletes the key when IAM describes it as ours', async () => {
    const { runner, calls } = await post(KEY_ID, [ownKeyResponse(), noContent()])
    expect(calls).toEqual([
      'POST /identity/token',
      `GET /v1/apikeys/${KEY_ID}`,
      `DELETE /v1/apikeys/${KEY_ID}`
    ])
    expect(runner.printed()).toEqual([`Revoked ephemeral API key ${KEY_ID}.`])
  })

  it('deletes our key when IAM leaves out its account id', async () => {
    const { calls } = await post(KEY_ID, [ownKeyResponse({ account_id: undefined }), noContent()])
    expect(calls.at(-1)).toBe(`DELETE /v1/apikeys/${KEY_ID}`)
  })

  it.each([
    ['a long-lived key of the same identity', { name: 'ci-deployer' }],
    [
      'a key of this repository made in another attempt',
      { description: OUR_DESCRIPTION.replace('/attempts/2;', '/attempts/1;') }
    ],
    ['our name and description on a key of another identity', { iam_id: 'iam-ServiceId-other' }],
    ['our name and description on a key in another account', { account_id: 'f'.repeat(32) }]
  ])('leaves alone %s, with a warning and no DELETE', async (_what, overrides) => {
    const { runner, calls } = await post(KEY_ID, [ownKeyResponse(overrides)])
    expect(calls).toEqual(['POST /identity/token', `GET /v1/apikeys/${KEY_ID}`])
    const name = 'name' in overrides ? overrides.name : JSON.parse(ownKeyResponse().body).name
    expect(runner.printed()).toEqual([notOurs(name)])
    expect(runner.failed).toBeUndefined()
  })

  it('prints an outside key name inert', async () => {
    const { runner } = await post(KEY_ID, [ownKeyResponse({ name: 'x\n::stop-commands::t' })])
    expect(runner.printed()).toEqual([notOurs('x\\n: :stop-commands: :t')])
  })

  it('says nothing was deleted when IAM does not know the key in this account', async () => {
    const { runner, calls } = await post(KEY_ID, [identityError(404, 'BXNIM0102E', 'trace-1')])
    expect(calls).toEqual(['POST /identity/token', `GET /v1/apikeys/${KEY_ID}`])
    expect(runner.printed()).toEqual([
      `Ephemeral API key ${KEY_ID} was not found in account ${ACCOUNT_ID}: nothing deleted (it ` +
        'was deleted already, or it is not a key of this identity).'
    ])
    expect(runner.count('warning')).toBe(0)
  })

  it('sends nothing for a saved id that is not an API key id', async () => {
    const { runner, calls } = await post('../apikeys?x=1', [])
    expect(calls).toEqual([])
    expect(runner.printed()).toEqual([
      '::warning::The saved ephemeral key id "../apikeys?x=1" is not an IAM API key id ' +
        '(ApiKey-…): nothing deleted. Another step may have written GITHUB_STATE; check which ' +
        'steps of the job can.'
    ])
  })
})

describe('looksLikeKeyId', () => {
  it.each([
    KEY_ID,
    'ApiKey-abcdefgh',
    'ApiKey-ABCD1234',
    `ApiKey-${'a'.repeat(64)}`,
    'ApiKey-0b1c2d3e-4f50'
  ])('accepts %s', (id) => {
    expect(looksLikeKeyId(id)).toBe(true)
  })

  it.each([
    '',
    'ApiKey-',
    'ApiKey-abcdefg',
    `ApiKey-${'a'.repeat(65)}`,
    `x${KEY_ID}`,
    `${KEY_ID}/x`,
    `${KEY_ID}\n`,
    'ApiKey-abcd_efgh',
    'ApiKey-abcd.efgh',
    'apikey-abcdefgh',
    'ServiceId-abcdefgh'
  ])('refuses %j', (id) => {
    expect(looksLikeKeyId(id)).toBe(false)
  })
})

describe('revokeIfOurs: what it reports', () => {
  async function revoke(answers: HttpResponse[]) {
    const transport = scriptedTransport(answers)
    const iam = testIamClient(transport, fakeClock(NOW))
    return revokeIfOurs(iam, testToken(NOW), KEY_ID, runFacts(RUN_ENV))
  }

  it('deleted, when IAM deleted our key', async () => {
    expect(await revoke([ownKeyResponse(), noContent()])).toEqual({
      outcome: 'deleted',
      message: `Revoked ephemeral API key ${KEY_ID}.`
    })
  })

  it('not-found, when the key went between the lookup and the deletion', async () => {
    expect(await revoke([ownKeyResponse(), identityError(404, 'BXNIM0102E', 't')])).toEqual({
      outcome: 'not-found',
      message: `Ephemeral API key ${KEY_ID} was deleted meanwhile.`
    })
  })

  it('not-found, when IAM does not know the key', async () => {
    const revocation = await revoke([identityError(404, 'BXNIM0102E', 't')])
    expect(revocation.outcome).toBe('not-found')
  })

  it('not-ours, for a key of another identity', async () => {
    const revocation = await revoke([ownKeyResponse({ iam_id: 'iam-ServiceId-other' })])
    expect(revocation.outcome).toBe('not-ours')
  })
})
