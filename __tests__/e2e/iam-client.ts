/** What a downstream `curl` step does with the token or key, against the emulator. */
import https from 'node:https'

export async function callIam(
  url: string,
  ca: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {}
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = https.request(
      url,
      { method: options.method ?? 'GET', headers: options.headers, ca },
      (res) => {
        let body = ''
        res.on('data', (d: Buffer) => (body += d.toString()))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
      }
    )
    req.on('error', reject)
    req.end(options.body)
  })
}

export async function tokenFor(
  url: string,
  ca: string,
  apikey: string
): Promise<{ status: number; body: string }> {
  return callIam(`${url}/identity/token`, ca, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body: new URLSearchParams({
      grant_type: 'urn:ibm:params:oauth:grant-type:apikey',
      apikey
    }).toString()
  })
}
