// @ts-check
/**
 * `npm run demo`: the bundled action end to end, with no IBM Cloud account. Starts the local IAM
 * emulator, runs dist/main then dist/post like a runner, shows what the workflow log would show
 * (masked), the outputs, the exported variables and the job summary, and proves the token and
 * the ephemeral key work the way a later `curl` or terraform step would use them.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { call, tokenFor } from '../emulator/client.mjs'
import { startEmulator } from '../emulator/index.mjs'
import { maskAll, renderLog, runScript, runStep } from './runner-simulator.mjs'

const bold = (/** @type {string} */ s) => (process.stdout.isTTY ? `\x1b[1m${s}\x1b[0m` : s)
const heading = (/** @type {string} */ s) => console.log(`\n${bold(`── ${s} `.padEnd(78, '─'))}`)
const indent = (/** @type {string} */ s) => s.replace(/^/gm, '  ')

const iam = await startEmulator()
// One job's RUNNER_TEMP, kept across its steps (ibmcloud-iam-token lives there).
const runnerTemp = mkdtempSync(join(tmpdir(), 'demo-runner-temp-'))
let ok = true
try {
  heading('Local IAM emulator')
  console.log(
    indent(
      `URL:  ${iam.url}\nCA:   ${iam.caPath} (trusted through NODE_EXTRA_CA_CERTS)\nKey:  a service ID's API key in account ${iam.seed.accountId}`
    )
  )

  const inputs = { apikey: iam.seed.apikey, 'iam-endpoint': iam.url, 'ephemeral-key': 'true' }
  heading('Workflow step')
  console.log(
    indent(
      [
        '- uses: OWNER/ibmcloud-iam-token-action@v1',
        '  id: iam',
        '  with:',
        '    apikey: ${{ secrets.IBMCLOUD_API_KEY }}',
        `    iam-endpoint: ${iam.url}`,
        '    ephemeral-key: true'
      ].join('\n')
    )
  )

  const main = await runStep('main', { inputs, caPath: iam.caPath, debug: false, runnerTemp })
  heading(`Log of the main step (as GitHub shows it, masked as written; exit code ${main.code})`)
  console.log(indent(renderLog(main)))
  ok &&= main.code === 0

  const masks = main.commands.filter((c) => c.command === 'add-mask').map((c) => c.value)
  const shown = (/** @type {string} */ v) => maskAll(v, masks)
  heading('Outputs (steps.iam.outputs.*, masked in logs)')
  for (const [name, value] of Object.entries(main.outputs))
    console.log(indent(`${name.padEnd(20)} ${shown(value)}`))
  heading('Exported to later steps')
  for (const [name, value] of Object.entries(main.exportedEnv)) {
    console.log(indent(`$${name.padEnd(19)} ${shown(value)} (${value.length} characters)`))
  }
  heading('Job summary')
  console.log(indent((main.uploadedSummary ?? '(not uploaded: above 1 MiB)').trim()))

  const token = main.exportedEnv.IBMCLOUD_IAM_TOKEN ?? ''
  const key = main.exportedEnv.IBMCLOUD_API_KEY ?? ''
  heading('A later step uses them')
  const list = `/v1/apikeys?account_id=${main.outputs['account-id']}&iam_id=${main.outputs['iam-id']}`
  const used = await call(iam, iam.url, list, { headers: { Authorization: `Bearer ${token}` } })
  console.log(indent(`$ curl -H "Authorization: Bearer $IBMCLOUD_IAM_TOKEN" "${iam.url}${list}"`))
  const count =
    used.status === 200 && Array.isArray(used.json.apikeys) ? used.json.apikeys.length : 0
  console.log(indent(`HTTP ${used.status}: ${count} API keys of this identity listed`))
  ok &&= used.status === 200
  const withKey = await tokenFor(iam, key)
  console.log(
    indent(
      `$IBMCLOUD_API_KEY exchanged at IAM, as \`ibmcloud login --apikey\` or terraform would: HTTP ${withKey.status}`
    )
  )
  ok &&= withKey.status === 200

  const script = 'echo "ibmcloud-iam-token prints: $(ibmcloud-iam-token)"'
  const later = await runScript(script, {
    after: main,
    caPath: iam.caPath,
    debug: false,
    runnerTemp
  })
  heading(`Log of a later step that prints a token (exit code ${later.code})`)
  console.log(indent(renderLog(later)))
  ok &&=
    later.code === 0 && renderLog(later, { header: false }) === 'ibmcloud-iam-token prints: ***'

  const post = await runStep('post', { inputs, caPath: iam.caPath, after: later, debug: false })
  heading(`Log of the post step (exit code ${post.code})`)
  console.log(indent(renderLog(post)))
  ok &&= post.code === 0
  const afterPost = await tokenFor(iam, key)
  const code = afterPost.status === 200 ? '' : ` ${afterPost.json.errorCode}`
  console.log(
    indent(
      `The ephemeral key at IAM after the post step: HTTP ${afterPost.status}${code} (revoked)`
    )
  )
  ok &&= afterPost.status === 400

  heading(ok ? 'Demo passed' : 'Demo FAILED')
} finally {
  await iam.close()
  rmSync(runnerTemp, { recursive: true, force: true })
}
process.exitCode = ok ? 0 : 1
