// @ts-check
// npm run emulator -- [--http] [--port N] [--token-lifetime S] [--rate-limit N [--retry-after S]]
import process from 'node:process'
import { parseArgs } from 'node:util'
import { startEmulator } from './iam-emulator.mjs'
import { APIKEY_GRANT } from './routes-token.mjs'

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
      'token-lifetime': { type: 'string' },
      'rate-limit': { type: 'string' },
      'retry-after': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false }
    }
  })
  if (values.help) {
    console.log(
      'Usage: node emulator/cli.mjs [--http] [--port N] [--token-lifetime SECONDS]\n' +
        '         [--rate-limit TOKEN_REQUESTS_PER_SECOND [--retry-after SECONDS]]'
    )
    return
  }
  const limit = positiveInt(values['rate-limit'], '--rate-limit')
  const retryAfter = positiveInt(values['retry-after'], '--retry-after')
  if (retryAfter !== undefined && limit === undefined)
    throw new Error('--retry-after needs --rate-limit')
  const emulator = await startEmulator({
    https: !values.http,
    port: positiveInt(values.port, '--port'),
    tokenLifetimeSeconds: positiveInt(values['token-lifetime'], '--token-lifetime'),
    rateLimit:
      limit === undefined ? null : { limit, windowMs: 1000, retryAfterSeconds: retryAfter ?? null }
  })
  const { seed } = emulator
  const curlCa = emulator.caPath ? ` --cacert ${emulator.caPath}` : ''
  console.log(`IBM Cloud IAM emulator listening on ${emulator.url}`)
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
  console.log(`Trusted profile: ${seed.profileName} (${seed.profileId})`)
  console.log(
    `Try: curl${curlCa} -d 'grant_type=${APIKEY_GRANT}&apikey=${seed.apikey}' ${emulator.url}/identity/token`
  )
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
