import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from '@jest/globals'
import {
  maskAll,
  parseCommandFile,
  parseCommandLine,
  renderLog,
  SUMMARY_LIMIT
} from '../../scripts/runner-simulator.mjs'
import { useEmulator } from './fixture.js'
import { leaks, runScript, runStep, secretsOf, shownInLog } from './leak-checks.js'

// The simulator is only worth its leak checks if it is as strict as the runner
// (actions/runner src/Runner.Worker, read in ../shared/reference/runner-facts.md). These tests
// run deliberately bad programs through it and show that the checks catch them, where the old,
// lenient simulator (every mask applied to every line afterwards) passed them.

const SECRET = 'hunter2-s3cr3t-value'
const files = mkdtempSync(join(tmpdir(), 'simulator-'))
afterAll(() => rmSync(files, { recursive: true, force: true }))

/** A fake dist/ whose main step is `program` (a Node script). */
function fakeDist(program: string): string {
  const dist = mkdtempSync(join(files, 'dist-'))
  mkdirSync(join(dist, 'main'))
  writeFileSync(join(dist, 'main', 'index.js'), program)
  return dist
}

const body = (log: string[]) => log.slice(log.indexOf('##[endgroup]') + 1)

describe('masks apply when a line is written, never to lines already written', () => {
  test('a program that prints a secret one line before its mask fails the leak check', async () => {
    const dist = fakeDist(
      `console.log(${JSON.stringify(SECRET)}); console.log('::add-mask::' + ${JSON.stringify(SECRET)}); console.log('done ' + ${JSON.stringify(SECRET)})`
    )
    const step = await runStep('main', { inputs: {}, dist })
    expect(step.code).toBe(0)
    expect(body(step.log)).toEqual([SECRET, 'done ***'])
    expect(leaks(step, [SECRET])).toContain(
      `the log shows a secret in clear at log line ${step.log.indexOf(SECRET) + 1}: ${SECRET}…`
    )
    // The lenient way (all masks over the finished output) would have shown nothing wrong.
    expect(maskAll(step.lines.join('\n'), [SECRET])).not.toContain(SECRET)
  })

  test('the same program with the mask first: the log shows ***', async () => {
    const dist = fakeDist(
      `console.log('::add-mask::' + ${JSON.stringify(SECRET)}); console.log('using ' + ${JSON.stringify(SECRET)})`
    )
    const step = await runStep('main', { inputs: {}, dist })
    expect(body(step.log)).toEqual(['using ***'])
    expect(shownInLog(step, [SECRET])).toEqual([])
  })

  test('stdout and stderr are separate streams: a mask on stderr after the secret on stdout is late', async () => {
    const step = await runScript(
      [
        `echo "${SECRET}"`,
        'sleep 0.2',
        `echo "::add-mask::${SECRET}" >&2`,
        `echo "${SECRET}"`
      ].join('\n')
    )
    expect(body(step.log)).toEqual([SECRET, '***'])
    expect(step.lines).toEqual([SECRET, `::add-mask::${SECRET}`, SECRET])
    // (the header shows the script itself, secret included, as the runner's header would)
    expect(body(step.log).filter((l) => l.includes(SECRET))).toEqual([SECRET])
  })

  test('masks carry over to later steps; a value exported but never masked shows in their header', async () => {
    const first = await runScript(
      [
        `echo "::add-mask::${SECRET}"`,
        `echo "MASKED=${SECRET}" >> "$GITHUB_ENV"`,
        'echo "PLAIN=not-a-secret-but-kept" >> "$GITHUB_ENV"'
      ].join('\n')
    )
    const second = await runScript('echo "$MASKED $PLAIN"', { after: first })
    expect(second.log).toContain('  MASKED: ***')
    expect(second.log).toContain('  PLAIN: not-a-secret-but-kept')
    expect(body(second.log)).toEqual(['*** not-a-secret-but-kept'])
  })

  test('add-mask registers each line and the base64, JSON and URI forms', async () => {
    const value = 'line-one x\n  line-two"y  '
    const step = await runScript(
      [
        `echo '::add-mask::line-one x%0A  line-two"y  '`,
        `echo 'one: line-one x'`,
        `echo 'two: line-two"y'`,
        `echo 'json: ${JSON.stringify(value).slice(1, -1)}'`,
        `echo "b64: ${Buffer.from('line-one x').toString('base64')}"`,
        `echo "uri: ${encodeURIComponent('line-one x')}"`
      ].join('\n')
    )
    // base64 masked up to the characters that depend on what follows the value
    expect(body(step.log)).toEqual(['one: ***', 'two: ***', 'json: ***', 'b64: ***A==', 'uri: ***'])
  })
})

describe('commands are recognised as the runner recognises them', () => {
  test.each([
    ['after leading white space', `   ::add-mask::${SECRET}`],
    ['in any case', `::ADD-MASK::${SECRET}`],
    ['in the legacy form, anywhere in a line', `text before ##[add-mask]${SECRET}`]
  ])('%s', async (_what, line) => {
    expect(parseCommandLine(line)).toMatchObject({ command: 'add-mask', value: SECRET })
    const step = await runScript(`echo '${line}'\necho "${SECRET}"`)
    expect(body(step.log)).toEqual(['***'])
  })

  test('an unknown command is text', () => {
    expect(parseCommandLine('::nope::x')).toBeUndefined()
    expect(parseCommandLine('::add-mask x')).toBeUndefined()
  })

  test('inside ::stop-commands:: an add-mask prints its secret as text and masks nothing', async () => {
    const step = await runScript(
      [
        'echo "::stop-commands::pause-token-1"',
        `echo "::add-mask::${SECRET}"`,
        `echo "${SECRET}"`,
        'echo "::pause-token-1::"',
        `echo "::add-mask::${SECRET}"`,
        `echo "${SECRET}"`
      ].join('\n')
    )
    expect(body(step.log)).toEqual([
      '::stop-commands::pause-token-1',
      `::add-mask::${SECRET}`,
      SECRET,
      '::pause-token-1::',
      '***'
    ])
    expect(step.commands.filter((c) => c.command === 'add-mask')).toHaveLength(1)
  })

  test('set-env and add-path are disabled: the step fails', async () => {
    const step = await runScript('echo "::set-env name=X::y"')
    expect(step.code).toBe(0)
    expect(step.conclusion).toBe('failure')
    expect(step.runnerErrors[0]).toMatch(/The `set-env` command is disabled/)
  })
})

describe('file commands are parsed with the runner’s errors', () => {
  test('name=value and heredocs, LF or CRLF', () => {
    expect(parseCommandFile('a=1\nb<<EOF\nx\ny\nEOF\n\nc<<Z\r\nv\r\nZ\r\nd=\n')).toEqual({
      a: '1',
      b: 'x\ny',
      c: 'v',
      d: ''
    })
  })

  test.each([
    [
      'a heredoc without its delimiter',
      'token<<EOF\nvalue\n',
      /Matching delimiter not found 'EOF'/
    ],
    ['a value line without newline at the end', 'token<<EOF\nvalue', /EOF marker missing new line/],
    ['a line with neither = nor <<', 'token\n', /Invalid format 'token'/],
    ['an empty name', '=value\n', /Name must not be empty/],
    ['an empty delimiter', 'token<<\n', /delimiter must not be empty/]
  ])('%s fails the step', async (_what, text, message) => {
    expect(() => parseCommandFile(text)).toThrow(message)
    const step = await runScript('printf %s "$CONTENT" > "$GITHUB_OUTPUT"', {
      env: { CONTENT: text }
    })
    expect(step.code).toBe(0)
    expect(step.conclusion).toBe('failure')
    expect(step.runnerErrors).toEqual([expect.stringMatching(message)])
    expect(leaks(step, [])).toEqual([`the runner fails this step: ${step.runnerErrors[0]}`])
  })

  test('NODE_OPTIONS cannot be set through GITHUB_ENV', async () => {
    const step = await runScript('echo "NODE_OPTIONS=--require /tmp/evil.js" >> "$GITHUB_ENV"')
    expect(step.exportedEnv).toEqual({})
    expect(step.log.at(-1)).toMatch(/Can't store NODE_OPTIONS/)
  })
})

describe('the job summary', () => {
  test(`above ${SUMMARY_LIMIT} bytes it is not uploaded: an error, the step result unchanged`, async () => {
    const step = await runScript(
      `head -c ${SUMMARY_LIMIT + 1} /dev/zero | tr '\\0' x > "$GITHUB_STEP_SUMMARY"`
    )
    expect(step.conclusion).toBe('success')
    expect(step.uploadedSummary).toBeNull()
    expect(renderLog(step)).toMatch(/Error: \$GITHUB_STEP_SUMMARY upload aborted/)
  })

  test('up to the limit it is uploaded, masked', async () => {
    const step = await runScript(
      `echo "::add-mask::${SECRET}"\necho "key: ${SECRET}" > "$GITHUB_STEP_SUMMARY"`
    )
    expect(step.summary).toBe(`key: ${SECRET}\n`)
    expect(step.uploadedSummary).toBe('key: ***\n')
  })
})

describe('the step header shows the with: inputs before the action runs', () => {
  const emulator = useEmulator()

  test('an apikey from secrets.* shows as ***; the action masks the rest before printing it', async () => {
    const iam = emulator()
    const step = await runStep('main', {
      inputs: { apikey: iam.seed.apikey, 'iam-endpoint': iam.url },
      caPath: iam.caPath
    })
    expect(step.code).toBe(0)
    expect(step.log.slice(0, 3)).toEqual([
      '##[group]Run OWNER/ibmcloud-iam-token-action@v1',
      'with:',
      expect.stringMatching(/^ {2}[a-z-]+: /)
    ])
    expect(step.log).toContain('  apikey: ***')
    expect(step.log).toContain(`  iam-endpoint: ${iam.url}`)
    expect(leaks(step, secretsOf(iam.seed.apikey, step))).toEqual([])
  })

  test('an apikey written in clear (not from secrets.*) is in the log before the action can mask it', async () => {
    const iam = emulator()
    const step = await runStep('main', {
      inputs: { apikey: iam.seed.apikey, 'iam-endpoint': iam.url },
      caPath: iam.caPath,
      secretInputs: []
    })
    expect(step.code).toBe(0)
    expect(step.log).toContain(`  apikey: ${iam.seed.apikey}`)
    expect(leaks(step, secretsOf(iam.seed.apikey, step))).toEqual([
      expect.stringMatching(/^the log shows a secret in clear at log line \d+: {3}apikey: /)
    ])
  })
})
