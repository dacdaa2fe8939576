import { expect } from '@jest/globals'
import { OWN_CODES } from '../../emulator/own-codes.mjs'
import type { Reply } from '../../emulator/client.mjs'

/**
 * A token-endpoint refusal whose code is the emulator's own choice (no IAM code is documented
 * for it): the status, IAM's error shape with the request id the transaction-id header
 * carries, and a code listed for that status in emulator/own-codes.mjs.
 */
export function expectOwnTokenError(reply: Reply<{ errorCode?: string }>, status: number): void {
  expect(reply.status).toBe(status)
  expect(reply.json).toMatchObject({
    errorCode: expect.stringMatching(/^BXNIM\d{4}E$/),
    errorMessage: expect.any(String),
    context: { requestId: reply.headers['transaction-id'] }
  })
  expect(OWN_CODES.filter((own) => own.status === status).map((own) => own.code)).toContain(
    reply.json.errorCode
  )
}
