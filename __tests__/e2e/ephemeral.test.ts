import { beforeEach, describe, expect, test } from '@jest/globals'
import type { Emulator } from '../../emulator/index.mjs'
import { tokenFor } from '../../emulator/client.mjs'
import { leaks, lineIndex, runStep, secretsOf, type StepResult } from './leak-checks.js'
import { useEmulator } from './fixture.js'

const emulator = useEmulator()
let iam: Emulator
beforeEach(() => {
  iam = emulator()
})

function step(entry: 'main' | 'post', inputs: Record<string, string>, after?: StepResult) {
  return runStep(entry, {
    inputs: { 'iam-endpoint': iam.url, 'ephemeral-key': 'true', ...inputs },
    caPath: iam.caPath,
    after
  })
}

const infoLines = (s: StepResult) => s.lines.filter((l) => !l.startsWith('::'))
const warnings = (s: StepResult) =>
  s.commands.filter((c) => c.command === 'warning').map((c) => c.value)

describe('ephemeral API keys, main then post, from dist/', () => {
  test('a later step sees a working key; the post step deletes it and it stops working', async () => {
    const main = await step('main', { apikey: iam.seed.apikey })
    expect(main.code).toBe(0)
    const key = main.exportedEnv.IBMCLOUD_API_KEY!
    const id = main.outputs['ephemeral-apikey-id']!
    expect(key).toBeTruthy()
    expect(main.outputs['ephemeral-apikey']).toBe(key)
    expect(id).toMatch(/^ApiKey-/)
    expect(main.state['ephemeral-key-id']).toBe(id)
    expect(iam.apiKeyExists(id)).toBe(true)

    // Its mask is printed before the line announcing it, and the name says where it came from.
    expect(main.lines.indexOf(`::add-mask::${key}`)).toBeGreaterThan(0)
    expect(main.lines.indexOf(`::add-mask::${key}`)).toBeLessThan(
      lineIndex(main, /Created ephemeral API key/)
    )
    const created = iam.requests.find((r) => r.method === 'POST' && r.path === '/v1/apikeys')!
    expect(created.keyName).toMatch(/^gha-acme-widgets-4242-1-deploy-[0-9a-f]{6}$/)
    expect(iam.listApiKeys().find((k) => k.id === id)!.description).toContain(
      'https://github.com/acme/widgets/actions/runs/4242'
    )

    // A later step (terraform, ibmcloud login) uses it.
    expect((await tokenFor(iam, key)).status).toBe(200)

    const post = await step('post', { apikey: iam.seed.apikey }, main)
    expect(post.code).toBe(0)
    expect(infoLines(post)).toContain(`Revoked ephemeral API key ${id}.`)
    expect(iam.apiKeyExists(id)).toBe(false)
    const after = await tokenFor(iam, key)
    expect(after.status).toBe(400)
    expect(after.text).toContain('BXNIM0415E')

    const secrets = secretsOf(iam.seed.apikey, main)
    expect(leaks(main, secrets)).toEqual([])
    // The post step masks what it handles (the key input, its fresh token) and prints none of it.
    expect(leaks(post, [iam.seed.apikey])).toEqual([])
    for (const s of secrets.filter((x) => x !== iam.seed.apikey)) {
      expect(post.stdout + post.stderr).not.toContain(s)
    }
  })

  // Was: '... was already deleted.' IAM answers 404 alike for a deleted key and for another
  // account's key, so the post step no longer claims to know which (issue 8).
  test('a key already deleted is reported as not found, nothing deleted', async () => {
    const main = await step('main', { apikey: iam.seed.apikey })
    const id = main.outputs['ephemeral-apikey-id']!
    await step('post', { apikey: iam.seed.apikey }, main)
    const again = await step('post', { apikey: iam.seed.apikey }, main)
    expect(again.code).toBe(0)
    expect(infoLines(again)).toContainEqual(
      expect.stringMatching(new RegExp(`^Ephemeral API key ${id} was not found .*nothing deleted`))
    )
  })

  test('revoke: false leaves the key to its expiry, with one info line and no request', async () => {
    const main = await step('main', { apikey: iam.seed.apikey, revoke: 'false' })
    const id = main.outputs['ephemeral-apikey-id']!
    const before = iam.requests.length
    const post = await step('post', { apikey: iam.seed.apikey, revoke: 'false' }, main)
    expect(post.code).toBe(0)
    expect(
      infoLines(post).some((l) =>
        l.startsWith(`revoke is false: ephemeral API key ${id} is left to expire`)
      )
    ).toBe(true)
    expect(iam.requests.length).toBe(before)
    expect(iam.apiKeyExists(id)).toBe(true)
  })

  test('a key past its expiry: info, no request', async () => {
    const main = await step('main', { apikey: iam.seed.apikey })
    const expired = {
      ...main,
      state: { ...main.state, 'ephemeral-key-expires-at': String(Date.now() - 60_000) }
    }
    const before = iam.requests.length
    const post = await step('post', { apikey: iam.seed.apikey }, expired)
    expect(post.code).toBe(0)
    expect(infoLines(post).some((l) => /already expired at .*nothing to revoke/.test(l))).toBe(true)
    expect(iam.requests.length).toBe(before)
  })

  test("a failed revocation is a warning with IAM's code and request id, not a failed job", async () => {
    const main = await step('main', { apikey: iam.seed.apikey })
    iam.queueFault('DELETE /v1/apikeys/*', {
      status: 500,
      body: {
        errors: [{ code: 'internal_error', message_code: 'BXNIM0999E', message: 'Internal error' }],
        trace: 'trace-123'
      },
      times: 5
    })
    const post = await step('post', { apikey: iam.seed.apikey, 'max-attempts': '2' }, main)
    expect(post.code).toBe(0)
    const [warning] = warnings(post)
    expect(warning).toMatch(/Could not revoke ephemeral API key ApiKey-.*BXNIM0999E.*trace-123/s)
    expect(iam.requests.filter((r) => r.method === 'DELETE')).toHaveLength(2)
  })

  test('post step after a failed main step: a refused create leaves nothing behind', async () => {
    const keysBefore = iam.listApiKeys().length
    const main = await step('main', { apikey: iam.seed.readonlyApikey })
    expect(main.code).toBe(1)
    const error = main.commands.find((c) => c.command === 'error')!.value
    expect(error).toMatch(/API key creation failed after 1 attempt: HTTP 403/)
    expect(error).toMatch(/Operator .*IAM Identity Service/)
    expect(main.exportedEnv).toEqual({})
    expect(main.outputs).toEqual({})
    expect(main.state).toEqual({})
    expect(iam.listApiKeys().length).toBe(keysBefore)

    const post = await step('post', { apikey: iam.seed.readonlyApikey }, main)
    expect(post.code).toBe(0)
    expect(infoLines(post)).toContain(
      'No ephemeral API key was created by the main step: nothing to revoke.'
    )
    expect(leaks(main, [iam.seed.readonlyApikey])).toEqual([])
  })

  test("sweep-stale-keys deletes only this repository's expired or abandoned keys", async () => {
    const hours = (h: number) => new Date(Date.now() + h * 3_600_000)
    const ours = (run: string) =>
      `Ephemeral key made by ibmcloud-iam-token-action for https://github.com/acme/widgets/actions/runs/${run}/attempts/1; deleted by its post step, or expired by IAM.`
    const key = (name: string, description: string, expiresAt: Date, createdAt = hours(-1)) =>
      iam.createApiKey({ iamId: iam.seed.iamId, name, description, expiresAt, createdAt }).id

    const expired = key('gha-acme-widgets-1-1-deploy-aaaaaa', ours('1'), hours(-1), hours(-2))
    const abandoned = key('gha-acme-widgets-2-1-deploy-bbbbbb', ours('2'), hours(1), hours(-7))
    const running = key('gha-acme-widgets-3-1-deploy-cccccc', ours('3'), hours(5), hours(-1))
    const otherRepo = key(
      'gha-acme-widgets-extra-1-1-deploy-dddddd',
      ours('1').replace('/widgets/', '/widgets-extra/'),
      hours(-1),
      hours(-2)
    )
    const lookalike = key(
      'gha-acme-widgets-4-1-deploy-eeeeee',
      'made by hand',
      hours(-1),
      hours(-2)
    )
    const manual = key('terraform-prod', 'long-lived', hours(-1), hours(-9))

    const main = await step('main', { apikey: iam.seed.apikey, 'sweep-stale-keys': 'true' })
    expect(main.code).toBe(0)
    expect(iam.apiKeyExists(expired)).toBe(false)
    expect(iam.apiKeyExists(abandoned)).toBe(false)
    for (const kept of [
      running,
      otherRepo,
      lookalike,
      manual,
      main.outputs['ephemeral-apikey-id']!
    ]) {
      expect(iam.apiKeyExists(kept)).toBe(true)
    }
    expect(infoLines(main)).toContain(
      'Swept stale ephemeral API key ' + expired + ' (gha-acme-widgets-1-1-deploy-aaaaaa).'
    )
    expect(
      infoLines(main).some((l) => /^Swept 2 stale ephemeral API key\(s\) of \d+ checked\.$/.test(l))
    ).toBe(true)
  })
})
