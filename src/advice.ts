import { SOURCE_ADVICE } from './credentials/sources.js'

/**
 * Every piece of advice the action gives, as rows: `describeError` and the main step put
 * `text` into their messages, and docs/TROUBLESHOOTING.md is generated from the same rows
 * (`npm run docs`; a test fails when the page and the rows drift apart). `{attempts}` and
 * `{account}` are filled in when the message is made.
 *
 * A row names the IAM error codes it answers (`codes`): there is no separate code map, so a
 * code and its advice are written down once. Rows come in groups that a module may own: a
 * credential source carries the rows only its inputs or its exchange can produce (the `advice`
 * of its row, credentials/source.ts), collected here from the sources table (SOURCE_ADVICE),
 * so that its codes, its advice and its troubleshooting lines live with the source.
 */
export interface Advice {
  /** What the user sees in the log, as the troubleshooting page quotes it. */
  symptom: string
  /** Why it happens. */
  cause: string
  /** What the message tells the user to do. */
  text: string
  /** IAM error codes (`errorCode`) this row answers, whatever the operation or status. */
  codes?: readonly string[]
}

/** A group of rows, keyed by id; ids and codes are unique across all groups. */
export type AdviceRows = Record<string, Advice>

/** What IAM, the Identity API and the network say, whichever source asked. */
export const IAM_ADVICE = {
  missingProperty: {
    codes: ['BXNIM0109E'],
    symptom: '`HTTP 400 BXNIM0109E`',
    cause: 'A required form field was empty when IAM read it.',
    text: 'IAM says a required property of the request is missing or empty.'
  },
  unsupportedGrant: {
    codes: ['BXNIM0106E'],
    symptom: '`HTTP 400 BXNIM0106E`',
    cause: '`iam-endpoint` points at something that speaks another dialect of IAM.',
    text: 'IAM does not support the grant or response type that was sent.'
  },
  accountPinned: {
    symptom: '`account-id pins account X`',
    cause: 'IAM refused the key, and `account-id` names an account the key may not belong to.',
    text: 'account-id pins account {account}: check that the key belongs to that account.'
  },
  rateLimited: {
    symptom: '`HTTP 429 ... after N attempts`',
    cause: "Many jobs shared IAM's rate limit.",
    text:
      'IAM kept answering "too many requests" for {attempts} attempt(s), until the retry budget ' +
      '(max-attempts × timeout-seconds) ran out. Many jobs starting at once share the rate limit: ' +
      'raise `max-attempts` or `timeout-seconds` for a longer budget, or stagger the matrix with ' +
      '`max-parallel`.'
  },
  maybeCreated: {
    symptom: '`API key creation failed` with HTTP 5xx or a lost answer',
    cause: 'IAM may have made the key before the answer was lost; a retry could make a second one.',
    text:
      'IAM may have created the key before failing, so it was not retried. Such a key expires at ' +
      '`ephemeral-key-ttl`, and `sweep-stale-keys: true` deletes it on a later run once stale.'
  },
  iamFailing: {
    symptom: '`HTTP 5xx ... after N attempts`',
    cause: 'IAM, or a proxy in front of it, kept failing.',
    text:
      'IAM kept failing for {attempts} attempt(s). Check https://cloud.ibm.com/status; ' +
      'if you set `iam-endpoint` or go through a proxy, check that it reaches IAM.'
  },
  keyNotPermitted: {
    symptom: '`API key creation failed ... HTTP 403`',
    cause: 'The identity may not manage its own API keys.',
    text:
      'The identity behind `apikey` may not manage its own API keys. For a service ID, grant it ' +
      'the Operator (or Administrator) role on the IAM Identity Service for that service ID; for ' +
      'a user, the "User API key creator" role where the account restricts API key creation. ' +
      'Or set `ephemeral-key: false`.'
  },
  tokenRefused: {
    symptom: '`API key creation failed ... HTTP 401` (or lookup, deletion, listing)',
    cause:
      'The IAM Identity API did not accept the access token sent with the request: it was missing, expired or invalid (a 401 is not about roles; a missing role is a 403).',
    text:
      'The IAM Identity API did not accept the access token: it was missing, expired or not ' +
      'valid there (a 401, not a missing role). Check that `iam-endpoint` (or `region`) names the ' +
      'IAM that issued the token and that no proxy strips the Authorization header; a rerun ' +
      'gets a fresh token.'
  },
  keyLimit: {
    symptom: '`API key creation failed ... HTTP 400`',
    cause: 'A limit on API keys is reached.',
    text:
      'IAM refused to create the key: a limit on API keys may be reached. Delete unused keys ' +
      '(`sweep-stale-keys: true` removes the ones this action left behind).'
  },
  invalidValue: {
    codes: ['BXNIM0110E'],
    symptom: '`HTTP 400 BXNIM0110E`',
    cause:
      'IAM read a field of the request with the wrong type or format (not a key limit): the action builds the request, so an endpoint that is not IBM Cloud IAM, or a bug.',
    text:
      'IAM says a field of the request has the wrong type or format (not a key limit). The ' +
      'action builds that request itself (the key name, its description, `expires_at` from ' +
      '`ephemeral-key-ttl`): check that `iam-endpoint` is IBM Cloud IAM, and report this with ' +
      'the IAM request id if it is.'
  },
  timeout: {
    symptom: '`ETIMEDOUT`',
    cause: 'No answer within `timeout-seconds`.',
    text: 'IAM did not answer within `timeout-seconds`. Raise it, or check the network path (proxy, firewall).'
  },
  dns: {
    symptom: '`ENOTFOUND`',
    cause: 'The host does not resolve. Private endpoints resolve only inside IBM Cloud.',
    text: 'The host name did not resolve. Check `iam-endpoint`/`region`; private endpoints resolve only inside IBM Cloud (VPC with a VPE).'
  },
  tls: {
    symptom: '`TLS certificate was not trusted`',
    cause: 'A TLS-inspecting proxy, or an endpoint whose certificate does not match its name.',
    text: 'The TLS certificate was not trusted. Behind a TLS-inspecting proxy, point NODE_EXTRA_CA_CERTS at its CA bundle.'
  },
  network: {
    symptom: '`Could not reach IBM Cloud IAM` (ECONNRESET and others)',
    cause: 'The connection broke: a proxy, a firewall, or a private endpoint outside IBM Cloud.',
    text: "Check the runner's network: a proxy needs HTTPS_PROXY (and NO_PROXY for exceptions); a private endpoint needs a runner inside IBM Cloud."
  }
} as const satisfies AdviceRows

/**
 * Every row, in the order of the troubleshooting page: each source's own rows (its `advice`,
 * collected from the sources table in its order), then what any source may meet.
 */
export const ADVICE = { ...SOURCE_ADVICE, ...IAM_ADVICE } as const satisfies AdviceRows

export type AdviceId = keyof typeof ADVICE

/** The advice's text with its placeholders filled in. */
export function advise(id: AdviceId, fill: { attempts?: number; account?: string } = {}): string {
  return ADVICE[id].text
    .replace('{attempts}', String(fill.attempts ?? 'N'))
    .replace('{account}', fill.account ?? 'X')
}

/** The row that names IAM error code `code`, if one does. */
export function adviceForCode(code: string): AdviceId | undefined {
  return (Object.keys(ADVICE) as AdviceId[]).find((id) =>
    (ADVICE[id] as Advice).codes?.includes(code)
  )
}
