// @ts-check
// IAM Identity timestamps and the API key object as the Identity API returns it.

const IBM_DATE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?\+0000$/

/** IAM Identity timestamps: `yyyy-MM-ddTHH:mm+0000`. @param {Date} date */
export function formatIbmDate(date) {
  return date.toISOString().slice(0, 16) + '+0000'
}

/**
 * `yyyy-MM-ddTHH:mm+0000` (documented) or `yyyy-MM-ddTHH:mm:ss+0000` (what IBM's own
 * integration tests send to real IAM); null for anything else or an impossible date.
 * @param {string} text @returns {Date | null}
 */
export function parseIbmDate(text) {
  const match = IBM_DATE.exec(text)
  if (!match) return null
  const seconds = match[6] ?? '00'
  const date = new Date(`${text.slice(0, 16)}:${seconds}Z`)
  if (Number.isNaN(date.getTime())) return null
  const roundTrip = date.toISOString().slice(0, 19)
  return roundTrip === `${text.slice(0, 16)}:${seconds}` ? date : null
}

/**
 * @typedef {object} HistoryRecord
 * @property {string} timestamp
 * @property {string} iam_id
 * @property {string} iam_id_account
 * @property {string} action
 * @property {string[]} params
 * @property {string} message
 */

/**
 * The Identity API representation. The value only when asked: the create response, and
 * get/details of a service ID key created with `store_value: true`.
 * @param {import('../state/apikey-store.mjs').ApiKeyRecord} key
 * @param {{ includeValue?: boolean, includeHistory?: boolean, includeActivity?: boolean }} [options]
 */
export function toApiKeyJson(key, options = {}) {
  const showValue = options.includeValue || key.storeValue
  return {
    id: key.id,
    entity_tag: `${key.version}-${key.id.slice(7, 15)}`,
    crn: `crn:v1:bluemix:public:iam-identity::a/${key.accountId}::apikey:${key.id}`,
    locked: key.locked,
    disabled: key.disabled,
    created_at: formatIbmDate(key.createdAt),
    created_by: key.createdBy,
    modified_at: formatIbmDate(key.modifiedAt),
    name: key.name,
    support_sessions: key.supportSessions,
    action_when_leaked: key.actionWhenLeaked,
    ...(key.description ? { description: key.description } : {}),
    iam_id: key.iamId,
    account_id: key.accountId,
    ...(showValue ? { apikey: key.value } : {}),
    ...(key.expiresAt ? { expires_at: formatIbmDate(key.expiresAt) } : {}),
    ...(options.includeHistory ? { history: key.history.map((h) => ({ ...h })) } : {}),
    ...(options.includeActivity ? { activity: { ...key.activity } } : {})
  }
}
