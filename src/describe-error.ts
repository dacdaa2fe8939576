import { adviceForCode, advise } from './advice.js'
import {
  ActionError,
  ConfigError,
  IamError,
  NetworkError,
  OPERATION,
  type Operation
} from './errors.js'
import { isDnsError, isTlsError, requestNeverSent } from './iam/retry.js'

function adviceFor(err: IamError): string | undefined {
  const code = err.details.errorCode
  const byCode = code ? adviceForCode(code) : undefined
  if (byCode) return advise(byCode)
  const { status, operation, attempts } = err
  if (status === 429) return advise('rateLimited', { attempts })
  if (operation === OPERATION.createKey && status >= 500) return advise('maybeCreated')
  if (status >= 500) return advise('iamFailing', { attempts })
  const identityApi: Operation[] = [
    OPERATION.createKey,
    OPERATION.lookupKey,
    OPERATION.deleteKey,
    OPERATION.listKeys
  ]
  if (identityApi.includes(operation) && (status === 401 || status === 403)) {
    return advise('keyNotPermitted')
  }
  if (operation === OPERATION.createKey && status === 400) return advise('keyLimit')
  return undefined
}

function networkAdvice(code: string): string {
  if (code === 'ETIMEDOUT') return advise('timeout')
  if (isDnsError(code)) return advise('dns')
  if (isTlsError(code)) return advise('tls')
  return advise('network')
}

function plural(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? '' : 's'}`
}

/** One readable message for any error; `context` adds hints the error itself cannot know. */
export function describeError(err: unknown, context: { accountId?: string } = {}): string {
  if (err instanceof IamError) {
    const d = err.details
    const what = [d.errorCode, d.errorMessage].filter(Boolean).join(': ')
    const lines = [
      `IBM Cloud IAM ${err.operation} failed after ${plural(err.attempts, 'attempt')}: HTTP ${err.status}` +
        (what ? ` ${what}` : '') +
        (d.bodySummary ? ` (response: ${d.bodySummary})` : '')
    ]
    if (d.errorDetails) lines.push(`Details: ${d.errorDetails}`)
    const advice = adviceFor(err)
    if (advice) lines.push(advice)
    if (context.accountId && err.operation === OPERATION.token && err.status < 500) {
      lines.push(advise('accountPinned', { account: context.accountId }))
    }
    if (d.requestId) lines.push(`IAM request id: ${d.requestId} (quote it to IBM support).`)
    return lines.join('\n')
  }
  if (err instanceof NetworkError) {
    const target = err.url ? ` ${err.url}` : ''
    // A create whose answer was lost may have happened; one never sent cannot have.
    const created =
      err.operation === OPERATION.createKey && !requestNeverSent(err.code)
        ? `\n${advise('maybeCreated')}`
        : ''
    return (
      `Could not reach IBM Cloud IAM${target} (${err.operation ?? 'request'}) after ` +
      `${plural(err.attempts, 'attempt')}: ${err.message}.\n${networkAdvice(err.code)}${created}`
    )
  }
  if (err instanceof ConfigError || err instanceof ActionError) return err.message
  if (err instanceof Error) return `Unexpected error: ${err.message}`
  return `Unexpected error: ${String(err)}`
}
