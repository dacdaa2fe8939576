import { beforeEach, describe, expect, test } from '@jest/globals'
import { startConnectProxy } from '../../emulator/index.mjs'
import type { Emulator } from '../../emulator/index.mjs'
import { call } from '../../emulator/client.mjs'
import { leaks, lineIndex, runStep, secretsOf, type StepResult } from './leak-checks.js'
import { useEmulator } from './fixture.js'

const emulator = useEmulator()
let iam: Emulator
beforeEach(() => {
  iam = emulator()
})

const tokenRequests = () =>
  iam.requests.filter((r) => r.method === 'POST' && r.path === '/identity/token')

function main(inputs: Record<string, string>, env: Record<string, string> = {}) {
  return runStep('main', {
    inputs: { 'iam-endpoint': iam.url, ...inputs },
    caPath: iam.caPath,
    env
  })
}

function expectNoLeaks(step: StepResult, apikey: string) {
  expect(leaks(step, secretsOf(apikey, step))).toEqual([])
  expect(step.workspaceFiles).toEqual([])
}

function errorOf(step: StepResult): string {
  return step.commands
    .filter((c) => c.command === 'error')
    .map((c) => c.value)
    .join('\n')
}

describe('the main step, run from dist/ like a runner', () => {
  test('success: outputs, env and summary; the token works downstream; masks come first', async () => {
    const apikey = `  ${iam.seed.apikey}\n` // pasted with spaces and a newline
    const step = await main({ apikey })
    expect(step.code).toBe(0)
    const token = step.outputs.token!
    expect(token.split('.')).toHaveLength(3)
    expect(step.outputs.authorization).toBe(`Bearer ${token}`)
    expect(step.outputs['token-type']).toBe('Bearer')
    expect(Number(step.outputs['expires-in'])).toBe(3600)
    expect(new Date(step.outputs['expires-at']!).getTime()).toBe(
      Number(step.outputs.expiration) * 1000
    )
    expect(step.outputs['account-id']).toBe(iam.seed.accountId)
    expect(step.outputs['iam-id']).toBe(iam.seed.iamId)
    expect(step.outputs['iam-endpoint']).toBe(iam.url)
    expect(step.outputs.authenticated).toBe('true')
    expect(step.exportedEnv).toEqual({ IBMCLOUD_IAM_TOKEN: token })
    expect(step.summary).toContain(iam.seed.iamId)
    expect(step.summary).toContain(iam.seed.accountId)
    expect(step.summary).not.toContain(token)

    // The key's mask is the very first line; the token's comes before anything that follows it.
    expect(step.lines[0]).toMatch(/^::add-mask::/)
    const tokenMask = step.lines.indexOf(`::add-mask::${token}`)
    expect(tokenMask).toBeGreaterThan(0)
    expect(tokenMask).toBeLessThan(lineIndex(step, /Exported the token|Authenticated to IBM Cloud/))
    expectNoLeaks(step, apikey)

    // A downstream curl step with $IBMCLOUD_IAM_TOKEN.
    const res = await call(
      iam,
      iam.url,
      `/v1/apikeys?account_id=${iam.seed.accountId}&iam_id=${iam.seed.iamId}`,
      { headers: { Authorization: `Bearer ${step.exportedEnv.IBMCLOUD_IAM_TOKEN}` } }
    )
    expect(res.status).toBe(200)

    const [request] = tokenRequests()
    expect(tokenRequests()).toHaveLength(1)
    expect(request!.apikeyId).toBe(iam.seed.apikeyId)
    expect(request!.headers['user-agent']).toMatch(
      /^ibmcloud-iam-token-action\/\d+\.\d+\.\d+ \(node v\d+/
    )
  })

  test('a wrong key fails on the first answer with advice, code and request id', async () => {
    const apikey = 'x'.repeat(20) + 'WrongKey'
    const step = await main({ apikey })
    expect(step.code).toBe(1)
    const error = errorOf(step)
    expect(error).toContain('BXNIM0415E')
    expect(error).toMatch(/mistyped, deleted, expired/)
    expect(error).toMatch(/IAM request id: iam-emu-[0-9a-f]{32}/)
    expect(tokenRequests()).toHaveLength(1)
    expect(step.outputs).toEqual({})
    expect(step.exportedEnv).toEqual({})
    expectNoLeaks(step, apikey)
  })

  test('503 twice, then success', async () => {
    iam.queueFault('POST /identity/token', { status: 503, body: 'Service Unavailable', times: 2 })
    const step = await main({ apikey: iam.seed.apikey })
    expect(step.code).toBe(0)
    expect(tokenRequests().map((r) => r.status)).toEqual([503, 503, 200])
    expect(step.lines.filter((l) => /HTTP 503 on attempt \d of 5; retrying/.test(l))).toHaveLength(
      2
    )
    expectNoLeaks(step, iam.seed.apikey)
  })

  test('429 with Retry-After is honoured', async () => {
    iam.queueFault('POST /identity/token', { status: 429, headers: { 'Retry-After': '1' } })
    const step = await main({ apikey: iam.seed.apikey })
    expect(step.code).toBe(0)
    const [first, second] = tokenRequests()
    expect([first!.status, second!.status]).toEqual([429, 200])
    expect(second!.time - first!.time).toBeGreaterThanOrEqual(1000)
    expect(step.lines.some((l) => l.includes('Retry-After 1 s'))).toBe(true)
  })

  test('IAM down for good: gives up after max-attempts and says so', async () => {
    iam.queueFault('POST /identity/token', {
      status: 504,
      body: "<html><body><h1>504 Gateway Time-out</h1>The server didn't respond in time.</body></html>",
      times: 10
    })
    const step = await main({ apikey: iam.seed.apikey, 'max-attempts': '3' })
    expect(step.code).toBe(1)
    expect(tokenRequests()).toHaveLength(3)
    const error = errorOf(step)
    expect(error).toMatch(/after 3 attempts: HTTP 504/)
    expect(error).toContain('504 Gateway Time-out')
    expect(error).not.toMatch(/<h1>|<html>/)
    expectNoLeaks(step, iam.seed.apikey)
  })

  test('a dropped connection is retried', async () => {
    iam.queueFault('POST /identity/token', { drop: true })
    const step = await main({ apikey: iam.seed.apikey })
    expect(step.code).toBe(0)
    expect(tokenRequests()).toHaveLength(2)
    expect(step.lines.some((l) => /no answer from IAM \(ECONNRESET|socket hang up/.test(l))).toBe(
      true
    )
  })

  test('a slow IAM past timeout-seconds fails with a timeout, promptly', async () => {
    iam.queueFault('POST /identity/token', { hang: true, times: 2 })
    const step = await main({
      apikey: iam.seed.apikey,
      'timeout-seconds': '1',
      'max-attempts': '2'
    })
    expect(step.code).toBe(1)
    expect(tokenRequests()).toHaveLength(2)
    expect(errorOf(step)).toMatch(/after 2 attempts: ETIMEDOUT.*timeout-seconds/s)
    expect(step.ms).toBeLessThan(15_000) // not a benchmark: a hung socket must not keep the step alive
  })

  test('a private regional endpoint goes through HTTPS_PROXY', async () => {
    const proxy = await startConnectProxy({ target: { host: '127.0.0.1', port: iam.port } })
    try {
      const step = await runStep('main', {
        inputs: { apikey: iam.seed.apikey, private: 'true', region: 'eu-de' },
        caPath: iam.caPath,
        env: { HTTPS_PROXY: proxy.url }
      })
      expect(step.code).toBe(0)
      expect(step.outputs['iam-endpoint']).toBe('https://private.eu-de.iam.cloud.ibm.com')
      expect(proxy.connects).toEqual(['private.eu-de.iam.cloud.ibm.com:443'])
      expect(tokenRequests()).toHaveLength(1)
      expectNoLeaks(step, iam.seed.apikey)
    } finally {
      await proxy.close()
    }
  })

  test('an unknown region is refused before any request, listing the valid ones', async () => {
    const step = await runStep('main', {
      inputs: { apikey: iam.seed.apikey, private: 'true', region: 'mars-1' },
      caPath: iam.caPath
    })
    expect(step.code).toBe(1)
    expect(errorOf(step)).toMatch(/region "mars-1".*us-south/s)
    expect(iam.requests).toHaveLength(0)
  })

  test('account pinning: the right account passes with IBM-Cloud-Tenant, a key from another fails', async () => {
    const ok = await main({ apikey: iam.seed.apikey, 'account-id': iam.seed.accountId })
    expect(ok.code).toBe(0)
    expect(tokenRequests()[0]!.headers['ibm-cloud-tenant']).toBe(iam.seed.accountId)

    const other = await main({
      apikey: iam.seed.otherAccountApikey,
      'account-id': iam.seed.accountId
    })
    expect(other.code).toBe(1)
    expect(errorOf(other)).toContain(iam.seed.accountId)
    expect(other.outputs).toEqual({})
    expect(other.exportedEnv).toEqual({})
    expectNoLeaks(other, iam.seed.otherAccountApikey)
  })

  test('an empty key: fail explains forks and Dependabot; skip succeeds with authenticated=false', async () => {
    const failed = await main({ apikey: '' })
    expect(failed.code).toBe(1)
    expect(errorOf(failed)).toMatch(/forks.*on-missing-apikey: skip/s)

    const skipped = await main({ apikey: '', 'on-missing-apikey': 'skip' })
    expect(skipped.code).toBe(0)
    expect(skipped.outputs).toEqual({ authenticated: 'false' })
    expect(skipped.commands.some((c) => c.command === 'notice')).toBe(true)
    expect(iam.requests).toHaveLength(0)

    const post = await runStep('post', { inputs: { apikey: '' }, after: skipped })
    expect(post.code).toBe(0)
    expect(post.lines).toContain(
      'No ephemeral API key was created by the main step: nothing to revoke.'
    )
  })
})
