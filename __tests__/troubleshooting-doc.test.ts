import { readFileSync, writeFileSync } from 'node:fs'
import * as prettier from 'prettier'
import { ADVICE, advise, type AdviceId } from '../src/advice.js'

/**
 * docs/TROUBLESHOOTING.md's table is generated from the advice rows (ADVICE, src/advice.ts),
 * the advice the action prints. When they drift this test fails; `npm run docs` (this file
 * with UPDATE_DOCS=1) rewrites the table from the rows.
 */
const DOC = new URL('../docs/TROUBLESHOOTING.md', import.meta.url)
const START =
  '<!-- generated from the advice rows (src/advice.ts) by `npm run docs`: do not edit by hand -->'
const END = '<!-- end of generated table -->'

function cell(text: string): string {
  return text.replace(/\|/g, '\\|')
}

async function expectedDoc(current: string): Promise<string> {
  const rows = (Object.keys(ADVICE) as AdviceId[]).map((id) => {
    const { symptom, cause } = ADVICE[id]
    return `| ${cell(symptom)} | ${cell(cause)} | ${cell(advise(id))} |`
  })
  const table = ['| you see | why | what the action tells you |', '| --- | --- | --- |', ...rows]
  const before = current.slice(0, current.indexOf(START) + START.length)
  const after = current.slice(current.indexOf(END))
  const config = (await prettier.resolveConfig(DOC.pathname)) ?? {}
  return prettier.format(`${before}\n\n${table.join('\n')}\n\n${after}`, {
    ...config,
    parser: 'markdown'
  })
}

describe('docs/TROUBLESHOOTING.md', () => {
  it('has the generated table markers', () => {
    const doc = readFileSync(DOC, 'utf8')
    expect(doc).toContain(START)
    expect(doc).toContain(END)
  })

  it('lists every piece of advice exactly as the action gives it', async () => {
    const doc = readFileSync(DOC, 'utf8')
    const expected = await expectedDoc(doc)
    if (process.env.UPDATE_DOCS === '1' && doc !== expected) writeFileSync(DOC, expected)
    else expect(doc).toBe(expected)
  })
})
