// @ts-check
// The token endpoint's error body, as IAM sends it, and its "property missing" answer.

/** The pod name IAM reports as both `instanceId` and `host`; the emulator's is fixed. */
const INSTANCE_ID = 'iamid-emulator-0'
let threadCounter = 0x1000

/** `startTime` style of IAM error contexts: `30.10.2017 06:20:29:504 UTC`. @param {Date} d */
function iamTime(d) {
  const p = (/** @type {number} */ n, w = 2) => String(n).padStart(w, '0')
  return (
    `${p(d.getUTCDate())}.${p(d.getUTCMonth() + 1)}.${d.getUTCFullYear()} ` +
    `${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}:` +
    `${p(d.getUTCMilliseconds(), 3)} UTC`
  )
}

/**
 * Token endpoint error: `{errorCode, errorMessage, errorDetails?, context:{requestId, ...}}`.
 * @param {import('../http/context.mjs').RequestContext} ctx
 * @param {number} status
 * @param {string} errorCode
 * @param {string} errorMessage
 * @param {string} [errorDetails]
 * @param {Record<string, string>} [headers]
 */
export function sendTokenError(ctx, status, errorCode, errorMessage, errorDetails, headers) {
  const end = new Date()
  const body = {
    errorCode,
    errorMessage,
    ...(errorDetails ? { errorDetails } : {}),
    // The fields and their order as in IAM's own error bodies (see CONTRACT.md).
    context: {
      requestId: ctx.transactionId,
      requestType: 'incoming.Identity_Token',
      userAgent: ctx.req.headers['user-agent'] ?? '',
      clientIp: ctx.req.socket.remoteAddress ?? '',
      url: ctx.origin,
      instanceId: INSTANCE_ID,
      threadId: (threadCounter++).toString(16),
      host: INSTANCE_ID,
      startTime: iamTime(new Date(ctx.entry.time)),
      endTime: iamTime(end),
      elapsedTime: String(end.getTime() - ctx.entry.time),
      locale: 'en_US',
      clusterName: 'iam-emulator'
    }
  }
  ctx.send(status, body, headers)
}

/** @param {import('../http/context.mjs').RequestContext} ctx @param {string} property */
export const sendMissing = (ctx, property) =>
  sendTokenError(
    ctx,
    400,
    'BXNIM0109E',
    'Property missing or empty.',
    `Property '${property}' either missing or empty.`
  )
