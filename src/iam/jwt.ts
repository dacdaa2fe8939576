/** The claims of an IAM access token that the action reads. The signature is IAM's business. */
export interface IamClaims {
  iam_id?: string
  sub?: string
  sub_type?: string
  name?: string
  account?: { bss?: string }
  iat?: number
  exp?: number
  [claim: string]: unknown
}

/** Decodes a JWT's payload; undefined when the value is not a JWT with a JSON payload. */
export function decodeJwtClaims(token: string): IamClaims | undefined {
  const parts = token.split('.')
  if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]+$/.test(p))) return undefined
  try {
    const header = JSON.parse(Buffer.from(parts[0]!, 'base64url').toString('utf8')) as unknown
    const payload = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as unknown
    if (!isObject(header) || !isObject(payload)) return undefined
    return payload as IamClaims
  } catch {
    return undefined
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}
