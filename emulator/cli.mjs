// @ts-check
// npm run emulator -- [--http] [--port N] [--metadata-port N] [--token-lifetime S] [--routes]
//   [--rate-limit N [--retry-after S]] [--write-env FILE]
import { appendFileSync } from 'node:fs'
import process from 'node:process'
import { parseArgs } from 'node:util'
import { startEmulator } from './index.mjs'
import { OWN_CODES } from './own-codes.mjs'
import { ROUTE_DOCS } from './routes.mjs'
import { GRANTS } from './token/grants.mjs'

const USAGE =
  'Usage: node emulator/cli.mjs [--http] [--port N] [--metadata-port N] [--token-lifetime SECONDS] [--routes]\n' +
  '         [--rate-limit TOKEN_REQUESTS_PER_SECOND [--retry-after SECONDS]] [--write-env FILE]'

function printRoutes() {
  console.log('Routes:')
  for (const [server, route, what] of ROUTE_DOCS) console.log(`  [${server}] ${route}: ${what}`)
  console.log("Error codes that are the emulator's own choice (not verified against IAM):")
  for (const own of OWN_CODES) console.log(`  ${own.status} ${own.code}: ${own.when}`)
}

/** @param {string | undefined} text @param {string} flag */
function positiveInt(text, flag) {
  if (text === undefined) return undefined
  const n = Number(text)
  if (!Number.isInteger(n) || n < 0) throw new Error(`${flag} needs a whole number, got '${text}'`)
  return n
}

async function main() {
  const { values } = parseArgs({
    options: {
      http: { type: 'boolean', default: false },
      port: { type: 'string' },
      'metadata-port': { type: 'string' },
      'token-lifetime': { type: 'string' },
      routes: { type: 'boolean', default: false },
      'write-env': { type: 'string' },
      'rate-limit': { type: 'string' },
      'retry-after': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false }
    }
  })
  if (values.help || values.routes) {
    console.log(USAGE)
    if (values.routes) printRoutes()
    return
  }
  const limit = positiveInt(values['rate-limit'], '--rate-limit')
  const retryAfter = positiveInt(values['retry-after'], '--retry-after')
  if (retryAfter !== undefined && limit === undefined)
    throw new Error('--retry-after needs --rate-limit')
  const emulator = await startEmulator({
    https: !values.http,
    port: positiveInt(values.port, '--port'),
    metadataPort: positiveInt(values['metadata-port'], '--metadata-port'),
    tokenLifetimeSeconds: positiveInt(values['token-lifetime'], '--token-lifetime'),
    rateLimit:
      limit === undefined ? null : { limit, windowMs: 1000, retryAfterSeconds: retryAfter ?? null }
  })
  const { seed } = emulator
  if (values['write-env']) {
    // For a workflow that starts the emulator in the background (e.g. append the file to
    // $GITHUB_ENV): where it listens and its demo key, which is nobody's secret.
    const lines = [
      `EMULATOR_URL=${emulator.url}`,
      `EMULATOR_METADATA_URL=${emulator.metadataUrl}`,
      `EMULATOR_APIKEY=${seed.apikey}`,
      `EMULATOR_ACCOUNT_ID=${seed.accountId}`,
      ...(emulator.caPath ? [`EMULATOR_CA=${emulator.caPath}`] : [])
    ]
    appendFileSync(values['write-env'], `${lines.join('\n')}\n`)
  }
  const curlCa = emulator.caPath ? ` --cacert ${emulator.caPath}` : ''
  console.log(`IBM Cloud IAM emulator listening on ${emulator.url}`)
  console.log(`VPC instance metadata service (plain http): ${emulator.metadataUrl}`)
  if (emulator.caPath) {
    console.log(`CA certificate (throwaway, removed on exit): ${emulator.caPath}`)
    console.log(`  export NODE_EXTRA_CA_CERTS=${emulator.caPath}`)
  }
  console.log(`Demo API key (service ID ci-deployer, id ${seed.apikeyId}): ${seed.apikey}`)
  console.log(`Read-only API key (service ID ci-readonly): ${seed.readonlyApikey}`)
  console.log(`Account id: ${seed.accountId}`)
  if (limit !== undefined) {
    const header = retryAfter === undefined ? 'no Retry-After' : `Retry-After: ${retryAfter}`
    console.log(`Rate limit: ${limit} token requests a second, then 429 (${header})`)
  }
  console.log('Trusted profiles:')
  console.log(`  ${seed.profileName} ${seed.profileId} (assume with the demo key's token)`)
  console.log(`    ${seed.profileCrn}`)
  console.log(
    `  ${seed.crProfileName} ${seed.crProfileId} (trusts the cr token and the VPC instance)`
  )
  console.log(`    ${seed.crProfileCrn}`)
  console.log(
    `  ${seed.vsiProfileName} ${seed.vsiProfileId} (linked to the VPC instance by default)`
  )
  console.log(
    `Compute-resource token (sub ${seed.crTokenSubject}, valid 24 h); write it to a file:`
  )
  console.log(`  ${seed.crToken}`)
  console.log(
    `Try: curl${curlCa} -d 'grant_type=${GRANTS.apikey}&apikey=${seed.apikey}' ${emulator.url}/identity/token`
  )
  printRoutes()
  console.log('Stop with Ctrl+C.')

  /** @param {string} signal */
  const stop = (signal) => {
    console.log(`${signal}: stopping the emulator`)
    emulator.close().then(
      () => process.exit(0),
      (error) => {
        console.error(error)
        process.exit(1)
      }
    )
  }
  process.once('SIGINT', () => stop('SIGINT'))
  process.once('SIGTERM', () => stop('SIGTERM'))
}

main().catch((error) => {
  console.error(`iam-emulator: ${error instanceof Error ? error.message : error}`)
  process.exit(1)
})
