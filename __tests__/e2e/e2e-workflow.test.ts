import { execFile } from 'node:child_process'
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, test } from '@jest/globals'
import { parse } from 'yaml'
import { ROOT } from '../../scripts/runner-simulator.mjs'
import { useEmulator } from './fixture.js'
import { runScript, runStep, shownInLog, type StepResult } from './leak-checks.js'

// .github/workflows/e2e-action.yml cannot run here (no Windows, no pwsh, no GitHub API): these
// tests hold it to what it must do, and run its bash step and its log check over the strict
// runner simulator, so that the check is known to accept a masked log and refuse a leaky one.

interface Step {
  name?: string
  uses?: string
  id?: string
  if?: string
  shell?: string
  run?: string
  with?: Record<string, string>
  env?: Record<string, string>
}
interface Workflow {
  jobs: Record<
    string,
    {
      needs?: string
      permissions?: Record<string, string>
      strategy?: { matrix: { os: string[] } }
      steps: Step[]
    }
  >
}

const workflow = parse(
  readFileSync(join(ROOT, '.github/workflows/e2e-action.yml'), 'utf8')
) as Workflow
const action = workflow.jobs.action!
const logCheck = workflow.jobs['log-check']!
const commandSteps = action.steps.filter((s) => /\bibmcloud-iam-token\b/.test(s.run ?? ''))
const stepIn = (shell: string) => commandSteps.find((s) => s.shell === shell)!

describe('e2e-action.yml', () => {
  test('runs ibmcloud-iam-token on Linux, macOS and Windows, in bash and pwsh everywhere and cmd on Windows', () => {
    expect(action.strategy?.matrix.os.sort()).toEqual([
      'macos-latest',
      'ubuntu-latest',
      'windows-latest'
    ])
    expect(commandSteps.map((s) => s.shell).sort()).toEqual(['bash', 'cmd', 'pwsh'])
    expect(stepIn('bash').if).toBeUndefined()
    expect(stepIn('pwsh').if).toBeUndefined()
    expect(stepIn('cmd').if).toBe("runner.os == 'Windows'")
  })

  test('cmd calls the .cmd with `call` (without it the rest of the step never runs), and proves it came back', () => {
    const lines = stepIn('cmd').run!.split('\n')
    const calls = lines.filter((l) => /\bibmcloud-iam-token\b/.test(l) && !/^\s*rem\b/i.test(l))
    expect(calls.length).toBeGreaterThan(0)
    for (const line of calls) expect(line).toMatch(/^\s*call ibmcloud-iam-token\b/)
    expect(lines.at(-2)).toMatch(/^echo CMD_CONTINUED=yes>> "%GITHUB_ENV%"$/)
    const after = action.steps[action.steps.indexOf(stepIn('cmd')) + 1]!
    expect(after.run).toBe('test "$CMD_CONTINUED" = yes')
  })

  test('each shell uses the token and prints it behind its marker; the log check reads every job', () => {
    for (const shell of ['bash', 'pwsh', 'cmd']) {
      expect(stepIn(shell).run).toMatch(new RegExp(`printed-by-${shell}: `))
      expect(stepIn(shell).run).toMatch(/Authorization = "Bearer|Authorization: Bearer/)
    }
    expect(logCheck.needs).toBe('action')
    expect(logCheck.permissions).toEqual({ actions: 'read' })
  })

  describe('its bash step and its log check, over the strict simulator', () => {
    const http = useEmulator({ https: false })
    const dir = mkdtempSync(join(tmpdir(), 'e2e-workflow-'))
    afterAll(() => rmSync(dir, { recursive: true, force: true }))

    /** The log check's script with a `gh` that serves `logs` as the three jobs' logs. */
    async function checkLogs(logs: Record<'ubuntu' | 'macos' | 'windows', string[]>) {
      const bin = join(dir, 'bin')
      const served = join(dir, 'logs')
      mkdirSync(bin, { recursive: true })
      mkdirSync(served, { recursive: true })
      const ids = { ubuntu: 11, macos: 12, windows: 13 }
      for (const [os, lines] of Object.entries(logs)) {
        const stamped = lines.map((l) => `2026-12-02T20:00:00.0000000Z ${l}`).join('\n')
        writeFileSync(join(served, `${ids[os as keyof typeof ids]}.log`), `${stamped}\n`)
      }
      writeFileSync(
        join(bin, 'gh'),
        [
          '#!/bin/sh',
          'case "$*" in',
          `  *"/attempts/1/jobs"*) printf '%s\\n' ${Object.entries(ids)
            .map(([os, id]) => `"${id} uses ./ on ${os}-latest"`)
            .join(' ')} ;;`,
          `  *"/actions/jobs/"*) id=$(echo "$*" | sed 's#.*/actions/jobs/\\([0-9]*\\)/logs.*#\\1#'); cat "${served}/$id.log" ;;`,
          '  *) exit 2 ;;',
          'esac',
          ''
        ].join('\n')
      )
      chmodSync(join(bin, 'gh'), 0o755)
      writeFileSync(join(dir, 'check.sh'), logCheck.steps[0]!.run!)
      const env = {
        PATH: `${bin}:${process.env.PATH}`,
        GH_TOKEN: 'unused',
        REPO: 'acme/widgets',
        RUN_ID: '4242',
        ATTEMPT: '1',
        RUNNER_TEMP: dir
      }
      return promisify(execFile)('bash', ['-e', join(dir, 'check.sh')], { env }).then(
        ({ stdout }) => ({ code: 0, stdout }),
        (err: { code: number; stdout: string }) => ({ code: err.code, stdout: err.stdout })
      )
    }

    test('the bash step renews, uses and prints the token; the log shows ***; the check passes it and fails a leaky log', async () => {
      const iam = http()
      const runnerTemp = mkdtempSync(join(dir, 'runner-temp-'))
      const uses = action.steps.find((s) => s.uses === './')!
      expect(Object.keys(uses.with ?? {}).sort()).toEqual([
        'account-id',
        'apikey',
        'ephemeral-key',
        'iam-endpoint'
      ])
      const main = await runStep('main', {
        inputs: {
          apikey: iam.seed.apikey,
          'iam-endpoint': iam.url,
          'account-id': iam.seed.accountId,
          'ephemeral-key': 'true'
        },
        runnerTemp,
        // As the workflow does it: the emulator's key comes from env.*, not secrets.*.
        secretInputs: [],
        env: { EMULATOR_URL: iam.url }
      })
      expect(main.conclusion).toBe('success')
      const bash: StepResult = await runScript(stepIn('bash').run!, {
        after: main,
        runnerTemp,
        env: { EMULATOR_URL: iam.url, KEY_ID: main.outputs['ephemeral-apikey-id']! }
      })
      // Only masks on stderr: one per call that printed the token (the renewal's was discarded).
      expect(bash.stderr.split('\n').filter(Boolean)).toEqual([
        expect.stringMatching(/^::add-mask::/),
        expect.stringMatching(/^::add-mask::/)
      ])
      expect(bash.conclusion).toBe('success')
      const printed = bash.stdout.replace(/^printed-by-bash: /, '').trim()
      expect(printed.split('.')).toHaveLength(3)
      expect(printed).not.toBe(main.outputs.token) // renewed in the step, its stderr discarded
      expect(bash.log.at(-1)).toBe('printed-by-bash: ***')
      expect(shownInLog(bash, [printed])).toEqual([])

      // Stand-ins for the pwsh and cmd steps, which cannot run here.
      const others = ['printed-by-pwsh: ***', 'printed-by-cmd: ***']
      const job = [...main.log, ...bash.log, ...others]
      const good = await checkLogs({ ubuntu: job, macos: job, windows: job })
      expect(good).toEqual({ code: 0, stdout: expect.stringMatching(/on windows-latest: checked/) })

      // What the log would be if the runner had not masked the token: the raw output.
      const leaky = [...main.log, ...bash.lines, ...others]
      const bad = await checkLogs({ ubuntu: job, macos: job, windows: leaky })
      expect(bad.code).toBe(1)
      expect(bad.stdout).toContain(
        '::error::uses ./ on windows-latest: the log shows a JWT in clear'
      )
      expect(bad.stdout).toContain(
        "::error::uses ./ on windows-latest: no 'printed-by-bash: ***' line in the log"
      )
      const noCmd = await checkLogs({
        ubuntu: job,
        macos: job,
        windows: [...main.log, ...bash.log]
      })
      expect(noCmd.stdout).toContain("no 'printed-by-cmd: ***' line in the log")
      expect(noCmd.code).toBe(1)
    })
  })
})
