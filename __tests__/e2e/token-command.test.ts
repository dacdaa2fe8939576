import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { useEmulator } from './fixture.js'
import {
  claimsOf,
  leaks,
  runScript,
  runStep,
  secretsOf,
  shownInLog,
  unmaskedJwts,
  type StepResult
} from './leak-checks.js'
import { writeTokenFile } from '../helpers/steps.js'

// `ibmcloud-iam-token` in the later steps of a job: the main step from dist/ installs it under
// RUNNER_TEMP and adds it to PATH; a later step runs the POSIX launcher as a shell would.

const normal = useEmulator()
const shortLived = useEmulator({ tokenLifetimeSeconds: 2 })
const files = mkdtempSync(join(tmpdir(), 'token-command-e2e-'))
afterAll(() => rmSync(files, { recursive: true, force: true }))
let runnerTemp: string
beforeEach(() => {
  runnerTemp = mkdtempSync(join(tmpdir(), 'runner-temp-'))
})
afterEach(() => rmSync(runnerTemp, { recursive: true, force: true }))

type Iam = ReturnType<typeof normal>

const tokenFile = (content: string): string => writeTokenFile(files, content, 'sa-token')

function main(iam: Iam, inputs: Record<string, string>) {
  return runStep('main', {
    inputs: { 'iam-endpoint': iam.url, ...inputs },
    caPath: iam.caPath,
    runnerTemp
  })
}

/**
 * A later `run:` step of the job, through the runner simulator: `script` (default a bare
 * `ibmcloud-iam-token`, whose stdout goes to the log) with the PATH, environment and masks the
 * main step left.
 */
function command(
  iam: Iam,
  step: StepResult,
  env: Record<string, string> = {},
  script = 'ibmcloud-iam-token'
) {
  expect(step.jobPaths).toHaveLength(1)
  return runScript(script, { after: step, caPath: iam.caPath, runnerTemp, env })
}

/** What a step masked (the command's `::add-mask::` lines on stderr, read by the runner). */
function masksOf(run: StepResult): string[] {
  return run.commands.filter((c) => c.command === 'add-mask').map((c) => c.value)
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('ibmcloud-iam-token', () => {
  test('prints the cached token while it is fresh: no request, only the token on stdout', async () => {
    const iam = normal()
    const step = await main(iam, {
      'cr-token-file': tokenFile(iam.seed.crToken),
      'profile-id': iam.seed.crProfileId
    })
    expect(step.code).toBe(0)
    expect(step.paths[0]!.startsWith(runnerTemp)).toBe(true)
    expect(step.workspaceFiles).toEqual([])
    iam.reset()
    const run = await command(iam, step)
    const token = step.outputs.token!
    expect(run).toMatchObject({
      code: 0,
      stdout: `${token}\n`,
      stderr: `::add-mask::${token}\n`
    })
    expect(iam.requests).toEqual([])
    expect(run.log.slice(run.log.indexOf('##[endgroup]') + 1)).toEqual(['***'])
    expect(shownInLog(run, [token])).toEqual([])
  })

  test('a token renewed with its stderr discarded is masked again by the next call that prints it', async () => {
    const iam = normal()
    const path = tokenFile(iam.seed.crToken)
    const step = await main(iam, { 'cr-token-file': path, 'profile-id': iam.seed.crProfileId })
    expect(step.code).toBe(0)
    // Step 2 renews (its cache removed) and drops the command's stderr, masks included.
    const renewing = await command(
      iam,
      step,
      {},
      [
        'rm "$(dirname "$(command -v ibmcloud-iam-token)")/token.json"',
        'TOKEN=$(ibmcloud-iam-token 2>/dev/null)',
        'echo "renewed: ${#TOKEN} characters"'
      ].join('\n')
    )
    expect(renewing.conclusion).toBe('success')
    expect(iam.requests.map((r) => r.grantType)).toContain(
      'urn:ibm:params:oauth:grant-type:cr-token'
    )
    // Step 3 prints the renewed token from the cache, straight into the log.
    const printing = await command(iam, renewing)
    expect(printing.code).toBe(0)
    const renewed = printing.stdout.trim()
    expect(renewed).not.toBe(step.outputs.token)
    expect(renewing.masks).not.toContain(renewed) // step 2's masks never reached the runner
    expect(masksOf(printing)).toEqual([renewed])
    expect(printing.log).not.toContain(renewed)
    expect(printing.log.at(-1)).toBe('***')
    expect(shownInLog(printing, [renewed])).toEqual([])
    // And a later step echoing it is covered too: the mask holds for the rest of the job.
    const later = await command(
      iam,
      printing,
      {},
      'echo "token: $(ibmcloud-iam-token 2>/dev/null)"'
    )
    expect(later.log.at(-1)).toBe('token: ***')
  })

  test('private files: the folder 0700, the cache and config 0600, no credential in the config', async () => {
    const iam = normal()
    const path = tokenFile(iam.seed.crToken)
    const step = await main(iam, { 'cr-token-file': path, 'profile-id': iam.seed.crProfileId })
    const dir = step.paths[0]!
    expect(readdirSync(dir).sort()).toEqual([
      'config.json',
      'ibmcloud-iam-token',
      'ibmcloud-iam-token.cmd',
      'token.json'
    ])
    expect(statSync(dir).mode & 0o777).toBe(0o700)
    expect(statSync(join(dir, 'token.json')).mode & 0o777).toBe(0o600)
    expect(statSync(join(dir, 'config.json')).mode & 0o777).toBe(0o600)
    const config = readFileSync(join(dir, 'config.json'), 'utf8')
    expect(config).toContain(path)
    expect(config).not.toContain(iam.seed.crToken)
    expect(unmaskedJwts(config)).toEqual([])
    const shim = readFileSync(join(dir, 'ibmcloud-iam-token.cmd'), 'utf8')
    // The Node that ran the main step (the Node 24 pass of .ci/run sets E2E_NODE).
    expect(shim).toContain(`"${resolve(process.env.E2E_NODE || process.execPath)}"`)
    expect(shim).toContain('%*')
  })

  test('cr-token-file: renews an expired token in a later step, re-reading the rotated file', async () => {
    const iam = shortLived()
    const path = tokenFile(iam.seed.crToken)
    const step = await main(iam, { 'cr-token-file': path, 'profile-id': iam.seed.crProfileId })
    expect(step.code).toBe(0)
    await sleep(2500) // the main step's token has expired
    expect(Number(step.outputs.expiration) * 1000).toBeLessThan(Date.now())
    const rotated = iam.issueCrToken() // the platform rotates the projected token
    writeFileSync(path, `${rotated}\n`)
    iam.reset()
    const run = await command(iam, step)
    expect(run.code).toBe(0)
    const token = run.stdout.trim()
    expect(run.stdout).toBe(`${token}\n`)
    expect(token).not.toBe(step.outputs.token)
    expect(claimsOf(token).iam_id).toBe(`iam-${iam.seed.crProfileId}`)
    expect((claimsOf(token).exp as number) * 1000).toBeGreaterThan(Date.now())
    expect(iam.requests.map((r) => `${r.grantType} ${r.status}`)).toEqual([
      'urn:ibm:params:oauth:grant-type:cr-token 200'
    ])
    // The new token and the token read from the file were masked before anything was printed.
    expect(masksOf(run)).toEqual(expect.arrayContaining([rotated, token]))
    expect(unmaskedJwts(run.stderr)).toEqual([])
    expect(shownInLog(run, [rotated, token])).toEqual([])
    expect(run.stderr).toMatch(/IAM issued a token valid for only \d s/)
  })

  test('vpc-metadata: renews through the metadata service', async () => {
    const iam = shortLived()
    const step = await main(iam, {
      'vpc-metadata': 'true',
      'vpc-metadata-endpoint': iam.metadataUrl
    })
    expect(step.code).toBe(0)
    await sleep(2500)
    iam.reset()
    const run = await command(iam, step)
    expect(run.code).toBe(0)
    const token = run.stdout.trim()
    expect(token).not.toBe(step.outputs.token)
    expect(claimsOf(token).iam_id).toBe(`iam-${iam.seed.vsiProfileId}`)
    expect(iam.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'PUT /instance_identity/v1/token',
      'POST /instance_identity/v1/iam_token'
    ])
    expect(masksOf(run)).toContain(token)
    expect(masksOf(run)).toHaveLength(2) // and the instance identity token
  })

  test('an ephemeral key: renews from the key in the environment, never from disk', async () => {
    const iam = shortLived()
    const step = await main(iam, { apikey: iam.seed.apikey, 'ephemeral-key': 'true' })
    expect(step.code).toBe(0)
    expect(leaks(step, secretsOf(iam.seed.apikey, step))).toEqual([])
    const key = step.exportedEnv.IBMCLOUD_API_KEY!
    const config = readFileSync(join(step.paths[0]!, 'config.json'), 'utf8')
    expect(config).toContain('"envName": "IBMCLOUD_API_KEY"')
    expect(config).not.toContain(key)
    expect(config).not.toContain(iam.seed.apikey)
    await sleep(2500)
    iam.reset()
    const run = await command(iam, step)
    expect(run.code).toBe(0)
    expect(iam.requests.map((r) => r.apikeyId)).toEqual([step.outputs['ephemeral-apikey-id']])
    expect(masksOf(run)).toEqual(expect.arrayContaining([key, run.stdout.trim()]))
  })

  test('fails with a message on stderr, nothing on stdout, when it cannot renew', async () => {
    const iam = shortLived()
    const path = tokenFile(iam.seed.crToken)
    const step = await main(iam, { 'cr-token-file': path, 'profile-id': iam.seed.crProfileId })
    await sleep(2500)
    rmSync(path)
    const run = await command(iam, step)
    expect(run.code).toBe(1)
    expect(run.stdout).toBe('')
    expect(run.stderr).toMatch(
      /^ibmcloud-iam-token: Cannot read the compute-resource token in .* \(ENOENT\)/m
    )
  })

  test('the ephemeral key missing from the environment is said plainly', async () => {
    const iam = shortLived()
    const step = await main(iam, { apikey: iam.seed.apikey, 'ephemeral-key': 'true' })
    await sleep(2500)
    const run = await command(iam, step, { IBMCLOUD_API_KEY: '' })
    expect(run.code).toBe(1)
    expect(run.stdout).toBe('')
    expect(run.stderr).toMatch(/\$IBMCLOUD_API_KEY is empty in this step/)
  })

  test('not installed with token-command: false, nor for a long-lived API key', async () => {
    const iam = normal()
    const off = await main(iam, {
      'cr-token-file': tokenFile(iam.seed.crToken),
      'profile-id': iam.seed.crProfileId,
      'token-command': 'false'
    })
    const apikey = await main(iam, { apikey: iam.seed.apikey })
    for (const step of [off, apikey]) {
      expect(step.code).toBe(0)
      expect(step.paths).toEqual([])
    }
    expect(readdirSync(runnerTemp)).toEqual([])
  })
})
