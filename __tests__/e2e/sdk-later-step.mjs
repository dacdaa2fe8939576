// @ts-check
// A later step of the job, run as its own Node process with only what the job exported: it
// builds IBM's own client with newInstance({ serviceName }) and no credential in code, so that
// IBM's SDK core finds the identity through IBM_CREDENTIALS_FILE by itself, then calls IAM.
// argv: <service name> <account id> [<service URL>]; prints one JSON line.
import IamIdentityV1 from '@ibm-cloud/platform-services/iam-identity/v1.js'

const [serviceName = '', accountId = '', serviceUrl] = process.argv.slice(2)
try {
  // Without serviceUrl first: what URL the SDK took from its external configuration.
  const configured = IamIdentityV1.newInstance({ serviceName })
  // baseOptions is protected in the types: read it as the SDK's own tests do.
  const configuredUrl = /** @type {any} */ (configured).baseOptions.serviceUrl
  const client = serviceUrl ? IamIdentityV1.newInstance({ serviceName, serviceUrl }) : configured
  const response = await client.listApiKeys({ accountId })
  console.log(
    JSON.stringify({
      ok: true,
      authType: client.getAuthenticator().authenticationType(),
      configuredUrl,
      status: response.status,
      keys: response.result.apikeys?.length
    })
  )
} catch (err) {
  const e = /** @type {{ message?: string, status?: number }} */ (err)
  console.log(JSON.stringify({ ok: false, message: e.message, status: e.status }))
  process.exitCode = 1
}
