// Real parts for the registry tests: a tiny OCI image layout built here, the CNCF distribution
// registry (Debian `docker-registry`) configured for token auth against the emulator's realm,
// and skopeo (Debian) to push with. Loopback only: the registry listens on 127.0.0.1.
import { describe, it } from '@jest/globals'
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdirSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'

/** The real tools the registry tests need, and whether this machine has them. */
export function missingTools(): string[] {
  return ['docker-registry', 'skopeo'].filter(
    (tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0
  )
}

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex')

/** One regular file in a ustar archive (512-byte header, data padded, two zero blocks). */
function tarOneFile(name: string, content: Buffer): Buffer {
  const header = Buffer.alloc(512)
  header.write(name, 0, 100, 'utf8')
  header.write('0000644\0', 100)
  header.write('0000000\0', 108)
  header.write('0000000\0', 116)
  header.write(`${content.length.toString(8).padStart(11, '0')}\0`, 124)
  header.write('00000000000\0', 136)
  header.write('        ', 148)
  header.write('0', 156)
  header.write('ustar\0', 257)
  header.write('00', 263)
  let sum = 0
  for (const byte of header) sum += byte
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148)
  const padded = Buffer.alloc(Math.ceil(content.length / 512) * 512)
  content.copy(padded)
  return Buffer.concat([header, padded, Buffer.alloc(1024)])
}

/** Writes an OCI image layout with one tagged image of one tiny layer; returns `oci:<dir>:<tag>`. */
export function buildOciImage(dir: string, tag: string, text: string): string {
  mkdirSync(join(dir, 'blobs', 'sha256'), { recursive: true })
  const blob = (data: Buffer) => {
    const digest = sha256(data)
    writeFileSync(join(dir, 'blobs', 'sha256', digest), data)
    return { digest: `sha256:${digest}`, size: data.length }
  }
  const tar = tarOneFile('hello.txt', Buffer.from(text))
  const layer = blob(gzipSync(tar))
  const config = blob(
    Buffer.from(
      JSON.stringify({
        architecture: 'amd64',
        os: 'linux',
        rootfs: { type: 'layers', diff_ids: [`sha256:${sha256(tar)}`] },
        config: {}
      })
    )
  )
  const manifest = blob(
    Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...config },
        layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', ...layer }]
      })
    )
  )
  writeFileSync(join(dir, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }))
  writeFileSync(
    join(dir, 'index.json'),
    JSON.stringify({
      schemaVersion: 2,
      manifests: [
        {
          mediaType: 'application/vnd.oci.image.manifest.v1+json',
          ...manifest,
          annotations: { 'org.opencontainers.image.ref.name': tag }
        }
      ]
    })
  )
  return `oci:${dir}:${tag}`
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

export interface RunningRegistry {
  /** `127.0.0.1:<port>`, as the `registries` input and skopeo name it. */
  host: string
  log: () => string
  stop: () => Promise<void>
}

/**
 * Starts `docker-registry serve` with token auth: realm = the emulator's /oauth/token,
 * rootcertbundle = the emulator's registry root, plain HTTP on 127.0.0.1.
 */
export async function startRegistry(
  dir: string,
  auth: { realm: string; service: string; issuer: string; rootCertPem: string }
): Promise<RunningRegistry> {
  mkdirSync(dir, { recursive: true })
  const port = await freePort()
  const rootcert = join(dir, 'token-root.pem')
  writeFileSync(rootcert, auth.rootCertPem)
  const config = join(dir, 'config.yml')
  writeFileSync(
    config,
    [
      'version: 0.1',
      'log:',
      '  level: info',
      'storage:',
      '  filesystem:',
      `    rootdirectory: ${JSON.stringify(join(dir, 'data'))}`,
      'http:',
      `  addr: 127.0.0.1:${port}`,
      'auth:',
      '  token:',
      `    realm: ${JSON.stringify(auth.realm)}`,
      `    service: ${JSON.stringify(auth.service)}`,
      `    issuer: ${JSON.stringify(auth.issuer)}`,
      `    rootcertbundle: ${JSON.stringify(rootcert)}`,
      ''
    ].join('\n')
  )
  let output = ''
  const child: ChildProcess = spawn('docker-registry', ['serve', config], {
    stdio: ['ignore', 'pipe', 'pipe']
  })
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()))
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()))
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const host = `127.0.0.1:${port}`
  // Ready when /v2/ answers (401 with the token challenge).
  for (let i = 0; i < 100; i++) {
    const ok = await fetch(`http://${host}/v2/`).then(
      (r) => r.status === 401,
      () => false
    )
    if (ok) break
    if (child.exitCode !== null) throw new Error(`docker-registry exited:\n${output}`)
    await new Promise((r) => setTimeout(r, 100))
  }
  return {
    host,
    log: () => output,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM')
      await exited
    }
  }
}

/** Runs a command asynchronously (the emulator is in this process: never spawnSync it). */
export function run(
  command: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; input?: string } = {}
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: options.env ?? process.env })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    child.once('error', reject)
    child.once('close', (code) => resolve({ code: code ?? -1, stdout, stderr }))
    child.stdin.end(options.input ?? '')
  })
}

/**
 * Tests that need docker-registry and skopeo: run when both are installed; when one is missing
 * they FAIL with the tool's name and how to install it (`.ci/run` installs them), unless
 * REGISTRY_TESTS=skip opts out on purpose, which jest then reports as skipped tests and this
 * file prints once why. Never a silent pass.
 */
export function registryTestGate(): { describe: (name: string, body: () => void) => void } {
  const missing = missingTools()
  if (missing.length === 0) return { describe }
  const why =
    `${missing.join(' and ')} not installed: the registry tests need the real CNCF distribution ` +
    `registry and skopeo (apt-get install -y docker-registry skopeo; .ci/run does it).`
  if (process.env.REGISTRY_TESTS === 'skip') {
    console.warn(`SKIPPED (REGISTRY_TESTS=skip): ${why}`)
    return { describe: (name, body) => describe.skip(name, body) }
  }
  const failing = (name: string) =>
    describe(name, () => {
      it('has the tools it needs', () => {
        throw new Error(`${why} Set REGISTRY_TESTS=skip to skip these tests on purpose.`)
      })
    })
  return { describe: failing }
}
