import { redactingRunner, Secrets } from '../src/secrets.js'
import { RecordingRunner } from './helpers/recording-runner.js'

function recorder() {
  const masked: string[] = []
  const secrets = new Secrets((value) => masked.push(value))
  return { masked, secrets }
}

describe('Secrets.add', () => {
  it('masks the value as given and its trimmed form', () => {
    const { masked, secrets } = recorder()
    secrets.add('  key-with-spaces-1234\n')
    expect(masked).toContain('  key-with-spaces-1234\n')
    expect(masked).toContain('key-with-spaces-1234')
  })

  it('masks each line of a multi-line secret', () => {
    const { masked, secrets } = recorder()
    secrets.add('-----BEGIN-----\r\nline-one-AAAA\nline-two-BBBB\n-----END-----')
    for (const line of ['-----BEGIN-----', 'line-one-AAAA', 'line-two-BBBB', '-----END-----']) {
      expect(masked).toContain(line)
    }
  })

  it('masks the URL-encoded form, as it appears in a form body or query', () => {
    const { masked, secrets } = recorder()
    secrets.add('a+b/c=d&e f')
    expect(masked).toContain(encodeURIComponent('a+b/c=d&e f'))
  })

  it('skips fragments too short to protect anything, and empty values', () => {
    const { masked, secrets } = recorder()
    secrets.add('')
    secrets.add(undefined)
    secrets.add('abcdefgh\nxy\n')
    expect(masked).not.toContain('xy')
    expect(masked).not.toContain('')
    expect(masked).toContain('abcdefgh')
  })

  it('masks nothing for white space alone, not even its encoded forms', () => {
    const { masked, secrets } = recorder()
    secrets.add(' \n')
    secrets.add('\t \r\n   ')
    expect(masked).toEqual([])
    secrets.add(' \nabcd\n')
    expect(masked).toContain('abcd')
  })

  it('masks the trimmed whole of a multi-line secret, not only its lines', () => {
    const { masked, secrets } = recorder()
    secrets.add('  first-line-AAAA\nsecond-line-BBBB  ')
    expect(masked).toContain('first-line-AAAA\nsecond-line-BBBB')
  })

  it('masks a form of exactly 4 characters and skips one of 3', () => {
    const { masked, secrets } = recorder()
    secrets.add('long-enough-secret\nabcd\nxyz')
    expect(masked).toContain('abcd')
    expect(masked).not.toContain('xyz')
  })

  it('masks the form-encoded form, with + for spaces, as the token request sends it', () => {
    const { masked, secrets } = recorder()
    secrets.add('two words-1234')
    expect(masked).toContain('two+words-1234')
  })

  it('masks the value as a JSON string writes it: control characters escaped', () => {
    const { masked, secrets } = recorder()
    secrets.add('tab\there-1234')
    expect(masked).toContain('tab\\there-1234')
  })

  it('masks non-ASCII characters as \\u escapes in lower and upper case hex', () => {
    const { masked, secrets } = recorder()
    secrets.add('clé-secrète-1234')
    expect(masked).toContain('cl\\u00e9-secr\\u00e8te-1234')
    expect(masked).toContain('cl\\u00E9-secr\\u00E8te-1234')
    // The ASCII characters stay as they are in every escaped form.
    expect(masked.filter((m) => m.includes('\\u0063'))).toEqual([])
  })

  it('masks each form once, however often it is added', () => {
    const { masked, secrets } = recorder()
    secrets.add('repeated-secret')
    secrets.add('repeated-secret')
    secrets.add(' repeated-secret ')
    expect(masked.filter((m) => m === 'repeated-secret')).toHaveLength(1)
  })
})

describe('Secrets.redact', () => {
  it('replaces every known form: raw, trimmed, each line, URL-encoded', () => {
    const { secrets } = recorder()
    const secret = ' first/line+1\nsecond=line&2 '
    secrets.add(secret)
    const text = [
      `raw:${secret}`,
      'trimmed:first/line+1\nsecond=line&2',
      'line1:first/line+1',
      'line2:second=line&2',
      `encoded:${encodeURIComponent('first/line+1')}`,
      `encoded2:${encodeURIComponent('second=line&2')}`
    ].join('|')
    const out = secrets.redact(text)
    expect(out).not.toContain('first/line+1')
    expect(out).not.toContain('second=line&2')
    expect(out).not.toContain(encodeURIComponent('first/line+1'))
    expect(out).not.toContain(encodeURIComponent('second=line&2'))
    expect(out).toContain('raw:***')
    expect(out).toContain('line1:***|line2:***')
  })

  it('replaces every occurrence', () => {
    const { secrets } = recorder()
    secrets.add('tok-123456')
    expect(secrets.redact('tok-123456 and tok-123456 again')).toBe('*** and *** again')
  })

  it('redacts a longer secret whole even when a shorter one is a part of it', () => {
    const { secrets } = recorder()
    secrets.add('abcd')
    secrets.add('abcdEFGH')
    expect(secrets.redact('x abcdEFGH y')).toBe('x *** y')
  })

  it('leaves text without secrets unchanged', () => {
    const { secrets } = recorder()
    expect(secrets.redact('nothing to hide')).toBe('nothing to hide')
    secrets.add('something-secret')
    expect(secrets.redact('nothing to hide')).toBe('nothing to hide')
  })
})

describe('redactingRunner', () => {
  const secret = 'Zx9_fakeFAKEfake0123456789abcdefGHIJKLmnopqr'

  it('scrubs every log line of every known secret, whoever wrote it', () => {
    const runner = new RecordingRunner({ apikey: secret })
    const secrets = new Secrets(() => undefined)
    secrets.add(secret)
    const wrapped = redactingRunner(runner, secrets)
    for (const kind of ['debug', 'info', 'notice', 'warning', 'setFailed'] as const) {
      wrapped[kind](`${kind}: as ${secret}`)
    }
    expect(runner.events.map((e) => e.value)).toEqual([
      'debug: as ***',
      'info: as ***',
      'notice: as ***',
      'warning: as ***',
      'setFailed: as ***'
    ])
  })

  it('passes every other call through unchanged (outputs hold masked values as they are)', () => {
    const runner = new RecordingRunner({ apikey: secret })
    const secrets = new Secrets(() => undefined)
    secrets.add(secret)
    const wrapped = redactingRunner(runner, secrets)
    expect(wrapped.getInput('apikey')).toBe(secret)
    wrapped.setOutput('token', secret)
    wrapped.saveState('k', secret)
    expect(runner.events.map((e) => e.value)).toEqual([secret, secret])
  })
})
