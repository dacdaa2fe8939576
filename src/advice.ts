/**
 * Every piece of advice the action gives, as rows: `describeError` and the main step put
 * `text` into their messages, and docs/TROUBLESHOOTING.md is generated from the same rows
 * (`npm run docs`; a test fails when the page and the rows drift apart). `{attempts}` and
 * `{account}` are filled in when the message is made.
 *
 * A row names the IAM error codes it answers (`codes`): there is no separate code map, so a
 * code and its advice are written down once. Rows come in groups that a module may own: a
 * credential source exports its rows (`AdviceRows`) and they are spread into ADVICE, so that
 * its codes, its advice and its troubleshooting lines live with the source.
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

/**
 * The API key source's rows (the `apikey` input, alone or with a trusted profile). They
 * move into that source's module once each source is one module.
 */
const APIKEY_SOURCE_ADVICE = {
  emptyKey: {
    symptom: '`The apikey input is empty`',
    cause:
      'GitHub passes no secrets to pull requests from forks (nor Actions secrets to Dependabot runs), or the secret name is misspelled.',
    text: 'GitHub passes no secrets to pull requests from forks (nor Actions secrets to Dependabot runs); otherwise check that the secret exists and that `with: apikey: ${{ secrets.NAME }}` names it exactly.'
  },
  emptyKeyDependabot: {
    symptom: '`The apikey input is empty` (run started by Dependabot)',
    cause: 'Dependabot runs read Dependabot secrets, not Actions secrets.',
    text: 'This run was started by Dependabot, which reads Dependabot secrets, not Actions secrets: add the key under Settings > Secrets > Dependabot.'
  },
  skipMissingKey: {
    symptom: '`The apikey input is empty` (on purpose)',
    cause: 'Runs without secrets (forks, Dependabot) should pass without IBM Cloud.',
    text: 'To let such runs pass without IBM Cloud, set `on-missing-apikey: skip` and test `steps.<id>.outputs.authenticated`.'
  },
  wrongKey: {
    codes: ['BXNIM0415E'],
    symptom: '`HTTP 400 BXNIM0415E`',
    cause:
      'The key is mistyped, deleted, expired, or from another account or environment (staging keys only work at `https://iam.test.cloud.ibm.com`).',
    text:
      'The API key was not found: it is mistyped, deleted, expired, or from another IBM Cloud ' +
      'account or environment. Check the secret passed as `apikey` (create a new key with ' +
      '`ibmcloud iam api-key-create` or `ibmcloud iam service-api-key-create` and store it again).'
  }
} as const satisfies AdviceRows

/** What IAM, the Identity API and the network say, whichever source asked. */
const IAM_ADVICE = {
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
  keyLimit: {
    symptom: '`API key creation failed ... HTTP 400`',
    cause: 'A limit on API keys is reached.',
    text:
      'IAM refused to create the key: a limit on API keys may be reached. Delete unused keys ' +
      '(`sweep-stale-keys: true` removes the ones this action left behind).'
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

/** Every row, in the order of the troubleshooting page. */
export const ADVICE = { ...APIKEY_SOURCE_ADVICE, ...IAM_ADVICE } as const satisfies AdviceRows

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
