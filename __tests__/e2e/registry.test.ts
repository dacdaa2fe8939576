// `registries` end to end, judged by real parts: dist/ runs as a runner runs it (main step,
// later steps, post step), the CNCF distribution registry (Debian docker-registry) checks
// the emulator's registry tokens, and skopeo (Debian) pushes a tiny OCI image with nothing
// but the Docker config the action wrote and the PATH it added to. Without docker-registry
// or skopeo the real-parts tests FAIL naming what is missing (REGISTRY_TESTS=skip opts out,
// reported as skipped): see registryTestGate.
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { startEmulator, type Emulator } from '../../emulator/index.mjs'
import { REGISTRY_TOKEN_ISSUER } from '../../emulator/registry/token-service.mjs'
import {
  buildOciImage,
  registryTestGate,
  run,
  startRegistry,
  type RunningRegistry
} from '../helpers/registry-parts.js'
import { claimsOf, leaks, runStep, secretsOf, type StepResult } from './leak-checks.js'

const gate = registryTestGate()
const HELPER = 'docker-credential-ibmcloud'
const NOT_FOUND = 'credentials not found in native keychain'
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
/** A docker-written config: tabs, no trailing newline, keys of its own. */
const EXISTING = JSON.stringify(
  {
    auths: { 'ghcr.io': { auth: Buffer.from('octo:ghp_notreal').toString('base64') } },
    credHelpers: { 'gcr.io': 'gcloud' },
    psFormat: 'table {{.ID}}'
  },
  null,
  '\t'
)

let files: string
beforeAll(() => {
  files = mkdtempSync(join(tmpdir(), 'registry-e2e-'))
})
afterAll(() => rmSync(files, { recursive: true, force: true }))
let n = 0
const fresh = (name: string) => {
  const dir = join(files, `${name}-${++n}`)
  mkdirSync(dir, { recursive: true })
  return dir
}

function main(
  em: Emulator,
  inputs: Record<string, string>,
  env: Record<string, string>,
  runnerTemp: string
) {
  return runStep('main', {
    inputs: { 'iam-endpoint': em.url, ...inputs },
    caPath: em.caPath,
    runnerTemp,
    env
  })
}

/** A later step's environment: the job's env, PATH with the folder the main step added. */
function laterEnv(em: Emulator, step: StepResult, env: Record<string, string>): NodeJS.ProcessEnv {
  return {
    PATH: `${step.paths.join(':')}:${process.env.PATH}`,
    GITHUB_ACTIONS: 'true',
    NODE_EXTRA_CA_CERTS: em.caPath!,
    ...step.exportedEnv,
    ...env
  }
}

function helper(env: NodeJS.ProcessEnv, action: string, input = '') {
  return run(HELPER, [action], { env, input })
}

const realmCalls = (em: Emulator) =>
  em.requests.filter((r) => r.path === '/oauth/token') as unknown as Array<
    Record<string, unknown> & { status: number }
  >
const tokenPosts = (em: Emulator) => em.requests.filter((r) => r.path === '/identity/token')

describe('registries: input checks before any request', () => {
  let em: Emulator
  beforeAll(async () => {
    em = await startEmulator()
  })
  afterAll(async () => em?.close())

  it.each([
    ['a URL', 'https://us.icr.io', /"https:\/\/us\.icr\.io" is not a Container Registry host/],
    ['another host', 'docker.io', /"docker\.io" is not/],
    ['a path', 'us.icr.io/ns', /"us\.icr\.io\/ns" is not/],
    ['a wildcard', '*.icr.io', /"\*\.icr\.io" is not/],
    ['an empty entry', 'us.icr.io,,de.icr.io', /registries has an empty entry/],
    ['a non-loopback host:port', '10.0.0.1:5000', /"10\.0\.0\.1:5000" is not/]
  ])('refuses %s, listing what is accepted', async (_what, registries, says) => {
    const docker = fresh('docker')
    const step = await main(
      em,
      { apikey: em.seed.apikey, registries },
      { DOCKER_CONFIG: docker },
      fresh('temp')
    )
    expect(step.code).toBe(1)
    const error = step.commands.find((c) => c.command === 'error')?.value ?? ''
    expect(error).toMatch(says)
    expect(error).toMatch(
      /Accepted: icr\.io, us\.icr\.io, .*private\. \+ any of them.*127\.0\.0\.1:5000/
    )
    expect(tokenPosts(em)).toHaveLength(0)
    expect(existsSync(join(docker, 'config.json'))).toBe(false)
    em.reset()
  })

  it('a Docker config that is not JSON: fails before any request and is not overwritten', async () => {
    const docker = fresh('docker')
    writeFileSync(join(docker, 'config.json'), '{"auths": {')
    const step = await main(
      em,
      { apikey: em.seed.apikey, registries: 'us.icr.io' },
      { DOCKER_CONFIG: docker },
      fresh('temp')
    )
    expect(step.code).toBe(1)
    expect(step.commands.find((c) => c.command === 'error')?.value).toMatch(
      /is not a JSON object, so it was left as it is/
    )
    expect(readFileSync(join(docker, 'config.json'), 'utf8')).toBe('{"auths": {')
    expect(tokenPosts(em)).toHaveLength(0)
    em.reset()
  })

  it('a DOCKER_CONFIG that is a file, not a folder: fails before any request', async () => {
    const file = join(fresh('docker'), 'not-a-dir')
    writeFileSync(file, 'x')
    const step = await main(
      em,
      { apikey: em.seed.apikey, registries: 'us.icr.io' },
      { DOCKER_CONFIG: file },
      fresh('temp')
    )
    expect(step.code).toBe(1)
    expect(step.commands.find((c) => c.command === 'error')?.value).toMatch(/is not a directory/)
    expect(tokenPosts(em)).toHaveLength(0)
    em.reset()
  })
})

describe('registries: the helper and the Docker config (no registry needed)', () => {
  let em: Emulator
  beforeAll(async () => {
    em = await startEmulator({ tokenLifetimeSeconds: 65 })
  })
  afterAll(async () => em?.close())

  it('plain API key: serves the main step token, answers the protocol, then fails saying how to go past the hour', async () => {
    const docker = fresh('docker')
    const temp = fresh('temp')
    const hosts = 'us.icr.io, private.de.icr.io\n127.0.0.1:5000'
    const step = await main(
      em,
      { apikey: em.seed.apikey, registries: hosts },
      { DOCKER_CONFIG: docker },
      temp
    )
    expect(step.code).toBe(0)
    expect(step.outputs.registries).toBe('us.icr.io private.de.icr.io 127.0.0.1:5000')
    expect(step.outputs['docker-config']).toBe(join(docker, 'config.json'))
    const config = readFileSync(join(docker, 'config.json'), 'utf8')
    expect(JSON.parse(config)).toEqual({
      credHelpers: {
        'us.icr.io': 'ibmcloud',
        'private.de.icr.io': 'ibmcloud',
        '127.0.0.1:5000': 'ibmcloud'
      }
    })
    expect(statSync(join(docker, 'config.json')).mode & 0o777).toBe(0o600)
    const token = step.outputs.token!
    expect(config).not.toContain(token)
    expect(leaks(step, secretsOf(em.seed.apikey, step))).toEqual([])
    // ibmcloud-iam-token is not installed (nothing to renew from), the helper is.
    expect(step.paths).toHaveLength(1)
    expect(existsSync(join(step.paths[0]!, HELPER))).toBe(true)
    expect(existsSync(join(step.paths[0]!, `${HELPER}.cmd`))).toBe(true)
    expect(existsSync(join(step.paths[0]!, 'ibmcloud-iam-token'))).toBe(false)

    const env = laterEnv(em, step, { DOCKER_CONFIG: docker })
    for (const server of [
      'us.icr.io',
      'https://us.icr.io',
      'https://us.icr.io/v2/',
      '127.0.0.1:5000\n'
    ]) {
      const got = await helper(env, 'get', server)
      expect(got.code).toBe(0)
      expect(JSON.parse(got.stdout)).toEqual({
        ServerURL: server.trim(),
        Username: 'iambearer',
        Secret: token
      })
    }
    for (const server of ['de.icr.io', 'docker.io', 'localhost:5000', '']) {
      const got = await helper(env, 'get', server)
      expect(got).toMatchObject({ code: 1, stdout: `${NOT_FOUND}\n` })
    }
    expect(JSON.parse((await helper(env, 'list')).stdout)).toEqual({
      'us.icr.io': 'iambearer',
      'private.de.icr.io': 'iambearer',
      '127.0.0.1:5000': 'iambearer'
    })
    const stored = await helper(
      env,
      'store',
      JSON.stringify({ ServerURL: 'us.icr.io', Username: 'iambearer', Secret: 'x-secret-x' })
    )
    expect(stored.code).toBe(0)
    expect(await helper(env, 'erase', 'us.icr.io')).toMatchObject({ code: 0 })
    expect(readFileSync(join(docker, 'config.json'), 'utf8')).toBe(config)
    expect(tokenPosts(em)).toHaveLength(1) // only the main step's: nothing renewed

    // 65 s tokens: under a minute left, a token that cannot be renewed is no longer served.
    await sleep(Math.max(0, (claimsOf(token).exp as number) * 1000 - 59_000 - Date.now()))
    const late = await helper(env, 'get', 'us.icr.io')
    expect(late.code).toBe(1)
    expect(late.stdout).toMatch(/expired at .* and cannot be renewed/)
    expect(late.stdout).toMatch(
      /ephemeral-key: true .* or a keyless source \(cr-token-file, vpc-metadata\)/
    )
    expect(late.stdout).not.toContain(token)
  }, 30_000)

  it('export-env: false writes a private config under RUNNER_TEMP and leaves ~/.docker alone', async () => {
    const home = fresh('home')
    const temp = fresh('temp')
    const step = await main(
      em,
      { apikey: em.seed.apikey, registries: 'uk.icr.io', 'export-env': 'false' },
      { HOME: home },
      temp
    )
    expect(step.code).toBe(0)
    expect(existsSync(join(home, '.docker'))).toBe(false)
    const file = step.outputs['docker-config']!
    expect(file.startsWith(temp)).toBe(true)
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
      credHelpers: { 'uk.icr.io': 'ibmcloud' }
    })
    expect(step.outputs.registries).toBe('uk.icr.io')
    expect(step.exportedEnv).toEqual({})
    expect(step.state['docker-config-record']).toBeUndefined()
  })

  it('the post step restores a pre-existing config byte for byte, replaced entry included', async () => {
    const home = fresh('home')
    mkdirSync(join(home, '.docker'))
    const file = join(home, '.docker', 'config.json')
    const before = EXISTING.replace(
      '"gcr.io": "gcloud"',
      '"gcr.io": "gcloud",\n\t\t"us.icr.io": "desktop"'
    )
    writeFileSync(file, before, { mode: 0o644 })
    const step = await main(
      em,
      { apikey: em.seed.apikey, registries: 'us.icr.io' },
      { HOME: home },
      fresh('temp')
    )
    expect(step.code).toBe(0)
    expect(step.lines.join('\n')).toMatch(
      /replaced credHelpers entry for us\.icr\.io \("desktop"\)/
    )
    const during = JSON.parse(readFileSync(file, 'utf8'))
    expect(during).toEqual({
      ...JSON.parse(before),
      credHelpers: { 'gcr.io': 'gcloud', 'us.icr.io': 'ibmcloud' }
    })
    expect(statSync(file).mode & 0o777).toBe(0o644)
    const post = await runStep('post', {
      inputs: { 'iam-endpoint': em.url },
      after: step,
      env: { HOME: home }
    })
    expect(post.code).toBe(0)
    expect(readFileSync(file, 'utf8')).toBe(before)
  })

  it('the post step removes a config it created, and never fails on a record it did not write', async () => {
    const docker = fresh('docker')
    const step = await main(
      em,
      { apikey: em.seed.apikey, registries: 'jp.icr.io' },
      { DOCKER_CONFIG: docker },
      fresh('temp')
    )
    expect(existsSync(join(docker, 'config.json'))).toBe(true)
    const post = await runStep('post', {
      inputs: { 'iam-endpoint': em.url },
      after: step,
      env: { DOCKER_CONFIG: docker }
    })
    expect(post.code).toBe(0)
    expect(existsSync(join(docker, 'config.json'))).toBe(false)
    const forged = {
      ...step,
      state: {
        ...step.state,
        'docker-config-record': JSON.stringify({
          file: '/etc/passwd',
          created: true,
          hadCredHelpers: false,
          added: [],
          replaced: {}
        })
      }
    }
    const hostile = await runStep('post', { inputs: { 'iam-endpoint': em.url }, after: forged })
    expect(hostile.code).toBe(0)
    expect(hostile.commands.find((c) => c.command === 'warning')?.value).toMatch(
      /not one the main step wrote/
    )
  })
})

gate.describe('registries + docker-registry + skopeo (real parts)', () => {
  let em: Emulator
  let registry: RunningRegistry
  beforeAll(async () => {
    // 305 s tokens: valid 5 minutes when issued, under 5 minutes a few seconds later.
    em = await startEmulator({ registry: true, tokenLifetimeSeconds: 305 })
    registry = await startRegistry(fresh('registry'), {
      realm: `${em.url}/oauth/token`,
      service: 'registry',
      issuer: REGISTRY_TOKEN_ISSUER,
      rootCertPem: em.registryRootCertPem!
    })
  }, 30_000)
  afterAll(async () => {
    await registry?.stop()
    await em?.close()
  })

  /** skopeo with nothing but the job's Docker config (DOCKER_CONFIG) and PATH: no --creds, no --authfile. */
  async function push(env: NodeJS.ProcessEnv, repo: string) {
    const image = buildOciImage(fresh('image'), 'v1', `hello ${repo} ${Date.now()}`)
    return run(
      'skopeo',
      ['copy', '--dest-tls-verify=false', image, `docker://${registry.host}/${repo}:v1`],
      { env }
    )
  }

  async function pushTwice(inputs: Record<string, string>, repo: string) {
    const docker = fresh('docker')
    writeFileSync(join(docker, 'config.json'), EXISTING)
    const step = await main(
      em,
      { registries: registry.host, ...inputs },
      { DOCKER_CONFIG: docker },
      fresh('temp')
    )
    expect(step.code).toBe(0)
    const first = claimsOf(step.outputs.token!)
    const env = laterEnv(em, step, { DOCKER_CONFIG: docker, HOME: fresh('home') })
    em.requests.length = 0
    const one = await push(env, `${repo}/one`)
    expect(one).toMatchObject({ code: 0 })
    // The registry's realm saw the main step's IAM token, as iambearer; IAM was not asked again.
    expect(
      realmCalls(em)
        .filter((c) => c.status === 200)
        .map((c) => c.iamTokenJti)
    ).toContain(first.jti)
    expect(tokenPosts(em)).toHaveLength(0)
    // Wait until the first token has under 5 minutes left.
    await sleep(Math.max(0, (first.exp as number) * 1000 - 300_000 + 1000 - Date.now()))
    em.requests.length = 0
    const two = await push(env, `${repo}/two`)
    expect(two).toMatchObject({ code: 0 })
    const used = realmCalls(em)
      .filter((c) => c.status === 200)
      .map((c) => c.iamTokenJti)
    expect(used.length).toBeGreaterThan(0)
    expect(used).not.toContain(first.jti)
    expect(tokenPosts(em).length).toBeGreaterThanOrEqual(1) // renewed through ibmcloud-iam-token
    const config = readFileSync(join(docker, 'config.json'), 'utf8')
    expect(config).not.toContain(step.outputs.token!)
    const post = await runStep('post', {
      inputs: { 'iam-endpoint': em.url, ...inputs },
      after: step,
      env: { DOCKER_CONFIG: docker }
    })
    expect(post.code).toBe(0)
    expect(readFileSync(join(docker, 'config.json'), 'utf8')).toBe(EXISTING)
    expect(leaks(step, secretsOf(inputs.apikey ?? '', step))).toEqual([])
  }

  it('ephemeral key: skopeo pushes with the main token, then again with a renewed one', async () => {
    await pushTwice({ apikey: em.seed.apikey, 'ephemeral-key': 'true' }, 'ephemeral')
  }, 60_000)

  it('keyless (cr-token-file): skopeo pushes with the main token, then again with a renewed one', async () => {
    const tokenFile = join(fresh('sa'), 'token')
    writeFileSync(tokenFile, em.seed.crToken)
    await pushTwice({ 'cr-token-file': tokenFile, 'profile-id': em.seed.crProfileId }, 'keyless')
  }, 60_000)

  it('export-env: false: skopeo finds the helper through REGISTRY_AUTH_FILE=<docker-config output>', async () => {
    const home = fresh('home')
    const step = await main(
      em,
      { apikey: em.seed.apikey, registries: registry.host, 'export-env': 'false' },
      { HOME: home },
      fresh('temp')
    )
    expect(step.code).toBe(0)
    const env = laterEnv(em, step, {
      HOME: home,
      REGISTRY_AUTH_FILE: step.outputs['docker-config']!
    })
    expect(await push(env, 'private/app')).toMatchObject({ code: 0 })
    expect(existsSync(join(home, '.docker'))).toBe(false)
    // Without it, skopeo finds no credentials (nothing in ~/.docker): the registry refuses.
    const { REGISTRY_AUTH_FILE: _unused, ...without } = env
    expect((await push(without, 'private/app2')).code).not.toBe(0)
  }, 60_000)

  it('a host the config does not name gets no credentials: the registry refuses skopeo', async () => {
    const docker = fresh('docker')
    const step = await main(
      em,
      { apikey: em.seed.apikey, registries: 'us.icr.io' },
      { DOCKER_CONFIG: docker },
      fresh('temp')
    )
    expect(step.code).toBe(0)
    const pushed = await push(
      laterEnv(em, step, { DOCKER_CONFIG: docker, HOME: fresh('home') }),
      'anon/app'
    )
    expect(pushed.code).not.toBe(0)
    expect(realmCalls(em).some((c) => c.status === 401)).toBe(true)
  }, 60_000)
})
