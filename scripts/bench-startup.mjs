// @ts-check
/**
 * Start-up cost of the bundle: `node dist/main/index.js` (a run that does no request:
 * on-missing-apikey skip) against `node -e 0`, interleaved in the same run, medians and ratio.
 * NODE_EXTRA_CA_CERTS is left out so that loading a CA bundle is not measured.
 * Usage: node scripts/bench-startup.mjs [runs]
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ROOT } from './runner-simulator.mjs'

const runs = Number(process.argv[2] ?? 30)
const dir = mkdtempSync(join(tmpdir(), 'bench-'))
const output = join(dir, 'output')
writeFileSync(output, '')
const { NODE_EXTRA_CA_CERTS: _ignored, ...base } = process.env
const env = { ...base, GITHUB_OUTPUT: output, INPUT_APIKEY: '', 'INPUT_ON-MISSING-APIKEY': 'skip' }

/** @param {string[]} args */
function time(args) {
  const start = process.hrtime.bigint()
  const r = spawnSync(process.execPath, args, { env, stdio: 'ignore' })
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}`)
  return Number(process.hrtime.bigint() - start) / 1e6
}
/** @param {number[]} xs */
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN

const baseline = []
const bundle = []
time(['-e', '0'])
time([join(ROOT, 'dist/main/index.js')]) // warm the file cache
for (let i = 0; i < runs; i++) {
  baseline.push(time(['-e', '0']))
  bundle.push(time([join(ROOT, 'dist/main/index.js')]))
}
rmSync(dir, { recursive: true, force: true })
const b = median(baseline)
const m = median(bundle)
console.log(`node ${process.version}, ${runs} interleaved runs each`)
console.log(`node -e 0:               median ${b.toFixed(1)} ms`)
console.log(`node dist/main/index.js: median ${m.toFixed(1)} ms`)
console.log(`ratio: ${(m / b).toFixed(2)}x (bundle start-up +${(m - b).toFixed(1)} ms)`)
