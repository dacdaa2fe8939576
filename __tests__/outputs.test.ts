/**
 * Every value the main step publishes has the shape IAM documents, checked before the first
 * one is written (issue 19, case 3): later steps put them into shell commands.
 */
import { parseConfig } from '../src/config.js'
import { publish } from '../src/outputs.js'
import type { IamToken } from '../src/iam/token.js'
import { APIKEY, RecordingRunner } from './helpers/fakes.js'
import { EPHEMERAL_VALUE, KEY_ID, testToken } from './helpers/identity.js'

const NOW = Date.UTC(2026, 1, 20, 12, 0, 0)
const config = parseConfig((name) => ({ apikey: APIKEY, 'ephemeral-key': 'true' })[name] ?? '')
const key = { id: KEY_ID, value: EPHEMERAL_VALUE, expiresAtMs: NOW + 3600_000 }

function attempt(token: Partial<IamToken>, issued: Partial<typeof key> | undefined = {}) {
  const runner = new RecordingRunner()
  let error: unknown
  try {
    publish(runner, config, { ...testToken(NOW), ...token }, issued && { ...key, ...issued })
  } catch (err) {
    error = err
  }
  return { runner, error: error as Error | undefined }
}

describe('publish', () => {
  it('publishes every output and variable when all have their shape', () => {
    const { runner, error } = attempt({})
    expect(error).toBeUndefined()
    expect(Object.keys(runner.outputs).sort()).toEqual(
      [
        'account-id',
        'authenticated',
        'authorization',
        'ephemeral-apikey',
        'ephemeral-apikey-id',
        'expiration',
        'expires-at',
        'expires-in',
        'iam-endpoint',
        'iam-id',
        'token',
        'token-type'
      ].sort()
    )
    expect(Object.keys(runner.env).sort()).toEqual(['IBMCLOUD_API_KEY', 'IBMCLOUD_IAM_TOKEN'])
  })

  it.each([
    ['an iam-id with a line break', { iamId: 'iam-ServiceId-1\nX=1' }, undefined, 'output iam-id'],
    ['an iam-id with $(…)', { iamId: 'iam-$(id)' }, undefined, 'output iam-id'],
    ['an iam-id with a quote', { iamId: "iam-x'y" }, undefined, 'output iam-id'],
    ['an empty iam-id', { iamId: '' }, undefined, 'output iam-id'],
    ['an account-id with a space', { accountId: 'a1 b2' }, undefined, 'output account-id'],
    ['an account-id with a backtick', { accountId: 'a1`id`' }, undefined, 'output account-id'],
    ['a token-type other than Bearer', { tokenType: 'bearer' }, undefined, 'output token-type'],
    ['a token-type with a line break', { tokenType: 'Bearer\n' }, undefined, 'output token-type'],
    ['a token that is no JWT', { accessToken: 'a.b.c\nd' }, undefined, 'output token (not shown)'],
    ['a key id with $(…)', {}, { id: 'ApiKey-1234abcd$(id)' }, 'output ephemeral-apikey-id'],
    ['a key id of another kind', {}, { id: 'ServiceId-12345678' }, 'output ephemeral-apikey-id'],
    [
      'a key value with a quote',
      {},
      { value: `${EPHEMERAL_VALUE}"` },
      'output ephemeral-apikey (not shown)'
    ]
  ])('%s: fails with nothing published', (_, token, issued, named) => {
    const { runner, error } = attempt(token, issued ?? {})
    expect(error?.message).toContain(`IBM Cloud IAM answered with ${named}`)
    expect(error?.message).not.toContain('\n')
    expect(
      runner.events.filter((e) => e.kind === 'setOutput' || e.kind === 'exportVariable')
    ).toEqual([])
  })

  it('never quotes a secret it refuses', () => {
    const { error } = attempt({}, { value: `${EPHEMERAL_VALUE}"` })
    expect(error?.message).not.toContain(EPHEMERAL_VALUE)
  })

  it.each([
    'iam-ServiceId-11111111-2222-3333-4444-555555555555',
    'IBMid-270006V8HD',
    'iam-Profile-1a2b'
  ])('accepts the IAM id %s', (iamId) => {
    expect(attempt({ iamId }).error).toBeUndefined()
  })
})
