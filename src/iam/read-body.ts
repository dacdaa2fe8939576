import type { IncomingMessage } from 'node:http'
import { ActionError, NetworkError } from '../errors.js'

/** IAM's answers are a few KB; anything past this is not IAM and is refused unread. */
export const MAX_RESPONSE_BYTES = 1024 * 1024

/** The answer is bigger than any IAM answer: refused, and not worth another attempt. */
export function tooLarge(limit: number): ActionError {
  return new ActionError(
    `The answer from iam-endpoint is larger than ${Math.round(limit / 1024)} KiB, and IBM Cloud ` +
      "IAM's answers are a few KB: refused without reading the rest. Check that `iam-endpoint` " +
      'points at IAM itself, not at a proxy or a portal page.'
  )
}

/**
 * Reads a response body to the end, at most `limit` bytes, collecting the chunks and joining
 * them once. Settles exactly once: with the text, with NetworkError when the connection breaks
 * off or `signal` aborts (the attempt's deadline), or with tooLarge() past the limit. On any
 * failure the stream is destroyed, so nothing more is buffered.
 */
export function readBodyCapped(
  message: IncomingMessage,
  signal: AbortSignal,
  limit = MAX_RESPONSE_BYTES
): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    let settled = false
    /** True the first time only: then stops listening for the deadline. */
    const settling = (): boolean => {
      if (settled) return false
      settled = true
      signal.removeEventListener('abort', onAbort)
      return true
    }
    const fail = (error: Error) => {
      if (!settling()) return
      message.destroy()
      reject(error)
    }
    const onAbort = () => fail(new NetworkError('ETIMEDOUT', 'request timed out'))
    if (signal.aborted) return onAbort()
    signal.addEventListener('abort', onAbort)

    const declared = Number(message.headers['content-length'])
    if (Number.isFinite(declared) && declared > limit) return fail(tooLarge(limit))

    message.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > limit) return fail(tooLarge(limit))
      chunks.push(chunk)
    })
    message.on('end', () => {
      if (settling()) resolve(Buffer.concat(chunks, size).toString('utf8'))
    })
    const brokenOff = () =>
      fail(new NetworkError('ECONNRESET', 'the connection closed before the answer was complete'))
    message.on('error', brokenOff)
    message.on('aborted', brokenOff)
    message.on('close', () => {
      if (!message.complete) brokenOff()
    })
  })
}

/**
 * An answer's body as a JSON object, or undefined for anything else (not JSON, an array, null,
 * a number): every reader of IAM's and the metadata service's answers starts here, never a throw.
 * It lives with the body reader because it is the second half of reading an answer, shared by
 * every client of an HTTP answer (the IAM client's error bodies, the Identity API, VPC metadata).
 */
export function parseJson(body: string): Record<string, unknown> | undefined {
  try {
    const json = JSON.parse(body) as unknown
    return typeof json === 'object' && json !== null && !Array.isArray(json)
      ? (json as Record<string, unknown>)
      : undefined
  } catch {
    return undefined
  }
}
