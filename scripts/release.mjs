// @ts-check
/**
 * Cuts a release: `npm run release -- 1.2.0`. Checks that the tree is clean and dist/ is what
 * src/ builds to, sets the version in package.json, moves the CHANGELOG's Unreleased section
 * under the new version, commits, tags v1.2.0 and moves the major tag v1 to it. It pushes
 * nothing: it prints the push command to run once you have looked at the result.
 */
import { execFileSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'

const version = process.argv[2] ?? ''
if (!/^\d+\.\d+\.\d+$/.test(version)) {
  console.error('Usage: npm run release -- <major.minor.patch>   (e.g. 1.2.0)')
  process.exit(2)
}
/** @param {string[]} args */
const git = (...args) => execFileSync('git', args, { encoding: 'utf8' }).trim()
/** @param {string} message */
const fail = (message) => {
  console.error(message)
  process.exit(1)
}

if (git('status', '--porcelain')) fail('The working tree is not clean: commit or stash first.')
if (git('tag', '--list', `v${version}`)) fail(`Tag v${version} exists already.`)
execFileSync('npm', ['run', '-s', 'build'], { stdio: 'inherit' })
if (git('status', '--porcelain', '--', 'dist')) {
  fail("dist/ is not what 'npm run build' makes from src/: commit the rebuilt dist/ first.")
}

const pkg = JSON.parse(readFileSync('package.json', 'utf8'))
pkg.version = version
writeFileSync('package.json', `${JSON.stringify(pkg, null, 2)}\n`)
const changelog = readFileSync('CHANGELOG.md', 'utf8')
if (!changelog.includes('## [Unreleased]')) fail('CHANGELOG.md has no "## [Unreleased]" section.')
const date = new Date().toISOString().slice(0, 10)
writeFileSync(
  'CHANGELOG.md',
  changelog.replace('## [Unreleased]', `## [Unreleased]\n\n## [${version}] - ${date}`)
)
// The version is in the User-Agent, so dist/ changes with it.
execFileSync('npm', ['install', '--package-lock-only', '--no-audit', '--no-fund'], {
  stdio: 'inherit'
})
execFileSync('npm', ['run', '-s', 'build'], { stdio: 'inherit' })
git('add', 'package.json', 'package-lock.json', 'CHANGELOG.md', 'dist')
git('commit', '-m', `Release v${version}`)
git('tag', '-a', `v${version}`, '-m', `v${version}`)
const major = `v${version.split('.')[0]}`
git('tag', '-fa', major, '-m', `${major} → v${version}`)
console.log(`Tagged v${version} and moved ${major}. Publish with:`)
console.log(`  git push origin HEAD v${version} && git push --force origin ${major}`)
