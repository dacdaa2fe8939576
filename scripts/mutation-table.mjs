#!/usr/bin/env node
// Prints the per-file table of a Stryker run (reports/mutation/mutation.json) as Markdown, with
// the survivors' lines, so that docs/TESTING.md quotes what a run measured rather than a copy.
//
//   node scripts/mutation-table.mjs [report.json] [--survivors]
import { readFileSync } from 'node:fs'

const args = process.argv.slice(2)
const file = args.find((a) => !a.startsWith('--')) ?? 'reports/mutation/mutation.json'
const showSurvivors = args.includes('--survivors')
const report = JSON.parse(readFileSync(file, 'utf8'))

/** @typedef {{ Killed: number, Timeout: number, Survived: number, NoCoverage: number, other: number }} Count */
/** @typedef {{ status: string, mutatorName: string, replacement?: string, location: { start: { line: number } } }} Mutant */
/** @typedef {'Killed' | 'Timeout' | 'Survived' | 'NoCoverage'} Scored */

/** @type {string[]} */
const SCORED = ['Killed', 'Timeout', 'Survived', 'NoCoverage']
/** @returns {Count} */
const zero = () => ({ Killed: 0, Timeout: 0, Survived: 0, NoCoverage: 0, other: 0 })
const rows = []
const total = zero()
for (const [path, { mutants }] of Object.entries(report.files).sort(([a], [b]) =>
  a.localeCompare(b)
)) {
  const count = zero()
  for (const m of /** @type {Mutant[]} */ (mutants)) {
    count[SCORED.includes(m.status) ? /** @type {Scored} */ (m.status) : 'other']++
  }
  for (const k of /** @type {(keyof Count)[]} */ (Object.keys(total))) total[k] += count[k]
  const survivors = /** @type {Mutant[]} */ (mutants)
    .filter((m) => m.status === 'Survived' || m.status === 'NoCoverage')
    .map((m) => ({
      line: m.location.start.line,
      mutator: m.mutatorName,
      replacement: m.replacement,
      status: m.status
    }))
  rows.push({ path, count, survivors })
}

const score = (/** @type {Count} */ c) => {
  const scored = c.Killed + c.Timeout + c.Survived + c.NoCoverage
  return scored === 0 ? 'n/a' : `${((100 * (c.Killed + c.Timeout)) / scored).toFixed(1)} %`
}

console.log('| file | mutants | killed | timed out | survived | no coverage | score |')
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |')
for (const { path, count } of rows) {
  const n = count.Killed + count.Timeout + count.Survived + count.NoCoverage
  console.log(
    `| \`${path}\` | ${n} | ${count.Killed} | ${count.Timeout} | ${count.Survived} | ${count.NoCoverage} | ${score(count)} |`
  )
}
const n = total.Killed + total.Timeout + total.Survived + total.NoCoverage
console.log(
  `| **all files in the report** | ${n} | ${total.Killed} | ${total.Timeout} | ${total.Survived} | ${total.NoCoverage} | **${score(total)}** |`
)
if (total.other > 0)
  console.log(
    `\n(${total.other} mutants neither killed nor survived: compile or runtime errors, or ignored.)`
  )

if (showSurvivors) {
  console.log('')
  for (const { path, survivors } of rows) {
    for (const s of survivors) {
      console.log(
        `${path}:${s.line} ${s.status} ${s.mutator}: ${JSON.stringify(s.replacement ?? '')}`
      )
    }
  }
}
