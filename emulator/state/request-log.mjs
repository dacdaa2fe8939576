// @ts-check
// One log entry per request, with every secret replaced before it is stored.

/**
 * @typedef {object} LogEntry
 * @property {number} time ms since epoch, when the request arrived
 * @property {'iam' | 'metadata'} service which server answered: IAM or the VPC instance metadata service
 * @property {string} method
 * @property {string} path without the query
 * @property {Record<string, string>} query secret-named parameters replaced by `***`
 * @property {number} status 0 while unanswered, and for dropped or hung requests
 * @property {Record<string, string>} headers lower-cased names, secrets replaced
 * @property {string} [grantType] token requests
 * @property {string} [apikeyId] id (never the value) of the key used in an apikey grant
 * @property {string} [profileId] trusted profile a token was issued for (assume, cr-token, metadata)
 * @property {string} [keyName] name of a key created through POST /v1/apikeys
 */

const SECRET_HEADERS = /** @type {Record<string, string>} */ ({
  authorization: 'Bearer ***',
  'proxy-authorization': '***',
  'iam-apikey': '***',
  cookie: '***'
})

/** A client that puts a secret in the URL still leaves no secret in the log. */
const SECRET_QUERY = new Set(['apikey', 'access_token', 'refresh_token', 'cr_token', 'password'])

/**
 * @param {import('node:http').IncomingMessage} req @param {URL} url
 * @param {'iam' | 'metadata'} [service] @returns {LogEntry}
 */
export function createLogEntry(req, url, service = 'iam') {
  /** @type {Record<string, string>} */
  const headers = {}
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue
    headers[name] = SECRET_HEADERS[name] ?? (Array.isArray(value) ? value.join(', ') : value)
  }
  /** @type {Record<string, string>} */
  const query = {}
  for (const [name, value] of url.searchParams) {
    query[name] = SECRET_QUERY.has(name) ? '***' : value
  }
  return {
    time: Date.now(),
    service,
    method: req.method ?? 'GET',
    path: url.pathname,
    query,
    status: 0,
    headers
  }
}
