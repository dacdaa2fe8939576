import type { ApiKey } from './apikeys.js'

/** Parsers of what the IAM Identity API answers: anything else is undefined, never a throw. */

/** One key object of IAM's answers; undefined unless it is an object with a string id. */
export function parseApiKey(item: unknown): ApiKey | undefined {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) return undefined
  const o = item as Record<string, unknown>
  if (typeof o.id !== 'string' || o.id.length === 0) return undefined
  const s = (v: unknown) => (typeof v === 'string' ? v : '')
  return {
    id: o.id,
    name: s(o.name),
    description: s(o.description),
    iamId: s(o.iam_id),
    accountId: s(o.account_id),
    ...(typeof o.created_at === 'string' ? { createdAt: o.created_at } : {}),
    ...(typeof o.expires_at === 'string' ? { expiresAt: o.expires_at } : {})
  }
}
