import { readFileSync } from 'node:fs'
import { ACTION_NAME, ACTION_VERSION, userAgent } from '../src/version.js'

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  name: string
  version: string
}

describe('version', () => {
  it('ACTION_VERSION equals the version in package.json', () => {
    expect(ACTION_VERSION).toBe(pkg.version)
  })

  it('ACTION_NAME equals the package name', () => {
    expect(ACTION_NAME).toBe(pkg.name)
  })

  it('the User-Agent names the action, its version, node and the OS', () => {
    expect(userAgent('v20.1.0', 'linux', 'x64')).toBe(
      `${pkg.name}/${pkg.version} (node v20.1.0; linux x64)`
    )
    const ua = userAgent()
    expect(ua).toContain(`${pkg.name}/${pkg.version}`)
    expect(ua).toContain(process.version)
    expect(ua).toContain(process.platform)
  })
})
