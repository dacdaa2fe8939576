// @ts-check
/**
 * npm run bench -- [--runs N] [--bursts N] [--jobs N] [--rate N] [--dist PATH] [--node PATH]
 *
 * Measures the bundles in one run and prints one Markdown table (docs/PERFORMANCE.md):
 * - sizes of <dist>/main/index.js and <dist>/post/index.js;
 * - paired, interleaved runs through the runner simulator (scripts/runner-simulator.mjs, as a GitHub
 *   runner runs dist/), medians: a main step that fails at once and a post step with nothing to
 *   revoke, each against `node -e 0`; a full main step against a bare-Node script doing the same
 *   one HTTPS POST to the local IAM emulator;
 * - bursts: --jobs main steps released together against the emulator limited to --rate token
 *   requests a second (429 without Retry-After, as real IAM usually answers).
 * Loopback only: the emulator listens on 127.0.0.1 and the steps get no proxy variables.
 */
import { mkdtempSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs'
import os from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { startEmulator } from '../emulator/index.mjs'
import { ROOT, runStep } from './runner-simulator.mjs'
import { runBurst } from './bench-burst.mjs'

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '20' },
    bursts: { type: 'string', default: '3' },
    jobs: { type: 'string', default: '64' },
    rate: { type: 'string', default: '16' },
    dist: { type: 'string', default: join(ROOT, 'dist') },
    node: { type: 'string', default: process.execPath }
  }
})
/** @param {string | undefined} text @param {string} flag @param {number} max */
function count(text, flag, max) {
  const n = Number(text)
  if (!Number.isInteger(n) || n < 0 || n > max)
    throw new Error(`--${flag}: 0 to ${max}, not ${text}`)
  return n
}
const runs = count(args.runs, 'runs', 500)
const bursts = count(args.bursts, 'bursts', 20)
const jobs = count(args.jobs, 'jobs', 256)
const rate = count(args.rate, 'rate', 1000)
const dist = resolve(args.dist)
const node = resolve(args.node)

// Baselines, run by the same runner as the bundles: `0` is the program `node -e 0` runs.
const floors = mkdtempSync(join(os.tmpdir(), 'bench-floors-'))
/** @param {string} folder @param {string} code @param {boolean} esm */
function floor(folder, code, esm) {
  for (const entry of ['main', 'post']) {
    mkdirSync(join(floors, folder, entry), { recursive: true })
    writeFileSync(join(floors, folder, entry, 'index.js'), code)
    if (esm) writeFileSync(join(floors, folder, entry, 'package.json'), '{"type":"module"}\n')
  }
  return join(floors, folder)
}
const nodeE0 = floor('node-e-0', '0\n', false)
const barePost = floor(
  'bare-post',
  `import https from 'node:https'
const body = new URLSearchParams({
  grant_type: 'urn:ibm:params:oauth:grant-type:apikey',
  apikey: process.env.INPUT_APIKEY ?? ''
}).toString()
const headers = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' }
const url = new URL('/identity/token', process.env['INPUT_IAM-ENDPOINT'])
https.request(url, { method: 'POST', headers }, (res) => {
  let text = ''
  res.setEncoding('utf8').on('data', (d) => (text += d))
  res.on('end', () => (process.exitCode = res.statusCode === 200 && JSON.parse(text).access_token ? 0 : 1))
}).end(body)
`,
  true
)

/** @param {number[]} xs */
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)] ?? NaN

/**
 * Runs `step` from the bundle and from the baseline, alternating which goes first; returns the
 * medians and the median of the per-pair ratios.
 * @param {'main' | 'post'} entry @param {string} baseline @param {import('./runner-simulator.mjs').StepOptions} options
 * @param {number} expectedCode
 */
async function paired(entry, baseline, options, expectedCode) {
  /** @param {string} folder @param {number} code */
  const once = async (folder, code) => {
    const r = await runStep(entry, { ...options, dist: folder, node, debug: false })
    if (r.code !== code) throw new Error(`${folder}/${entry} exited ${r.code}: ${r.stderr}`)
    return r.ms
  }
  await once(dist, expectedCode) // warm the file cache
  await once(baseline, 0)
  const a = []
  const b = []
  const ratios = []
  for (let i = 0; i < runs; i++) {
    let x = 0
    let y = 0
    if (i % 2 === 0) {
      x = await once(dist, expectedCode)
      y = await once(baseline, 0)
    } else {
      y = await once(baseline, 0)
      x = await once(dist, expectedCode)
    }
    a.push(x)
    b.push(y)
    ratios.push(x / y)
  }
  return { action: median(a), base: median(b), ratio: median(ratios) }
}

const guard = setTimeout(() => {
  console.error('bench: still running after 15 minutes; giving up')
  process.exit(2)
}, 15 * 60_000)
guard.unref()

/** Progress goes to stderr; stdout holds only the table. @param {string} what */
const progress = (what) => process.stderr.write(`bench: ${what}\n`)

const iam = await startEmulator()
try {
  const size = (/** @type {string} */ e) => statSync(join(dist, e, 'index.js')).size
  const ms = (/** @type {number} */ x) => `${x.toFixed(0)} ms`
  const rows = [
    ['`main/index.js` size', `${size('main').toLocaleString('en')} B`, '', '', '≤ 150,000 B'],
    ['`post/index.js` size', `${size('post').toLocaleString('en')} B`, '', '', '≤ 150,000 B']
  ]
  if (runs > 0) {
    /** @param {string} what @param {{ action: number, base: number, ratio: number }} r @param {string} base @param {string} target */
    const row = (what, r, base, target) =>
      rows.push([what, ms(r.action), `${base} ${ms(r.base)}`, `${r.ratio.toFixed(2)}×`, target])
    progress(`paired runs (${runs} each)`)
    const fail = await paired('main', nodeE0, { inputs: { apikey: '' } }, 1)
    row('start-up, main step that fails at once (no API key)', fail, '`node -e 0`', '≤ 1.8×')
    const post = await paired('post', nodeE0, { inputs: {} }, 0)
    row('post step, nothing to revoke', post, '`node -e 0`', '≤ 1.8×')
    const inputs = { apikey: iam.seed.apikey, 'iam-endpoint': iam.url }
    const main = await paired('main', barePost, { inputs, caPath: iam.caPath }, 0)
    row('full main step (one token request)', main, 'bare-Node POST', '≤ 1.2×')
  }
  if (bursts > 0) {
    /** @type {Awaited<ReturnType<typeof runBurst>>[]} */
    const results = []
    for (let i = 0; i < bursts; i++) {
      progress(`burst ${i + 1}/${bursts}`)
      results.push(await runBurst(iam, { jobs, rate, dist, node }))
    }
    const each = (/** @type {(r: (typeof results)[number]) => string} */ f) =>
      results.map(f).join(', ')
    const what = `${jobs} main steps at once, ${rate} token requests/s`
    rows.push([`${what}: successes`, each((r) => `${r.ok}/${jobs}`), '', '', `${jobs}/${jobs}`])
    rows.push([`${what}: token requests a job`, each((r) => r.perJob.toFixed(2)), '', '', '≤ 2'])
    rows.push([
      `${what}: last success after the first request`,
      each((r) => `${r.lastSuccessS.toFixed(1)} s`),
      `ideal ${(jobs / rate).toFixed(1)} s`,
      each((r) => `${(r.lastSuccessS / (jobs / rate)).toFixed(2)}×`),
      '≤ 1.5×'
    ])
  }
  const cpus = os.cpus()
  console.log(
    `node ${await nodeVersion()}, ${cpus.length} × ${cpus[0]?.model.trim() ?? 'cpu'}; ` +
      `${runs} paired runs, ${bursts} bursts; load average ${os.loadavg()[0]?.toFixed(1)}; dist: ${dist}`
  )
  console.log('\n| figure | action | baseline | ratio | target |\n|---|---|---|---|---|')
  for (const r of rows) console.log(`| ${[0, 1, 2, 3, 4].map((i) => r[i] ?? '').join(' | ')} |`)
} finally {
  await iam.close()
  rmSync(floors, { recursive: true, force: true })
}

async function nodeVersion() {
  const r = await runStep('main', {
    inputs: {},
    dist: floor('version', 'console.log(process.version)\n', false),
    node
  })
  return r.stdout.trim()
}
