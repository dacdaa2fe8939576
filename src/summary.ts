import type { IssuedKey } from './ephemeral/issue.js'
import type { IamToken } from './iam/token.js'

export interface SummaryFacts {
  token: IamToken
  endpoint: string
  ephemeralKey?: IssuedKey
}

/** The job summary: who, which account, where, until when. Nothing secret. */
export function summaryMarkdown({ token, endpoint, ephemeralKey }: SummaryFacts): string {
  const c = token.claims
  const identity = [
    c.name ? cell(c.name) : '',
    `\`${cell(token.iamId)}\``,
    c.sub_type ? `(${cell(c.sub_type)})` : ''
  ]
    .filter(Boolean)
    .join(' ')
  const rows: [string, string][] = [
    ['Identity', identity],
    ['Account', token.accountId ? `\`${cell(token.accountId)}\`` : '(not in token)'],
    ['IAM endpoint', cell(endpoint)],
    [
      'Token expires',
      `${new Date(token.expiration * 1000).toISOString()} (${Math.round(token.expiresIn / 60)} min)`
    ]
  ]
  if (ephemeralKey) {
    const until = new Date(ephemeralKey.expiresAtMs).toISOString()
    rows.push([
      'Ephemeral API key',
      `\`${cell(ephemeralKey.id)}\` (expires ${until} at the latest)`
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

function cell(text: unknown): string {
  return String(text).replace(/[|\r\n`]/g, ' ')
}
