/**
 * Fakes for the IAM Identity API (API keys): answers shaped as the contract describes them,
 * run facts for a fictitious repository, and an IamClient wired to a scripted transport.
 */
import type { HttpResponse } from '../../src/iam/http.js'
import { IamClient } from '../../src/iam/client.js'
import type { IamToken } from '../../src/iam/token.js'
import { decodeJwtClaims } from '../../src/iam/jwt.js'
import { retryPolicy } from '../../src/iam/retry.js'
import { keyDescription, keyName, runFacts } from '../../src/ephemeral/naming.js'
import { STATE } from '../../src/ephemeral/issue.js'
import {
  ACCOUNT_ID,
  harness,
  IAM_ID,
  jsonResponse,
  makeJwt,
  serviceIdClaims,
  type FakeClock,
  type Harness,
  type ScriptedTransport
} from './fakes.js'

export const ENDPOINT = 'https://iam.cloud.ibm.com'

/** The GITHUB_* variables of a run of octo/widgets. */
export const RUN_ENV: Record<string, string> = {
  GITHUB_ACTOR: 'octocat',
  GITHUB_REPOSITORY: 'octo/widgets',
  GITHUB_RUN_ID: '9876543210',
  GITHUB_RUN_ATTEMPT: '2',
  GITHUB_JOB: 'deploy',
  GITHUB_SERVER_URL: 'https://github.com',
  RUNNER_ENVIRONMENT: 'github-hosted'
}

/** Shaped like an API key value IAM returns on creation; not a real one. */
export const EPHEMERAL_VALUE = 'Eph3meral_fakeFAKE0123456789abcdefGHIJKLmnopq'
export const KEY_ID = 'ApiKey-0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0'

/** IAM's 201 answer to POST /v1/apikeys. */
export function createdKeyResponse(overrides: Record<string, unknown> = {}): HttpResponse {
  return jsonResponse(201, {
    id: KEY_ID,
    entity_tag: '1-abc',
    crn: `crn:v1:bluemix:public:iam-identity::a/${ACCOUNT_ID}::apikey:${KEY_ID}`,
    locked: false,
    created_at: '2026-02-20T12:00+0000',
    name: 'gha-octo-widgets-9876543210-2-deploy-7fffff',
    description: 'Ephemeral key',
    iam_id: IAM_ID,
    account_id: ACCOUNT_ID,
    apikey: EPHEMERAL_VALUE,
    ...overrides
  })
}

/** IAM's 200 answer to GET /v1/apikeys/{KEY_ID}: the key the main step made in RUN_ENV's run. */
export function ownKeyResponse(overrides: Record<string, unknown> = {}): HttpResponse {
  const facts = runFacts(RUN_ENV)
  return jsonResponse(200, {
    id: KEY_ID,
    name: keyName(facts, () => 0.5),
    description: keyDescription(facts),
    iam_id: IAM_ID,
    account_id: ACCOUNT_ID,
    created_at: '2026-02-20T12:00+0000',
    ...overrides
  })
}

/** IAM's `errors[0].code` for a status, as the Identity API sends it (not_found for 404). */
const IDENTITY_CODE: Record<number, string> = { 404: 'not_found' }

/** The Identity API's error body: `{"errors":[...],"status_code":..,"trace":..}`. */
export function identityError(
  status: number,
  messageCode: string,
  trace: string,
  message = 'IAM said no.'
): HttpResponse {
  return jsonResponse(status, {
    errors: [
      { code: IDENTITY_CODE[status] ?? `code_${status}`, message_code: messageCode, message }
    ],
    status_code: status,
    trace
  })
}

/** An empty 204, as IAM answers a deletion. */
export function noContent(): HttpResponse {
  return { status: 204, headers: {}, body: '' }
}

/** An IamClient on ENDPOINT over `transport`; retry log lines go to `log`. */
export function testIamClient(
  transport: ScriptedTransport,
  clock: FakeClock,
  options: { maxAttempts?: number; log?: string[] } = {}
): IamClient {
  const log = options.log ?? []
  return new IamClient({
    endpoint: ENDPOINT,
    transport,
    clock,
    policy: retryPolicy({ maxAttempts: options.maxAttempts ?? 3, timeoutMs: 30_000 }),
    log: (message) => log.push(message),
    redact: (text) => text
  })
}

/** A parsed token for the service ID of fakes.ts, as exchangeApiKey would return it. */
export function testToken(nowMs: number): IamToken {
  const accessToken = makeJwt(serviceIdClaims(nowMs))
  const claims = decodeJwtClaims(accessToken)
  if (!claims) throw new Error('testToken: makeJwt produced no claims')
  const expiration = Math.floor(nowMs / 1000) + 3600
  return {
    accessToken,
    tokenType: 'Bearer',
    expiresIn: 3600,
    expiration,
    claims,
    accountId: ACCOUNT_ID,
    iamId: IAM_ID
  }
}

/** Deps for runPost: the inputs of the step and the state the main step saved. */
/** GITHUB_STATE as the main step leaves it after making KEY_ID (at ENDPOINT, expiring then). */
export function savedKeyState(
  expiresAtMs: number,
  overrides: Record<string, string> = {}
): Record<string, string> {
  return {
    [STATE.keyId]: KEY_ID,
    [STATE.keyExpiresAt]: String(expiresAtMs),
    [STATE.endpoint]: ENDPOINT,
    ...overrides
  }
}

export function postHarness(
  inputs: Record<string, string>,
  state: Record<string, string>,
  responses: (HttpResponse | Error)[],
  clock: FakeClock
): Harness {
  const h = harness(inputs, responses, { clock, env: RUN_ENV })
  Object.assign(h.runner.state, state)
  return h
}
