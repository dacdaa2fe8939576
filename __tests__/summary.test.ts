import { Secrets } from '../src/secrets.js'
import { summaryMarkdown } from '../src/summary.js'
import { parseTokenResponse } from '../src/iam/token.js'
import { ACCOUNT_ID, IAM_ID, makeJwt, serviceIdClaims, tokenBody } from './helpers/fakes.js'

const NOW = Date.UTC(2026, 1, 20, 12, 0, 0)

function token(claims: Record<string, unknown>) {
  const jwt = makeJwt(claims)
  return {
    jwt,
    token: parseTokenResponse(JSON.stringify(tokenBody(jwt)), new Secrets(() => {}), NOW)
  }
}

function rows(markdown: string): string[] {
  return markdown.split('\n').filter((l) => /^\| \w/.test(l))
}

describe('summaryMarkdown', () => {
  it('shows identity, account, endpoint and expiry in a table, without the token', () => {
    const { jwt, token: t } = token(serviceIdClaims(NOW))
    const md = summaryMarkdown({ token: t, endpoint: 'https://iam.cloud.ibm.com' })
    const table = rows(md)
    expect(table.find((r) => r.startsWith('| Identity |'))).toContain(IAM_ID)
    expect(table.find((r) => r.startsWith('| Identity |'))).toContain('ci-deployer')
    expect(table.find((r) => r.startsWith('| Identity |'))).toContain('ServiceId')
    expect(table.find((r) => r.startsWith('| Account |'))).toContain(ACCOUNT_ID)
    expect(table.find((r) => r.startsWith('| IAM endpoint |'))).toContain(
      'https://iam.cloud.ibm.com'
    )
    const expiry = new Date((Math.floor(NOW / 1000) + 3600) * 1000).toISOString()
    expect(table.find((r) => r.startsWith('| Token expires |'))).toContain(expiry)
    expect(table.find((r) => r.startsWith('| Token expires |'))).toContain('60 min')
    expect(md).not.toContain(jwt)
    for (const part of jwt.split('.')) expect(md).not.toContain(part)
  })

  it('keeps the table intact when a claim contains a pipe, backtick or newline', () => {
    const { token: t } = token(serviceIdClaims(NOW, { name: 'evil | name`\n| Injected | row' }))
    const md = summaryMarkdown({ token: t, endpoint: 'https://iam.cloud.ibm.com' })
    const table = rows(md)
    expect(table).toHaveLength(4)
    const identity = table.find((r) => r.startsWith('| Identity |')) ?? ''
    // Exactly the three unescaped pipes of a two-column row (GFM reads `\|` as text).
    expect(identity.split(/(?<!\\)\|/)).toHaveLength(4)
  })

  it('says when the token carries no account', () => {
    const { token: t } = token(serviceIdClaims(NOW, { account: undefined }))
    const md = summaryMarkdown({ token: t, endpoint: 'https://iam.cloud.ibm.com' })
    expect(rows(md).find((r) => r.startsWith('| Account |'))).toContain('(not in token)')
  })
})
