// @ts-check
// Validation of the API key fields a create or update may carry.
import { parseIbmDate } from './apikey-json.mjs'

/**
 * Longest key name the emulator accepts. IAM documents no limit (IBM's SDKs and API docs
 * state none); 100 is the emulator's own choice and matches the action's cap. Unverified.
 */
export const NAME_MAX_LENGTH = 100
/** IBM's SDK docs: a passed-through value must have at least 32 characters. */
export const APIKEY_MIN_LENGTH = 32
const LEAK_ACTIONS = ['none', 'disable', 'delete']

/**
 * @typedef {object} KeyFields
 * @property {string} [name]
 * @property {string} [description]
 * @property {Date | null} [expiresAt]
 * @property {boolean} [supportSessions]
 * @property {'none' | 'disable' | 'delete'} [actionWhenLeaked]
 * @property {string} [value]
 * @property {boolean} [storeValue]
 */

/**
 * Checks the fields present in `body`; returns them, or the message of the first problem.
 * @param {Record<string, unknown>} body
 * @param {{ create: boolean }} mode create also takes apikey and store_value
 * @returns {{ ok: true, fields: KeyFields } | { ok: false, missing?: string, message?: string }}
 */
export function parseKeyFields(body, { create }) {
  /** @type {KeyFields} */
  const fields = {}
  const { name, description, expires_at: expiresAt } = body
  if (name !== undefined || create) {
    if (typeof name !== 'string' || !name) return { ok: false, missing: 'name' }
    if ([...name].length > NAME_MAX_LENGTH) {
      return {
        ok: false,
        message: `Property 'name' must be at most ${NAME_MAX_LENGTH} characters.`
      }
    }
    fields.name = name
  }
  if (description !== undefined) {
    if (typeof description !== 'string') {
      return { ok: false, message: "Property 'description' must be a string." }
    }
    fields.description = description
  }
  if (expiresAt !== undefined) {
    const date = parseIbmDate(String(expiresAt))
    if (!date) {
      return {
        ok: false,
        message:
          "Property 'expires_at' must look like yyyy-MM-ddTHH:mm+0000 (or with seconds), e.g. 2026-11-22T18:30+0000."
      }
    }
    fields.expiresAt = date
  }
  for (const prop of create ? ['support_sessions', 'store_value'] : ['support_sessions']) {
    const value = body[prop]
    if (value === undefined) continue
    if (typeof value !== 'boolean') {
      return { ok: false, message: `Property '${prop}' must be a boolean.` }
    }
    if (prop === 'store_value') fields.storeValue = value
    else fields.supportSessions = value
  }
  const leaked = body.action_when_leaked
  if (leaked !== undefined) {
    if (typeof leaked !== 'string' || !LEAK_ACTIONS.includes(leaked)) {
      return {
        ok: false,
        message: "Property 'action_when_leaked' must be none, disable or delete."
      }
    }
    fields.actionWhenLeaked = /** @type {'none' | 'disable' | 'delete'} */ (leaked)
  }
  if (create && body.apikey !== undefined) {
    if (typeof body.apikey !== 'string' || body.apikey.length < APIKEY_MIN_LENGTH) {
      return {
        ok: false,
        message: `Property 'apikey' must have at least ${APIKEY_MIN_LENGTH} characters.`
      }
    }
    fields.value = body.apikey
  }
  return { ok: true, fields }
}
