/**
 * Errors are values with a kind; `describeError` (describe-error.ts) turns one into the single
 * message a user reads. No secret is ever put into an error: callers pass only ids, codes and
 * summaries, and the steps scrub the final text with `Secrets.redact` as a second line of defence.
 */

/** An input is wrong: the message says which and what to do. */
export class ConfigError extends Error {
  override name = 'ConfigError'
}

/** Something the user must act on that is not an HTTP error (e.g. the wrong account). */
export class ActionError extends Error {
  override name = 'ActionError'
}

/** What the action asks of IAM, as a reader sees it in messages. */
export const OPERATION = {
  token: 'token exchange',
  createKey: 'API key creation',
  lookupKey: 'API key lookup',
  deleteKey: 'API key deletion',
  listKeys: 'API key listing',
  instanceIdentity: 'VPC metadata instance identity token request',
  metadataIamToken: 'VPC metadata IAM token request'
} as const
export type Operation = (typeof OPERATION)[keyof typeof OPERATION]

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
