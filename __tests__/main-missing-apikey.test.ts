import { run as runMain } from '../src/main.js'
import { harness } from './helpers/fakes.js'

describe('main step, empty apikey', () => {
  it.each([
    ['unset', undefined],
    ['empty', ''],
    ['only whitespace', ' \n\t ']
  ])(
    'with on-missing-apikey: skip and an %s key, notices, sets authenticated=false and passes',
    async (_what, key) => {
      const inputs: Record<string, string> = { 'on-missing-apikey': 'skip' }
      if (key !== undefined) inputs.apikey = key
      const h = harness(inputs, [])
      await runMain(h.deps)
      expect(h.runner.failed).toBeUndefined()
      expect(h.runner.count('notice')).toBe(1)
      expect(h.runner.printed()).toContain(
        '::notice::No IBM Cloud API key was given (the `apikey` input is empty), so this step ' +
          'did nothing (on-missing-apikey: skip). Later steps see authenticated=false.'
      )
      expect(h.runner.outputs).toEqual({ authenticated: 'false' })
      expect(h.runner.count('exportVariable')).toBe(0)
      expect(h.transport.requests).toHaveLength(0)
    }
  )

  it('fails by default, explaining fork pull requests and Dependabot and how to skip', async () => {
    const h = harness({}, [], { env: { GITHUB_ACTOR: 'octocat' } })
    await runMain(h.deps)
    const message = h.runner.failed ?? ''
    expect(message).toMatch(/apikey.*empty/)
    expect(message).toMatch(/fork/)
    expect(message).toMatch(/Dependabot/)
    expect(message).toMatch(/on-missing-apikey: skip/)
    expect(message).toMatch(/outputs\.authenticated/)
    expect(h.transport.requests).toHaveLength(0)
    expect(h.runner.count('setOutput')).toBe(0)
  })

  it('fails with on-missing-apikey: fail too', async () => {
    const h = harness({ apikey: '', 'on-missing-apikey': 'fail' }, [])
    await runMain(h.deps)
    expect(h.runner.failed).toMatch(/on-missing-apikey: skip/)
  })

  it('gives a Dependabot-specific hint when Dependabot started the run', async () => {
    const h = harness({}, [], { env: { GITHUB_ACTOR: 'dependabot[bot]' } })
    await runMain(h.deps)
    const message = h.runner.failed ?? ''
    expect(message).toMatch(/Dependabot secrets/)
    expect(message).toMatch(/Settings > Secrets > Dependabot/)
    expect(message).not.toMatch(/fork/)
  })

  it('reports wrong inputs before the missing key, all in one message', async () => {
    const h = harness({ 'on-missing-apikey': 'skip', 'max-attempts': '99', 'env-name': 'PATH' }, [])
    await runMain(h.deps)
    expect(h.runner.failed).toMatch(/^2 inputs are wrong:/)
    expect(h.runner.failed).toContain('max-attempts')
    expect(h.runner.failed).toContain('env-name "PATH"')
    expect(h.runner.count('setFailed')).toBe(1)
    expect(h.runner.outputs).toEqual({})
  })
})

describe('main step, wrong inputs with a key', () => {
  it('never echoes the key when it was pasted into another input', async () => {
    const key = 'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcde'
    const h = harness({ apikey: key, region: key, 'env-name': key.slice(0, 10) + '=' }, [])
    await runMain(h.deps)
    expect(h.runner.failed).toMatch(/inputs are wrong/)
    expect(h.runner.failed).not.toContain(key)
    expect(h.transport.requests).toHaveLength(0)
  })
})
