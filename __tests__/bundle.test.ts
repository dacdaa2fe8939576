// What the committed dist/ bundles ship. They must hold only code the action can run: undici
// (imported by @actions/http-client for getAgentDispatcher) and @actions/exec / @actions/io
// (imported by @actions/core for platform.getDetails) are never called and are replaced by the
// stubs in stubs/ through package.json `overrides`. A dependency update that brings them (or any
// other library) back, or a bundle that outgrows its budget, fails here. Reads dist/ as committed;
// it does not build.
//
// The budget fits readable (unminified) bundles. Measured when minifying stopped (89d073b): main
// 182,868 B, post 166,192 B, token-command 115,935 B; after the registry and SDK work merged:
// main 229,550 B, post 226,399 B, token-command 134,028 B, credential-helper 21,512 B. 250,000 B
// leaves about 20 KB for growth (a bigger feature should move this line on purpose) and still
// fails at once if a never-called library returns: undici alone made each bundle over
// 1,100,000 B (docs/PERFORMANCE.md).
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')
const BUDGET_BYTES = 250_000
/** Every package that may be bundled: what the action calls, and nothing else. */
const SHIPPED = ['@actions/core', '@actions/http-client', 'tunnel']

const entries = readdirSync(join(ROOT, 'dist'))
  .filter((name) => statSync(join(ROOT, 'dist', name, 'index.js'), { throwIfNoEntry: false }))
  .sort()

/** Package names in ncc's licenses.txt: a name line, after a blank line, then a license id. */
function licensedPackages(text: string): string[] {
  const lines = text.split('\n')
  const names = lines.filter(
    (line, i) =>
      (i === 0 || lines[i - 1] === '') &&
      /^(@[a-z0-9-]+\/)?[a-z0-9._-]+$/.test(line) &&
      /^[A-Za-z0-9.+-]+$/.test(lines[i + 1] ?? '')
  )
  return [...new Set(names)].sort()
}

describe('dist bundles', () => {
  it('has the main and post entries', () => {
    expect(entries).toEqual(expect.arrayContaining(['main', 'post']))
  })

  describe.each(entries)('dist/%s', (entry) => {
    const file = join(ROOT, 'dist', entry, 'index.js')
    const code = readFileSync(file, 'utf8')

    it(`is at most ${BUDGET_BYTES} bytes`, () => {
      expect(statSync(file).size).toBeLessThanOrEqual(BUDGET_BYTES)
    })

    it('bundles only the packages the action calls (ncc licenses each one it bundles)', () => {
      // docker-credential-ibmcloud bundles no package at all (node: built-ins and src/ only),
      // so ncc writes no licenses.txt for it.
      if (entry === 'credential-helper') {
        expect(existsSync(join(ROOT, 'dist', entry, 'licenses.txt'))).toBe(false)
        // Names from @actions/core and @actions/http-client code (readable bundles keep comments,
        // so the bare package name could be a comment); the main bundle holds both (below).
        expect(code).not.toContain('toCommandValue')
        expect(code).not.toContain('HttpClient')
        return
      }
      const licenses = readFileSync(join(ROOT, 'dist', entry, 'licenses.txt'), 'utf8')
      const named = licensedPackages(licenses).filter((name) => !name.startsWith('never-called-'))
      expect(named.length).toBeGreaterThan(0) // the list is still there to read
      expect(named.filter((name) => !SHIPPED.includes(name))).toEqual([])
    })

    it('has no trace of undici, @actions/exec or @actions/io', () => {
      // The markers the credential-helper check relies on are still there in a bundle that
      // calls @actions/core and @actions/http-client, so their absence there means something.
      if (entry === 'main') {
        expect(code).toContain('toCommandValue')
        expect(code).toContain('HttpClient')
      }
      // Strings from each library's own code, found whatever webpack does with module names.
      expect(code).not.toContain('UND_ERR_') // undici's error codes
      expect(code).not.toContain('ToolRunner') // @actions/exec
      expect(code).not.toContain('rmRF') // @actions/io
    })
  })
})

describe('the stubs that replace never-called libraries', () => {
  const stubs: Record<string, { importer: string; dir: string }> = {
    undici: { importer: '@actions/http-client', dir: 'stubs/undici' },
    '@actions/exec': { importer: '@actions/core', dir: 'stubs/actions-exec' }
  }

  it.each(Object.entries(stubs))('%s resolves to the stub from its importer', (name, stub) => {
    const nested = join(ROOT, 'node_modules', stub.importer, 'node_modules', name)
    const hoisted = join(ROOT, 'node_modules', name)
    const found = statSync(nested, { throwIfNoEntry: false }) ? nested : hoisted
    expect(relative(ROOT, realpathSync(found))).toBe(stub.dir)
  })

  it.each(Object.entries(stubs))('%s exports every name its importer uses', async (name, stub) => {
    const libDir = join(ROOT, 'node_modules', stub.importer, 'lib')
    const used = new Set<string>()
    const quoted = name.replace(/[/@]/g, '\\$&')
    for (const f of readdirSync(libDir).filter((n) => n.endsWith('.js'))) {
      const src = readFileSync(join(libDir, f), 'utf8')
      for (const m of src.matchAll(new RegExp(`import \\{([^}]*)\\} from '${quoted}'`, 'g')))
        for (const n of (m[1] ?? '').split(',')) used.add(n.trim().split(/\s+as\s+/)[0] ?? '')
      for (const m of src.matchAll(new RegExp(`import \\* as (\\w+) from '${quoted}'`, 'g')))
        for (const u of src.matchAll(new RegExp(`\\b${m[1]}\\.(\\w+)`, 'g'))) used.add(u[1] ?? '')
    }
    used.delete('')
    expect(used.size).toBeGreaterThan(0) // the importer still imports it: else drop the stub
    const mod = (await import(join(ROOT, stub.dir, 'index.js'))) as Record<string, unknown>
    expect([...used].filter((n) => typeof mod[n] !== 'function')).toEqual([])
  })
})
