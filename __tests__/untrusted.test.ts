import { codeCell, oneLine } from '../src/untrusted.js'

describe('oneLine: redacts before it cuts', () => {
  const secret = 'Zx9_fakeFAKEfake0123456789abcdefGHIJKLmnopqr'
  const redact = (t: string) => t.split(secret).join('***')

  it('leaves no piece of a secret that straddles the cut', () => {
    const text = `${'n'.repeat(190)}${secret}`
    expect(oneLine(text)).toContain(secret.slice(0, 9))
    const shown = oneLine(text, redact)
    expect(shown).toBe(`${'n'.repeat(190)}***`)
    for (let i = 4; i < secret.length; i++) expect(shown).not.toContain(secret.slice(0, i))
  })

  it('redacts the raw text, before escaping could split a secret apart', () => {
    expect(oneLine(`a\n${secret}`, redact)).toBe('a\\n***')
  })
})

describe('oneLine: outside text made inert for one log line', () => {
  it.each([
    ['a line break and a workflow command', 'x\n::add-path::/evil', 'x\\n: :add-path: :/evil'],
    ['CR, NEL and Unicode line separators', 'a\r\u0085\u2028\u2029b', 'a\\r\\u0085\\u2028\\u2029b'],
    ['the legacy ##[ command form', 'n ##[set-env name=A]v', 'n ## [set-env name=A]v'],
    ['a bidi override', 'abc\u202edef', 'abc\\u202edef']
  ])('escapes %s', (_, raw, shown) => {
    expect(oneLine(raw)).toBe(shown)
  })

  it('leaves ordinary ids alone and cuts long text', () => {
    expect(oneLine('iam-ServiceId-1234 ApiKey-ab-cd')).toBe('iam-ServiceId-1234 ApiKey-ab-cd')
    expect(oneLine('a'.repeat(1000))).toHaveLength(200)
  })

  it('keeps 200 characters as they are and cuts 201 to 199 and an ellipsis', () => {
    expect(oneLine('a'.repeat(200))).toBe('a'.repeat(200))
    expect(oneLine(`${'a'.repeat(199)}bc`)).toBe(`${'a'.repeat(199)}…`)
  })

  it('prints what is not a string as text', () => {
    expect(oneLine(42)).toBe('42')
    expect(oneLine(undefined)).toBe('undefined')
  })

  // Each end of each escaped range, and the character just outside it.
  it.each([
    ['\u0000', '\\u0000'],
    ['\u001f', '\\u001f'],
    ['\u007f', '\\u007f'],
    ['\u0080', '\\u0080'],
    ['\u009f', '\\u009f'],
    ['\t', '\\t'],
    ['\u2028', '\\u2028'],
    ['\u2029', '\\u2029'],
    ['\u202a', '\\u202a'],
    ['\u202e', '\\u202e'],
    ['\u2066', '\\u2066'],
    ['\u2069', '\\u2069']
  ])('escapes %j', (raw, shown) => {
    expect(oneLine(`<${raw}>`)).toBe(`<${shown}>`)
  })

  it.each([' ', '~', '\u00a0', 'é', '\u2027', '\u202f', '\u2065', '\u206a', '"', '\\'])(
    'leaves %j as it is',
    (c) => {
      expect(oneLine(`<${c}>`)).toBe(`<${c}>`)
    }
  )

  it('breaks apart every :: and ##[, not only the first', () => {
    expect(oneLine('::a::b ##[x ##[y')).toBe(': :a: :b ## [x ## [y')
    expect(oneLine(':::')).toBe(': : :')
    expect(oneLine('a:b #[c')).toBe('a:b #[c')
  })
})

describe('codeCell: outside text in a Markdown table cell', () => {
  it('is one code span, pipes escaped, longer fence than any backtick run', () => {
    expect(codeCell('a | b')).toBe('`a \\| b`')
    expect(codeCell('x``y')).toBe('```x``y```')
    expect(codeCell('`edge`')).toBe('`` `edge` ``')
    expect(codeCell('`start')).toBe('`` `start ``')
    expect(codeCell('end`')).toBe('`` end` ``')
    expect(codeCell('a`b```c``d')).toBe('````a`b```c``d````')
    expect(codeCell('a|b|c')).toBe('`a\\|b\\|c`')
    expect(codeCell('plain')).toBe('`plain`')
    expect(codeCell('<img src=x onerror=alert(1)>\n| row')).toBe(
      '`<img src=x onerror=alert(1)>\\n\\| row`'
    )
  })
})
