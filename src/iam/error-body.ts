import type { IamErrorDetails } from '../errors.js'
import { parseJson } from './read-body.js'

/**
 * Reads IAM's two error body shapes (token endpoint and Identity API) and its request id.
 * `redact` scrubs secrets from each value after JSON has undone its escapes and before
 * control characters are folded: a key IAM echoes with a tab or a \u escape is still found.
 */
export function parseIamErrorBody(
  body: string,
  headers: Record<string, string | undefined>,
  redact: (text: string) => string = (text) => text
): IamErrorDetails {
  const str = (v: unknown): string | undefined =>
    typeof v === 'string' && v.length > 0 ? clean(redact(v), 500) : undefined
  const details: IamErrorDetails = {}
  const o = parseJson(body)
  if (o) {
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
  if (!details.errorCode && !details.errorMessage) details.bodySummary = summariseBody(redact(body))
  details.requestId ??= str(headers['transaction-id'] ?? headers['x-request-id'])
  for (const key of Object.keys(details) as (keyof IamErrorDetails)[]) {
    if (details[key] === undefined) delete details[key]
  }
  return details
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
