import { randomBytes } from 'node:crypto'
import { nodeFiles } from '../../src/runner/files.js'
import type { StepDeps } from '../../src/runner/runner.js'
import { NetworkError } from '../../src/errors.js'
import type { HttpRequest, HttpResponse, HttpTransport } from '../../src/iam/http.js'
import type { Clock } from '../../src/clock.js'
import { RecordingRunner } from './recording-runner.js'

export interface FakeClock extends Clock {
  /** Every delay passed to sleep, in order. */
  readonly sleeps: number[]
}

/**
 * A clock whose sleep returns at once and moves now() forward by the delay. random() returns
 * the scripted values in turn, then keeps returning the last one.
 */
export function fakeClock(
  start = Date.UTC(2026, 1, 20, 12, 0, 0),
  randoms: number[] = [0.5]
): FakeClock {
  let now = start
  let next = 0
  const sleeps: number[] = []
  return {
    sleeps,
    now: () => now,
    sleep: async (ms: number) => {
      sleeps.push(ms)
      now += ms
    },
    random: () => {
      const value = randoms[Math.min(next, randoms.length - 1)] ?? 0.5
      next++
      return value
    }
  }
}

function b64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url')
}

/** A well-formed RS256-looking JWT with the given claims; the signature is random bytes. */
export function makeJwt(
  claims: Record<string, unknown>,
  header: Record<string, unknown> = { alg: 'RS256', typ: 'JWT', kid: '20260220-test' }
): string {
  return `${b64url(header)}.${b64url(claims)}.${randomBytes(64).toString('base64url')}`
}

export const ACCOUNT_ID = '0123456789abcdef0123456789abcdef'
export const IAM_ID = 'iam-ServiceId-11111111-2222-3333-4444-555555555555'

/** Claims like those of a service ID's token, valid for an hour from `nowMs`. */
export function serviceIdClaims(
  nowMs: number,
  overrides: Record<string, unknown> = {}
): Record<string, unknown> {
  const iat = Math.floor(nowMs / 1000)
  return {
    iam_id: IAM_ID,
    id: IAM_ID,
    realmid: 'iam',
    sub: 'ServiceId-11111111-2222-3333-4444-555555555555',
    sub_type: 'ServiceId',
    name: 'ci-deployer',
    account: { valid: true, bss: ACCOUNT_ID, frozen: true },
    iat,
    exp: iat + 3600,
    iss: 'https://iam.cloud.ibm.com/identity',
    grant_type: 'urn:ibm:params:oauth:grant-type:apikey',
    scope: 'ibm openid',
    client_id: 'default',
    ...overrides
  }
}

/** The body of IAM's 200 answer for `accessToken`. */
export function tokenBody(
  accessToken: string,
  overrides: Record<string, unknown> = {}
): Record<string, unknown> {
  const [, payload] = accessToken.split('.')
  const claims = payload
    ? (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp?: number })
    : {}
  return {
    access_token: accessToken,
    refresh_token: 'not_supported',
    token_type: 'Bearer',
    expires_in: 3600,
    expiration: claims.exp,
    scope: 'ibm openid',
    ...overrides
  }
}

export function jsonResponse(
  status: number,
  body: unknown,
  headers: Record<string, string> = {}
): HttpResponse {
  return {
    status,
    headers: { 'content-type': 'application/json', ...lower(headers) },
    body: JSON.stringify(body)
  }
}

export function textResponse(
  status: number,
  body: string,
  headers: Record<string, string> = {}
): HttpResponse {
  return { status, headers: { 'content-type': 'text/html', ...lower(headers) }, body }
}

function lower(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]))
}

/** IAM's answer to an API key it does not know. */
export function wrongKeyResponse(requestId = 'req-0415-abc'): HttpResponse {
  return jsonResponse(400, {
    errorCode: 'BXNIM0415E',
    errorMessage: 'Provided API key could not be found.',
    context: { requestId, clusterName: 'iam-id-prod-us-south-dal10' }
  })
}

export interface ScriptedTransport extends HttpTransport {
  readonly requests: HttpRequest[]
  /** How many scripted answers are still queued. */
  readonly remaining: () => number
}

/**
 * Answers each request with the next scripted item: an HttpResponse is returned, a
 * NetworkError (or any Error) is thrown. Running out of answers is a test bug and throws.
 */
export function scriptedTransport(responses: (HttpResponse | Error)[]): ScriptedTransport {
  const queue = [...responses]
  const requests: HttpRequest[] = []
  const transport = async (request: HttpRequest): Promise<HttpResponse> => {
    requests.push({ ...request, headers: { ...request.headers } })
    const next = queue.shift()
    if (next === undefined) {
      throw new Error(`scriptedTransport: no answer left for request #${requests.length}`)
    }
    if (next instanceof Error) throw next
    return { ...next, headers: { ...next.headers } }
  }
  return Object.assign(transport, { requests, remaining: () => queue.length })
}

export function networkError(
  code: string,
  message = `connect ${code} 203.0.113.7:443`
): NetworkError {
  return new NetworkError(code, message)
}

/** Request form fields as a plain record. */
export function formFields(body: string | undefined): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(body ?? ''))
}

/** Header lookup that ignores the case of the name. */
export function header(headers: Record<string, string>, name: string): string | undefined {
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name.toLowerCase())
  return key === undefined ? undefined : headers[key]
}

export interface Harness {
  runner: RecordingRunner
  clock: FakeClock
  transport: ScriptedTransport
  deps: StepDeps
  /** timeoutMs values the action asked createTransport for. */
  transportOptions: { timeoutMs: number }[]
}

/** Deps for runMain/runPost wired to fakes. */
export function harness(
  inputs: Record<string, string>,
  responses: (HttpResponse | Error)[],
  options: { env?: Record<string, string | undefined>; clock?: FakeClock } = {}
): Harness {
  const runner = new RecordingRunner(inputs)
  const clock = options.clock ?? fakeClock()
  const transport = scriptedTransport(responses)
  const transportOptions: { timeoutMs: number }[] = []
  const deps: StepDeps = {
    runner,
    clock,
    env: options.env ?? { GITHUB_ACTOR: 'octocat', GITHUB_REPOSITORY: 'octo/repo' },
    createTransport: (o) => {
      transportOptions.push(o)
      return transport
    },
    files: nodeFiles
  }
  return { runner, clock, transport, deps, transportOptions }
}

/** Shaped like an IBM Cloud API key (letters, digits, _ and -); not a real one. */
export const APIKEY = 'Zx9_fakeFAKEfake0123456789abcdefGHIJKLmnopqr'

export { RecordingRunner, type EventKind, type RunnerEvent } from './recording-runner.js'
