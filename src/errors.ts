/**
 * Errors are values with a kind; `describeError` turns one into the single message a user
 * reads. No secret is ever put into an error: callers pass only ids, codes and summaries,
 * and the entry points scrub the final text with `Secrets.redact` as a second line of defence.
 */

/** An input is wrong: the message says which and what to do. */
export class ConfigError extends Error {
  override name = 'ConfigError'
}

/** Something the user must act on that is not an HTTP error (e.g. the wrong account). */
export class ActionError extends Error {
  override name = 'ActionError'
}

export type Operation =
  'token exchange' | 'API key creation' | 'API key deletion' | 'API key listing'

/** IAM answered with an error status. */
export class IamError extends Error {
  override name = 'IamError'
  constructor(
    readonly operation: Operation,
    readonly status: number,
    readonly details: IamErrorDetails,
    readonly attempts: number
  ) {
    super(`IAM ${operation} failed with HTTP ${status}`)
  }
}

export interface IamErrorDetails {
  errorCode?: string
  errorMessage?: string
  errorDetails?: string
  requestId?: string
  /** A short, sanitised summary of a body that was not IAM's JSON (HTML from a proxy, etc.). */
  bodySummary?: string
  retryAfterMs?: number
}

/** The request never got an HTTP answer: refused, reset, timed out, TLS failure, DNS. */
export class NetworkError extends Error {
  override name = 'NetworkError'
  constructor(
    readonly code: string,
    readonly cause_: string,
    readonly attempts = 1,
    readonly operation?: Operation,
    readonly url?: string
  ) {
    super(`${code}: ${cause_}`)
  }

  withContext(attempts: number, operation: Operation, url: string): NetworkError {
    return new NetworkError(this.code, this.cause_, attempts, operation, url)
  }
}

/** Reads IAM's two error body shapes (token endpoint and Identity API) and its request id. */
export function parseIamErrorBody(
  body: string,
  headers: Record<string, string | undefined>
): IamErrorDetails {
  const details: IamErrorDetails = {}
  let json: unknown
  try {
    json = JSON.parse(body)
  } catch {
    json = undefined
  }
  if (json && typeof json === 'object') {
    const o = json as Record<string, unknown>
    details.errorCode = str(o.errorCode)
    details.errorMessage = str(o.errorMessage)
    details.errorDetails = str(o.errorDetails)
    const context = o.context as Record<string, unknown> | undefined
    details.requestId = str(context?.requestId)
    const first = Array.isArray(o.errors) ? (o.errors[0] as Record<string, unknown>) : undefined
    if (first && typeof first === 'object') {
      details.errorCode ??= str(first.message_code) ?? str(first.code)
      details.errorMessage ??= str(first.message)
      details.requestId ??= str(o.trace)
    }
  }
  if (!details.errorCode && !details.errorMessage) details.bodySummary = summariseBody(body)
  details.requestId ??= headers['transaction-id'] ?? headers['x-request-id']
  for (const key of Object.keys(details) as (keyof IamErrorDetails)[]) {
    if (details[key] === undefined) delete details[key]
  }
  return details
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.length > 0 ? clean(v, 500) : undefined
}

/** Tags stripped, control characters and runs of space folded, cut to `max` characters. */
function clean(text: string, max: number): string {
  const flat = text
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    // eslint-disable-next-line no-control-regex -- control characters are what is removed
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat
}

export function summariseBody(body: string): string {
  const flat = clean(body, 160)
  return flat.length > 0 ? flat : '(empty body)'
}

const ADVICE_BY_CODE: Record<string, string> = {
  BXNIM0415E:
    'The API key was not found: it is mistyped, deleted, expired, or from another IBM Cloud ' +
    'account or environment. Check the secret passed as `apikey` (create a new key with ' +
    '`ibmcloud iam api-key-create` or `ibmcloud iam service-api-key-create` and store it again).',
  BXNIM0109E: 'IAM says a required property of the request is missing or empty.',
  BXNIM0106E: 'IAM does not support the grant or response type that was sent.'
}

const MAYBE_CREATED =
  'IAM may have created the key before failing, so it was not retried. Such a key expires at ' +
  '`ephemeral-key-ttl`, and `sweep-stale-keys: true` deletes it on a later run once stale.'

function adviceFor(err: IamError): string | undefined {
  const code = err.details.errorCode
  if (code && ADVICE_BY_CODE[code]) return ADVICE_BY_CODE[code]
  const { status, operation } = err
  if (status === 429) {
    return (
      `IAM kept answering "too many requests" for ${err.attempts} attempt(s). Many jobs starting ` +
      'at once share the rate limit: raise `max-attempts`, or stagger the matrix with `max-parallel`.'
    )
  }
  if (operation === 'API key creation' && status >= 500) {
    return MAYBE_CREATED
  }
  if (status >= 500) {
    return (
      `IAM kept failing for ${err.attempts} attempt(s). Check https://cloud.ibm.com/status; ` +
      'if you set `iam-endpoint` or go through a proxy, check that it reaches IAM.'
    )
  }
  if (operation !== 'token exchange' && (status === 401 || status === 403)) {
    return (
      'The identity behind `apikey` may not manage its own API keys. For a service ID, grant it ' +
      'the Operator (or Administrator) role on the IAM Identity Service for that service ID; for ' +
      'a user, the "User API key creator" role where the account restricts API key creation. ' +
      'Or set `ephemeral-key: false`.'
    )
  }
  if (operation === 'API key creation' && status === 400) {
    return (
      'IAM refused to create the key: a limit on API keys may be reached. Delete unused keys ' +
      '(`sweep-stale-keys: true` removes the ones this action left behind).'
    )
  }
  return undefined
}

/** One readable message for any error; `context` adds hints the error itself cannot know. */
export function describeError(err: unknown, context: { accountId?: string } = {}): string {
  if (err instanceof IamError) {
    const d = err.details
    const what = [d.errorCode, d.errorMessage].filter(Boolean).join(': ')
    const attempts = `${err.attempts} attempt${err.attempts === 1 ? '' : 's'}`
    const lines = [
      `IBM Cloud IAM ${err.operation} failed after ${attempts}: HTTP ${err.status}` +
        (what ? ` ${what}` : '') +
        (d.bodySummary ? ` (response: ${d.bodySummary})` : '')
    ]
    if (d.errorDetails) lines.push(`Details: ${d.errorDetails}`)
    const advice = adviceFor(err)
    if (advice) lines.push(advice)
    if (context.accountId && err.operation === 'token exchange' && err.status < 500) {
      lines.push(
        `account-id pins account ${context.accountId}: check that the key belongs to that account.`
      )
    }
    if (d.requestId) lines.push(`IAM request id: ${d.requestId} (quote it to IBM support).`)
    return lines.join('\n')
  }
  if (err instanceof NetworkError) {
    const target = err.url ? ` ${err.url}` : ''
    const attempts = `after ${err.attempts} attempt${err.attempts === 1 ? '' : 's'}`
    const neverSent = ['ECONNREFUSED', 'EAI_AGAIN', 'ENOTFOUND'].includes(err.code)
    const created = err.operation === 'API key creation' && !neverSent ? `\n${MAYBE_CREATED}` : ''
    return `Could not reach IBM Cloud IAM${target} (${err.operation ?? 'request'}) ${attempts}: ${err.message}.\n${networkAdvice(err.code)}${created}`
  }
  if (err instanceof ConfigError || err instanceof ActionError) return err.message
  if (err instanceof Error) return `Unexpected error: ${err.message}`
  return `Unexpected error: ${String(err)}`
}

function networkAdvice(code: string): string {
  if (code === 'ETIMEDOUT') {
    return 'IAM did not answer within `timeout-seconds`. Raise it, or check the network path (proxy, firewall).'
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return 'The host name did not resolve. Check `iam-endpoint`/`region`; private endpoints resolve only inside IBM Cloud (VPC with a VPE).'
  }
  if (/CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code)) {
    return 'The TLS certificate was not trusted. Behind a TLS-inspecting proxy, point NODE_EXTRA_CA_CERTS at its CA bundle.'
  }
  return "Check the runner's network: a proxy needs HTTPS_PROXY (and NO_PROXY for exceptions); a private endpoint needs a runner inside IBM Cloud."
}
