import { execFile } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { parse, parseAllDocuments } from 'yaml'
import { startEmulator } from '../emulator/index.mjs'
import { runStep } from '../scripts/runner-simulator.mjs'

/** What README and docs/ promise in examples and tables, checked against action.yml. */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8')

interface ActionYml {
  description: string
  inputs: Record<string, { default?: string }>
  outputs: Record<string, unknown>
}
const action = parse(read('action.yml')) as ActionYml
const inputs = Object.keys(action.inputs)
const outputs = Object.keys(action.outputs)

const DOCS = [
  'README.md',
  'CONTRIBUTING.md',
  'emulator/README.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`)
]

function blocks(path: string, lang: RegExp): string[] {
  const found: string[] = []
  for (const m of read(path).matchAll(/^```(\w*)\n([\s\S]*?)^```/gm)) {
    if (lang.test(m[1] ?? '')) found.push(m[2] ?? '')
  }
  return found
}

/** Every step in a YAML value that uses this action (by its published name or as ./). */
function actionSteps(value: unknown): Record<string, unknown>[] {
  const steps: Record<string, unknown>[] = []
  const visit = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(visit)
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>
      if (typeof o.uses === 'string' && /(ibmcloud-iam-token-action@|^\.\/?$)/.test(o.uses)) {
        steps.push(o)
      }
      Object.values(o).forEach(visit)
    }
  }
  visit(value)
  return steps
}

/** The rows of the Markdown table under `heading` in README: [first cell, second cell]. */
function tableRows(heading: string): [string, string][] {
  const readme = read('README.md')
  const start = readme.indexOf(`\n${heading}\n`)
  const lines = readme.slice(start).split('\n').slice(2)
  const table = lines.slice(lines.findIndex((l) => l.startsWith('|')))
  const rows = table.slice(
    2,
    table.findIndex((l) => !l.startsWith('|'))
  )
  return rows.map((row) => {
    const cells = row.split('|').map((c) => c.trim())
    return [cells[1] ?? '', cells[2] ?? '']
  })
}
const unquote = (cell: string) => cell.replace(/^`(.*)`$/, '$1')

describe.each(DOCS)('%s', (path) => {
  it('has YAML blocks that parse', () => {
    for (const block of blocks(path, /^ya?ml$/)) {
      for (const doc of parseAllDocuments(block))
        expect(doc.errors.map((e) => e.message)).toEqual([])
    }
  })

  it("names only the action's inputs in with: and only its outputs in steps.<id>.outputs", () => {
    for (const block of blocks(path, /^ya?ml$/)) {
      for (const step of actionSteps(parse(block))) {
        const given = Object.keys((step.with ?? {}) as Record<string, unknown>)
        expect(given.filter((name) => !inputs.includes(name))).toEqual([])
      }
    }
    const named = [...read(path).matchAll(/steps\.iam\.outputs\.([a-z0-9-]+)/g)].map((m) => m[1])
    expect(named.filter((name) => !outputs.includes(name ?? ''))).toEqual([])
  })
})

describe("README's tables", () => {
  it('list the inputs of action.yml, in its order, with its defaults', () => {
    const rows = tableRows('### Inputs')
    expect(rows.map(([name]) => unquote(name))).toEqual(inputs)
    for (const [name, def] of rows) {
      expect([unquote(name), unquote(def)]).toEqual([
        unquote(name),
        action.inputs[unquote(name)]?.default ?? ''
      ])
    }
  })

  it('list the outputs of action.yml, in its order', () => {
    expect(tableRows('### Outputs').map(([name]) => unquote(name))).toEqual(outputs)
  })

  it("keep action.yml's description within the Marketplace's 125 characters", () => {
    expect(action.description.length).toBeLessThan(125)
  })
})

describe('docs/EXAMPLES.md, run against the emulator', () => {
  it('the IBM SDK example lists API keys with the token the action exported', async () => {
    const em = await startEmulator({ https: false })
    const dir = mkdtempSync(join(ROOT, '.tmp-docs-'))
    try {
      const main = await runStep('main', {
        inputs: { apikey: em.seed.apikey, 'iam-endpoint': em.url, 'export-env': 'false' }
      })
      expect(main.code).toBe(0)
      const [script] = blocks('docs/EXAMPLES.md', /^js$/)
      writeFileSync(join(dir, 'list-keys.mjs'), script ?? '')
      const { stdout } = await promisify(execFile)(process.execPath, [join(dir, 'list-keys.mjs')], {
        env: {
          PATH: process.env.PATH ?? '',
          IAM_IDENTITY_AUTH_TYPE: 'bearertoken',
          IAM_IDENTITY_BEARER_TOKEN: main.outputs.token ?? '',
          IAM_IDENTITY_URL: em.url,
          ACCOUNT_ID: main.outputs['account-id'] ?? ''
        }
      })
      expect(stdout).toMatch(/ci-deployer|\[/)
      expect(em.requests.some((r) => r.method === 'GET' && r.path.startsWith('/v1/apikeys'))).toBe(
        true
      )
    } finally {
      rmSync(dir, { recursive: true, force: true })
      await em.close()
    }
  })
})
