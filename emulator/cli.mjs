// @ts-check
// npm run emulator -- [--http] [--port N] [--metadata-port N] [--token-lifetime S] [--routes]
//   [--rate-limit N [--retry-after S]] [--write-env FILE]
import { appendFileSync } from 'node:fs'
import process from 'node:process'
import { parseArgs } from 'node:util'
import { startEmulator } from './iam-emulator.mjs'
import { OWN_CODES } from './own-codes.mjs'
import { APIKEY_GRANT, ASSUME_GRANT, CR_TOKEN_GRANT } from './routes-token.mjs'

const USAGE =
  'Usage: node emulator/cli.mjs [--http] [--port N] [--metadata-port N] [--token-lifetime SECONDS] [--routes]\n' +
  '         [--rate-limit TOKEN_REQUESTS_PER_SECOND [--retry-after SECONDS]] [--write-env FILE]'

/** Every route served, as `npm run emulator` documents it. */
const ROUTES = [
  ['IAM', 'POST /identity/token', `grant_type ${APIKEY_GRANT} (apikey)`],
  [
    'IAM',
    'POST /identity/token',
    `grant_type ${ASSUME_GRANT} (access_token + profile_id | profile_crn | profile_name+account)`
  ],
  [
    'IAM',
    'POST /identity/token',
    `grant_type ${CR_TOKEN_GRANT} (cr_token + profile_id | profile_name | profile_crn)`
  ],
  [
    'IAM',
    'POST /identity/token',
    'grant_type refresh_token (needs Authorization: Basic of a client, default bx:bx)'
  ],
  ['IAM', 'GET /identity/keys', 'JWKS of the key that signs every token'],
  ['IAM', 'POST /v1/apikeys', 'create a key (201); headers Entity-Lock, Entity-Disable'],
  [
    'IAM',
    'GET /v1/apikeys',
    'list: account_id, iam_id, pagesize, pagetoken, scope, type, sort, order, include_history'
  ],
  ['IAM', 'GET /v1/apikeys/details', 'a key by value (IAM-ApiKey header), include_history'],
  ['IAM', 'GET /v1/apikeys/{id}', 'include_history, include_activity'],
  ['IAM', 'PUT /v1/apikeys/{id}', 'update with If-Match: <entity_tag> or *'],
  ['IAM', 'DELETE /v1/apikeys/{id}', '204; 404 when gone; 409 when locked'],
  ['IAM', 'POST|DELETE /v1/apikeys/{id}/lock', 'lock / unlock (204)'],
  ['IAM', 'POST|DELETE /v1/apikeys/{id}/disable', 'disable / enable (204)'],
  [
    'metadata',
    'PUT /instance_identity/v1/token?version=...',
    'Metadata-Flavor: ibm, {"expires_in":5..3600}'
  ],
  [
    'metadata',
    'POST /instance_identity/v1/iam_token?version=...',
    'Bearer instance token, optional {"trusted_profile":{"id"|"crn"|"name"}}'
  ],
  [
    'metadata',
    'PUT /identity/v1/token, POST /identity/v1/iam_tokens',
    'the same for version 2025-08-26'
  ],
  ['both', 'anything else', "404 route_not_found, X-IAM-Emulator: no-route (never IAM's not_found)"]
]

function printRoutes() {
  console.log('Routes:')
  for (const [server, route, what] of ROUTES) console.log(`  [${server}] ${route}: ${what}`)
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
    `Try: curl${curlCa} -d 'grant_type=${APIKEY_GRANT}&apikey=${seed.apikey}' ${emulator.url}/identity/token`
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
