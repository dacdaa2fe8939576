import { codeCell, oneLine } from '../src/untrusted.js'

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
})

describe('codeCell: outside text in a Markdown table cell', () => {
  it('is one code span, pipes escaped, longer fence than any backtick run', () => {
    expect(codeCell('a | b')).toBe('`a \\| b`')
    expect(codeCell('x``y')).toBe('```x``y```')
    expect(codeCell('`edge`')).toBe('`` `edge` ``')
    expect(codeCell('<img src=x onerror=alert(1)>\n| row')).toBe(
      '`<img src=x onerror=alert(1)>\\n\\| row`'
    )
  })
})
