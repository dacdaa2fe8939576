import * as core from '@actions/core'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { systemClock } from '../clock.js'
import { createHttpTransport } from '../iam/http.js'
import { userAgent } from '../version.js'
import { nodeFiles } from './files.js'
import type { Runner, StepDeps } from './runner.js'

/** The real runner: @actions/core, confined to this file. */
const coreRunner: Runner = {
  getInput: (name) => core.getInput(name, { trimWhitespace: false }),
  setSecret: (value) => core.setSecret(value),
  setOutput: (name, value) => core.setOutput(name, value),
  exportVariable: (name, value) => core.exportVariable(name, value),
  addPath: (dir) => core.addPath(dir),
  saveState: (name, value) => core.saveState(name, value),
  getState: (name) => core.getState(name),
  debug: (message) => core.debug(message),
  info: (message) => core.info(message),
  notice: (message) => core.notice(message),
  warning: (message) => core.warning(message),
  setFailed: (message) => core.setFailed(message),
  writeSummary: async (markdown) => {
    if (!process.env.GITHUB_STEP_SUMMARY) throw new Error('GITHUB_STEP_SUMMARY is not set')
    await core.summary.addRaw(markdown, true).write()
  }
}

/** What both steps run with on a real runner. */
export function runnerDeps(): StepDeps {
  return {
    runner: coreRunner,
    clock: systemClock,
    env: process.env,
    createTransport: ({ timeoutMs }) => createHttpTransport({ userAgent: userAgent(), timeoutMs }),
    // dist/main/index.js runs this; the command's bundle sits beside it in dist/token-command/.
    files: nodeFiles,
    tokenCommandScript: {
      node: process.execPath,
      // Not `new URL(.., import.meta.url)`: webpack would copy the file in as an asset.
      script: join(dirname(fileURLToPath(import.meta.url)), '..', 'token-command', 'index.js')
    }
  }
}
