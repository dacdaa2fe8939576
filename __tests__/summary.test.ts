import { Secrets } from '../src/secrets.js'
import { summaryMarkdown } from '../src/summary.js'
import { parseTokenResponse } from '../src/iam/token.js'
import { NOW, ACCOUNT_ID, IAM_ID, makeJwt, serviceIdClaims, tokenBody } from './helpers/fakes.js'

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

describe('summaryMarkdown, the whole text', () => {
  it('is a heading and a four-row table, each outside value a code span', () => {
    const { token: t } = token(serviceIdClaims(NOW))
    expect(summaryMarkdown({ token: t, endpoint: 'https://iam.cloud.ibm.com' })).toBe(
      [
        '### IBM Cloud IAM token',
        '',
        '| | |',
        '| --- | --- |',
        `| Identity | \`ci-deployer\` \`${IAM_ID}\` (\`ServiceId\`) |`,
        `| Account | \`${ACCOUNT_ID}\` |`,
        '| IAM endpoint | `https://iam.cloud.ibm.com` |',
        '| Token expires | 2026-02-20T13:00:00.000Z (60 min) |',
        ''
      ].join('\n')
    )
  })

  it('adds the ephemeral key and its latest expiry as a fifth row', () => {
    const { token: t } = token(serviceIdClaims(NOW))
    const md = summaryMarkdown({
      token: t,
      endpoint: 'https://iam.cloud.ibm.com',
      ephemeralKey: {
        id: 'ApiKey-1234abcd',
        value: 'Eph3meral_fakeFAKE0123456789abcdefGHIJKLmnopq',
        expiresAtMs: Date.UTC(2026, 1, 20, 14, 1)
      }
    })
    expect(md).not.toContain('Eph3meral')
    expect(md.split('\n').slice(4)).toEqual([
      `| Identity | \`ci-deployer\` \`${IAM_ID}\` (\`ServiceId\`) |`,
      `| Account | \`${ACCOUNT_ID}\` |`,
      '| IAM endpoint | `https://iam.cloud.ibm.com` |',
      '| Token expires | 2026-02-20T13:00:00.000Z (60 min) |',
      '| Ephemeral API key | `ApiKey-1234abcd` (expires 2026-02-20T14:01:00.000Z at the latest) |',
      ''
    ])
  })

  it('shows only the IAM id when the token has no name or sub_type, and rounds minutes', () => {
    const claims = serviceIdClaims(NOW, { name: undefined, sub_type: undefined })
    const jwt = makeJwt(claims)
    const t = parseTokenResponse(
      JSON.stringify(tokenBody(jwt, { expires_in: 3570 })),
      new Secrets(() => {}),
      NOW
    )
    const md = summaryMarkdown({ token: t, endpoint: 'http://127.0.0.1:8080' })
    expect(rows(md)[0]).toBe(`| Identity | \`${IAM_ID}\` |`)
    expect(rows(md)[3]).toBe('| Token expires | 2026-02-20T13:00:00.000Z (60 min) |')
    const t2 = parseTokenResponse(
      JSON.stringify(tokenBody(jwt, { expires_in: 3510 })),
      new Secrets(() => {}),
      NOW
    )
    expect(rows(summaryMarkdown({ token: t2, endpoint: 'x' }))[3]).toContain('(59 min)')
  })
})
