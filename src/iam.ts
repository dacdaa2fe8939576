import { IamError, parseIamErrorBody, type Operation } from './errors.js'
import type { HttpRequest, HttpResponse, HttpTransport } from './http.js'
import { sendWithRetry, type RetryPolicy } from './retry.js'
import type { Clock } from './runner.js'

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
  constructor(readonly options: IamClientOptions) {}

  get endpoint(): string {
    return this.options.endpoint
  }

  async call(
    operation: Operation,
    request: Omit<HttpRequest, 'url'> & { path: string },
    okStatuses: number[]
  ): Promise<HttpResponse & { attempts: number }> {
    const { path, ...rest } = request
    const url = `${this.options.endpoint}${path}`
    const { response, attempts } = await sendWithRetry(
      () => this.options.transport({ ...rest, url }),
      { ...this.options, operation, url, idempotent: operation !== 'API key creation' }
    )
    if (!okStatuses.includes(response.status)) {
      throw new IamError(
        operation,
        response.status,
        parseIamErrorBody(this.options.redact(response.body), response.headers),
        attempts
      )
    }
    return { ...response, attempts }
  }
}
