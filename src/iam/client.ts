import type { Clock } from '../clock.js'
import { IamError, type Operation } from '../errors.js'
import type { Secrets } from '../secrets.js'
import { parseIamErrorBody } from './error-body.js'
import type { HttpRequest, HttpResponse, HttpTransport } from './http.js'
import { retryPolicy, sendWithRetry, type RetryPolicy } from './retry.js'

/** One request to IAM, with what it takes to know whether it may be sent again. */
export interface IamRequest extends Omit<HttpRequest, 'url'> {
  operation: Operation
  /** Below the endpoint, e.g. /identity/token. */
  path: string
  /** false when the request creates something: a lost answer must not make a second one. */
  idempotent: boolean
  /** The answers that are not errors (statuses, or a test of the answer); any other becomes an IamError. */
  ok: number[] | ((response: HttpResponse) => boolean)
}

export interface IamClientOptions {
  endpoint: string
  transport: HttpTransport
  clock: Clock
  policy: RetryPolicy
  log: (message: string) => void
  /**
   * Scrubs known secrets from an error body before it is parsed and cut to length: a secret
   * cut in half would match neither this nor the runner's masks.
   */
  redact: (text: string) => string
}

/** IAM at one endpoint: every call retried by the same rules, every error status an IamError. */
export class IamClient {
  constructor(private readonly options: IamClientOptions) {}

  get endpoint(): string {
    return this.options.endpoint
  }

  async call(request: IamRequest): Promise<HttpResponse> {
    const { operation, path, idempotent, ok, ...http } = request
    const url = `${this.options.endpoint}${path}`
    const { response, attempts } = await sendWithRetry(
      () => this.options.transport({ ...http, url }),
      { ...this.options, operation, url, idempotent }
    )
    if (!(typeof ok === 'function' ? ok(response) : ok.includes(response.status))) {
      const { redact } = this.options
      const details = parseIamErrorBody(redact(response.body), response.headers, redact)
      throw new IamError(operation, response.status, details, attempts)
    }
    return response
  }
}

/** Where a step's IAM is and how long it may take: the config's endpoint and limits. */
export interface Connection {
  endpoint: string
  timeoutMs: number
  maxAttempts: number
}

/**
 * Builds the IamClient of a step (it sends nothing): its endpoint and limits from the config,
 * retry notes to the log, known secrets scrubbed from error bodies.
 */
export function createIamClient(
  connection: Connection,
  io: {
    createTransport: (options: { timeoutMs: number }) => HttpTransport
    clock: Clock
    log: (message: string) => void
  },
  secrets: Secrets
): IamClient {
  return new IamClient({
    endpoint: connection.endpoint,
    transport: io.createTransport({ timeoutMs: connection.timeoutMs }),
    clock: io.clock,
    policy: retryPolicy(connection),
    log: io.log,
    redact: (text) => secrets.redact(text)
  })
}
