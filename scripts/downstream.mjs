// @ts-check
/** What a later workflow step does with the token or the key (curl, ibmcloud login), over HTTPS with a given CA. */
import https from 'node:https'

/**
 * @param {string} url
 * @param {string} ca PEM of the CA to trust
 * @param {{ method?: string, headers?: Record<string, string>, body?: string }} [options]
 * @returns {Promise<{ status: number, body: string }>}
 */
export function request(url, ca, options = {}) {
  return new Promise((resolve, reject) => {
    const req = https.request(
      url,
      { method: options.method ?? 'GET', headers: options.headers, ca },
      (res) => {
        let body = ''
        res.on('data', (d) => (body += d))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
      }
    )
    req.on('error', reject)
    req.end(options.body)
  })
}

/** The API-key grant, as `ibmcloud login --apikey` or terraform would send it. @param {string} base @param {string} ca @param {string} apikey */
export function tokenFor(base, ca, apikey) {
  return request(`${base}/identity/token`, ca, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body: new URLSearchParams({
      grant_type: 'urn:ibm:params:oauth:grant-type:apikey',
      apikey
    }).toString()
  })
}
