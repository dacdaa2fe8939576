import { run as runPost } from '../src/post.js'
import { STATE } from '../src/ephemeral/issue.js'
import { APIKEY, fakeClock } from './helpers/fakes.js'
import { KEY_ID, postHarness, savedKeyState } from './helpers/identity.js'

const NOW = Date.UTC(2026, 1, 20, 15, 0, 0)
const EXPIRES = Date.UTC(2026, 1, 20, 18, 1)

const savedState = (overrides: Record<string, string> = {}) => savedKeyState(EXPIRES, overrides)

async function post(
  inputs: Record<string, string>,
  state: Record<string, string>,
  now: number = NOW
) {
  const h = postHarness(inputs, state, [], fakeClock(now))
  await runPost(h.deps)
  return h
}

describe('post step, nothing to do', () => {
  it('without state from the main step: one line, no request', async () => {
    const { runner, transport } = await post({ apikey: APIKEY, 'ephemeral-key': 'true' }, {})
    expect(runner.printed()).toEqual([
      'No ephemeral API key was created by the main step: nothing to revoke.'
    ])
    expect(transport.requests).toEqual([])
    expect(runner.failed).toBeUndefined()
  })

  it('without state, does not even read the inputs: bad inputs cause no warning', async () => {
    const { runner } = await post({ apikey: APIKEY, 'max-attempts': 'many' }, {})
    expect(runner.count('warning')).toBe(0)
    expect(runner.printed()).toEqual([
      'No ephemeral API key was created by the main step: nothing to revoke.'
    ])
  })

  it('with revoke: false: one info line naming the key and its expiry, no request', async () => {
    const { runner, transport } = await post({ apikey: APIKEY, revoke: 'false' }, savedState())
    expect(runner.printed()).toEqual([
      `revoke is false: ephemeral API key ${KEY_ID} is left to expire at 2026-02-20T18:01:00.000Z.`
    ])
    expect(runner.count('info')).toBe(1)
    expect(transport.requests).toEqual([])
    expect(runner.failed).toBeUndefined()
  })

  it('when the key expired already (per the clock): one info line, no request', async () => {
    const { runner, transport } = await post({ apikey: APIKEY }, savedState(), EXPIRES + 60_000)
    expect(runner.printed()).toEqual([
      `Ephemeral API key ${KEY_ID} already expired at 2026-02-20T18:01:00.000Z: IAM refuses it, nothing to revoke.`
    ])
    expect(transport.requests).toEqual([])
    expect(runner.count('warning')).toBe(0)
    expect(runner.failed).toBeUndefined()
  })

  it('treats a key expiring exactly now as expired', async () => {
    const { runner, transport } = await post({ apikey: APIKEY }, savedState(), EXPIRES)
    expect(runner.printed()[0]).toMatch(/already expired/)
    expect(transport.requests).toEqual([])
  })

  it('with an empty apikey input: a warning, no request, no failure', async () => {
    const { runner, transport } = await post({ apikey: '' }, savedState())
    expect(runner.count('warning')).toBe(1)
    expect(runner.printed()).toEqual([
      `::warning::Cannot delete ephemeral API key ${KEY_ID}: the apikey input is empty in the post step. IAM expires it at 2026-02-20T18:01:00.000Z.`
    ])
    expect(transport.requests).toEqual([])
    expect(runner.failed).toBeUndefined()
  })

  it('with inputs that do not parse: a warning, no request, no failure', async () => {
    const { runner, transport } = await post(
      { apikey: APIKEY, 'max-attempts': 'many' },
      savedState()
    )
    expect(runner.failed).toBeUndefined()
    expect(runner.count('warning')).toBe(1)
    const warning = runner.printed().join('\n')
    expect(warning).toContain(`Could not revoke ephemeral API key ${KEY_ID}`)
    expect(warning).toContain('max-attempts must be a whole number')
    expect(transport.requests).toEqual([])
  })

  it('masks the apikey input first, even when there is nothing to do', async () => {
    const { runner } = await post({ apikey: APIKEY }, {})
    expect(runner.events[0]).toEqual({ kind: 'setSecret', value: APIKEY })
  })
})

describe('post step, an expiry read from GITHUB_STATE', () => {
  // GITHUB_STATE can be written by any step: an expiry that is no time, or more than two days
  // ahead (the longest ephemeral-key-ttl is one), is not shown as the key's.
  it.each([
    ['not a number', 'soon'],
    ['zero', '0'],
    ['negative', '-60000'],
    ['empty', ''],
    ['two days ahead', String(NOW + 2 * 24 * 3600_000)],
    ['far ahead', '99999999999999']
  ])('is left out when it is %s', async (_what, saved) => {
    const { runner } = await post(
      { apikey: APIKEY, revoke: 'false' },
      savedState({ [STATE.keyExpiresAt]: saved })
    )
    expect(runner.printed()).toEqual([
      `revoke is false: ephemeral API key ${KEY_ID} is left to expire when its ephemeral-key-ttl runs out.`
    ])
  })

  it('is shown when it is less than two days ahead', async () => {
    const saved = NOW + 2 * 24 * 3600_000 - 60_000
    const { runner } = await post(
      { apikey: APIKEY, revoke: 'false' },
      savedState({ [STATE.keyExpiresAt]: String(saved) })
    )
    expect(runner.printed()).toEqual([
      `revoke is false: ephemeral API key ${KEY_ID} is left to expire at 2026-02-22T14:59:00.000Z.`
    ])
  })

  it('an unknown expiry does not make the key count as expired', async () => {
    const { runner } = await post({ apikey: '' }, savedState({ [STATE.keyExpiresAt]: 'soon' }))
    expect(runner.printed()).toEqual([
      `::warning::Cannot delete ephemeral API key ${KEY_ID}: the apikey input is empty in the post step. IAM expires it when its ephemeral-key-ttl runs out.`
    ])
  })
})
