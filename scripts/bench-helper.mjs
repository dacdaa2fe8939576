// @ts-check
/**
 * `docker-credential-ibmcloud get` on a cache hit (what docker, skopeo and podman run on every
 * pull and push) against `node -e 0`, paired and interleaved in the same run: the helper's own
 * bundle (dist/credential-helper) with a config and a token cache as the main step writes them.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import { join } from 'node:path'

/** @param {string} node @param {string[]} args @param {string} input */
function timed(node, args, input) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint()
    const child = spawn(node, args, { env: { PATH: process.env.PATH ?? '' } })
    let stdout = ''
    child.stdout.on('data', (/** @type {Buffer} */ d) => (stdout += d.toString()))
    child.once('error', reject)
    child.once('close', (code) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6
      resolve({ code, stdout, ms })
    })
    child.stdin.end(input)
  })
}

/** @param {number[]} xs */
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)] ?? NaN

/**
 * @param {{ dist: string, node: string, runs: number }} options
 * @returns {Promise<{ action: number, base: number, ratio: number, esm: { action: number, base: number, ratio: number } }>}
 */
export async function benchHelper({ dist, node, runs }) {
  const dir = mkdtempSync(join(os.tmpdir(), 'bench-helper-'))
  try {
    const cache = join(dir, 'token.json')
    const token = `eyJhbGciOiJSUzI1NiJ9.${Buffer.from('{"bench":true}').toString('base64url')}.sig`
    writeFileSync(
      cache,
      JSON.stringify({ accessToken: token, expiration: Math.floor(Date.now() / 1000) + 3600 }),
      { mode: 0o600 }
    )
    const config = join(dir, 'docker-credential-ibmcloud.json')
    writeFileSync(config, JSON.stringify({ version: 1, hosts: ['us.icr.io'], cache, why: 'bench' }))
    const helper = [join(dist, 'credential-helper', 'index.js'), config, 'get']
    // The part of the gap that is Node's ESM loader (ncc's bundles are ES modules): an empty one.
    const emptyEsm = join(dir, 'empty.mjs')
    writeFileSync(emptyEsm, '0\n')
    let floor = ['-e', '0']
    const once = async (/** @type {boolean} */ isHelper) => {
      const r = /** @type {{ code: number, stdout: string, ms: number }} */ (
        await timed(node, isHelper ? helper : floor, 'us.icr.io\n')
      )
      if (isHelper && (r.code !== 0 || !r.stdout.includes(token))) {
        throw new Error(`the helper did not answer from its cache: exit ${r.code}, ${r.stdout}`)
      }
      return r.ms
    }
    const pairs = async () => {
      await once(true)
      await once(false)
      const a = []
      const b = []
      const ratios = []
      for (let i = 0; i < runs; i++) {
        const first = i % 2 === 0
        const x = first ? await once(true) : 0
        const y = await once(false)
        const x2 = first ? x : await once(true)
        a.push(x2)
        b.push(y)
        ratios.push(x2 / y)
      }
      return { action: median(a), base: median(b), ratio: median(ratios) }
    }
    const vsNode = await pairs()
    floor = [emptyEsm]
    return { ...vsNode, esm: await pairs() }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
