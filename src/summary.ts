import type { IssuedKey } from './ephemeral/issue.js'
import type { IamToken } from './iam/token.js'
import { codeCell } from './untrusted.js'

export interface SummaryFacts {
  token: IamToken
  endpoint: string
  ephemeralKey?: IssuedKey
}

/**
 * The job summary: who, which account, where, until when. Nothing secret, and every value
 * from outside (the token's claims, the key id) as a code span: no Markdown or HTML of theirs.
 */
export function summaryMarkdown({ token, endpoint, ephemeralKey }: SummaryFacts): string {
  const c = token.claims
  const identity = [
    c.name ? codeCell(c.name) : '',
    codeCell(token.iamId),
    c.sub_type ? `(${codeCell(c.sub_type)})` : ''
  ]
    .filter(Boolean)
    .join(' ')
  const rows: [string, string][] = [
    ['Identity', identity],
    ['Account', token.accountId ? codeCell(token.accountId) : '(not in token)'],
    ['IAM endpoint', codeCell(endpoint)],
    [
      'Token expires',
      `${new Date(token.expiration * 1000).toISOString()} (${Math.round(token.expiresIn / 60)} min)`
    ]
  ]
  if (ephemeralKey) {
    const until = new Date(ephemeralKey.expiresAtMs).toISOString()
    rows.push([
      'Ephemeral API key',
      `${codeCell(ephemeralKey.id)} (expires ${until} at the latest)`
    ])
  }
  return [
    '### IBM Cloud IAM token',
    '',
    '| | |',
    '| --- | --- |',
    ...rows.map(([k, v]) => `| ${k} | ${v} |`),
    ''
  ].join('\n')
}
