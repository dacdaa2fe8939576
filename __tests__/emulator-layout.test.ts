// The emulator's shape (issue 18): folders that say what they hold, every module named in its
// README, the grant URNs in one module, CONTRACT.md self-contained, one way to reach it over HTTP.
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const EMULATOR = join(ROOT, 'emulator')
const read = (path: string) => readFileSync(path, 'utf8')

function files(dir: string, ext: RegExp): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : files(path, ext)
    return ext.test(entry.name) ? [path] : []
  })
}
const modules = files(EMULATOR, /\.mjs$/).map((f) => relative(EMULATOR, f))

describe('emulator layout', () => {
  it('names every module in the layout table of emulator/README.md', () => {
    const readme = read(join(EMULATOR, 'README.md'))
    const layout = readme.slice(readme.indexOf('## Layout'), readme.indexOf('## Start it'))
    const unnamed = modules.filter((rel) => !layout.includes(rel.split('/').pop() ?? rel))
    expect(unnamed).toEqual([])
  })

  it('keeps the grant URNs in token/grants.mjs only', () => {
    const holders = modules.filter((rel) => read(join(EMULATOR, rel)).includes('grant-type:'))
    expect(holders).toEqual(['token/grants.mjs'])
  })

  it('has a CONTRACT.md that links nothing outside the repository but public URLs', () => {
    const contract = read(join(EMULATOR, 'CONTRACT.md'))
    const targets = [...contract.matchAll(/\]\(([^)]+)\)|<([^>\s]+)>/g)].map((m) => m[1] ?? m[2])
    const outside = targets.filter(
      (t) =>
        t !== undefined &&
        !/^https:\/\//.test(t) &&
        !/^#/.test(t) &&
        !resolve(EMULATOR, t).startsWith(ROOT + '/')
    )
    expect(outside).toEqual([])
    expect(contract).not.toMatch(/\.\.\/shared|\/work\//)
  })

  it('is reached over HTTP through emulator/client.mjs only (tests and scripts)', () => {
    const sources = [
      ...files(join(ROOT, '__tests__'), /\.(ts|mjs)$/),
      ...files(join(ROOT, 'scripts'), /\.mjs$/)
    ].filter((f) => read(f).includes('emulator/'))
    // Talking to the emulator means using its URL; whoever does so must not hand-roll requests.
    const ownClients = sources.filter((f) => {
      const text = read(f)
      const usesEmulator = /\.(url|metadataUrl)\b/.test(text)
      const rollsOwn = /\bhttps?\.request\(|\bfetch\(/.test(text)
      return usesEmulator && rollsOwn
    })
    // The one exception: the bench's baseline is a bare-Node POST program it times against the
    // action, written out as a string; it must stay bare.
    const allowed = ['scripts/bench.mjs']
    expect(ownClients.map((f) => relative(ROOT, f)).filter((f) => !allowed.includes(f))).toEqual([])
  })
})
