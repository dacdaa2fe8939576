import { ActionError, OPERATION } from '../errors.js'
import type { Secrets } from '../secrets.js'
import type { IamClient } from './client.js'
import type { HttpResponse } from './http.js'
import { parseJson } from './read-body.js'

/** An API key as the IAM Identity API describes it (its value comes only on creation). */
export interface ApiKey {
  id: string
  name: string
  description: string
  iamId: string
  accountId: string
  createdAt?: string
  /** As IAM gives it: yyyy-MM-ddTHH:mm+0000. */
  expiresAt?: string
}

/**
 * One key object of the Identity API's answers; undefined unless it is an object with a string
 * id, never a throw.
 */
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

export interface NewApiKey {
  name: string
  description: string
  iamId: string
  accountId: string
  /** yyyy-MM-ddTHH:mm+0000 */
  expiresAt: string
}

function headers(token: string): Record<string, string> {
  return {
    Authorization: `Bearer ${token}`,
    Accept: 'application/json',
    'Content-Type': 'application/json'
  }
}

/** Creates a key; its value is masked the moment the answer is parsed, before any check. */
export async function createApiKey(
  iam: IamClient,
  token: string,
  key: NewApiKey,
  secrets: Secrets
): Promise<ApiKey & { value: string }> {
  const body = JSON.stringify({
    name: key.name,
    description: key.description,
    iam_id: key.iamId,
    account_id: key.accountId,
    expires_at: key.expiresAt,
    store_value: false
  })
  const res = await iam.call({
    operation: OPERATION.createKey,
    method: 'POST',
    path: '/v1/apikeys',
    headers: headers(token),
    body,
    idempotent: false,
    ok: [201, 200]
  })
  const json = parseJson(res.body)
  const value = json?.apikey
  if (typeof value === 'string') secrets.add(value)
  const parsed = parseApiKey(json)
  if (!parsed || typeof value !== 'string' || value === '') {
    throw new ActionError(
      'IBM Cloud IAM answered the API key creation without a key id and value. Check `iam-endpoint`.'
    )
  }
  return { ...parsed, value }
}

/**
 * IAM's own "no such key": a 404 whose body says `not_found`. A 404 with any other body (a
 * wrong path, a proxy, an emulator's unknown route) is an error, never taken for "gone".
 */
function keyNotFound(res: HttpResponse): boolean {
  if (res.status !== 404) return false
  const body = parseJson(res.body) as { errors?: { code?: unknown }[] } | undefined
  return Array.isArray(body?.errors) && body.errors[0]?.code === 'not_found'
}

/** 'deleted' on 204, 'already-gone' on IAM's 404 not_found; any other answer is an IamError. */
export async function deleteApiKey(
  iam: IamClient,
  token: string,
  id: string
): Promise<'deleted' | 'already-gone'> {
  const res = await iam.call({
    operation: OPERATION.deleteKey,
    method: 'DELETE',
    path: `/v1/apikeys/${encodeURIComponent(id)}`,
    headers: headers(token),
    idempotent: true,
    ok: (res) => res.status === 204 || res.status === 200 || keyNotFound(res)
  })
  return res.status === 404 ? 'already-gone' : 'deleted'
}

/**
 * The key with this id as IAM describes it (name, description, owner), or undefined when IAM
 * does not know it in the token's account (404). A failed lookup reads as a lookup, not as the
 * deletion it comes before.
 */
export async function getApiKey(
  iam: IamClient,
  token: string,
  id: string
): Promise<ApiKey | undefined> {
  const res = await iam.call({
    operation: OPERATION.lookupKey,
    method: 'GET',
    path: `/v1/apikeys/${encodeURIComponent(id)}`,
    headers: headers(token),
    idempotent: true,
    ok: (res) => res.status === 200 || keyNotFound(res)
  })
  if (res.status === 404) return undefined
  const key = parseApiKey(parseJson(res.body))
  if (!key) {
    throw new ActionError(
      'IBM Cloud IAM answered the API key lookup without a key object. Check `iam-endpoint`.'
    )
  }
  return key
}

/** All keys of one identity in one account, following IAM's pages (bounded). */
export async function listApiKeys(
  iam: IamClient,
  token: string,
  filter: { accountId: string; iamId: string },
  maxPages = 20
): Promise<ApiKey[]> {
  const keys: ApiKey[] = []
  let pagetoken: string | undefined
  for (let page = 0; page < maxPages; page++) {
    const query = new URLSearchParams({
      account_id: filter.accountId,
      iam_id: filter.iamId,
      pagesize: '100'
    })
    if (pagetoken) query.set('pagetoken', pagetoken)
    const res = await iam.call({
      operation: OPERATION.listKeys,
      method: 'GET',
      path: `/v1/apikeys?${query}`,
      headers: headers(token),
      idempotent: true,
      ok: [200]
    })
    const json = parseJson(res.body)
    if (Array.isArray(json?.apikeys)) {
      for (const item of json.apikeys as unknown[]) {
        const key = parseApiKey(item)
        if (key) keys.push(key)
      }
    }
    pagetoken = nextPageToken(json?.next)
    if (!pagetoken) break
  }
  return keys
}

/** IAM's `next` is a URL carrying `pagetoken`; accept a bare token too. */
function nextPageToken(next: unknown): string | undefined {
  if (typeof next !== 'string') return undefined
  if (/^[A-Za-z0-9._~-]+$/.test(next)) return next
  const base = 'https://iam.invalid'
  if (!URL.canParse(next, base)) return undefined
  return new URL(next, base).searchParams.get('pagetoken') ?? undefined
}

/** IAM keeps key expiries to the minute: the time a key asked to expire at `epochMs` really does. */
export function roundUpToMinute(epochMs: number): number {
  return Math.ceil(epochMs / 60_000) * 60_000
}

/** IAM's key expiry format, yyyy-MM-ddTHH:mm+0000, rounded up to the next whole minute. */
export function formatExpiresAt(epochMs: number): string {
  return `${new Date(roundUpToMinute(epochMs)).toISOString().slice(0, 16)}+0000`
}

/** Reads IAM's expiry and creation formats (yyyy-MM-ddTHH:mm[:ss[.SSS]]+0000 or ISO 8601). */
export function parseIamTime(value: string | undefined): number | undefined {
  if (!value) return undefined
  const iso = value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')
  const ms = Date.parse(iso)
  return Number.isNaN(ms) ? undefined : ms
}
