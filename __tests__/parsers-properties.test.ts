/**
 * Property-based tests (fast-check) of the parsers that read what IAM sends: whatever the
 * bytes, each returns a checked value or throws the action's own error, never a TypeError,
 * never a secret in its text, never an unbounded or unescaped string.
 */
import fc from 'fast-check'
import { ActionError } from '../src/errors.js'
import { parseApiKey } from '../src/iam/apikeys.js'
import { parseIamErrorBody } from '../src/iam/error-body.js'
import { MAX_TOKEN_LIFETIME_S, parseTokenResponse } from '../src/iam/token.js'
import { Secrets } from '../src/secrets.js'
import { oneLine } from '../src/untrusted.js'
import { APIKEY, makeJwt, serviceIdClaims, tokenBody } from './helpers/fakes.js'

const NOW = Date.UTC(2026, 1, 20, 12, 0, 0)
const anyJson = fc.jsonValue()

describe('parseTokenResponse', () => {
  it('on any body: an IamToken with a sane expiry, or an ActionError', () => {
    const body = fc.oneof(
      fc.string(),
      anyJson.map((v) => JSON.stringify(v)),
      fc
        .record({
          expires_in: fc.oneof(fc.double(), fc.integer(), fc.string(), fc.constant(undefined)),
          expiration: fc.oneof(fc.double(), fc.integer(), fc.constant(undefined)),
          exp: fc.oneof(fc.double(), fc.integer())
        })
        .map(({ exp, ...fields }) =>
          JSON.stringify({ ...tokenBody(makeJwt(serviceIdClaims(NOW, { exp }))), ...fields })
        )
    )
    fc.assert(
      fc.property(body, (text) => {
        try {
          const t = parseTokenResponse(text, new Secrets(() => {}), NOW)
          expect(Number.isInteger(t.expiresIn)).toBe(true)
          expect(t.expiresIn).toBeGreaterThan(0)
          expect(t.expiresIn).toBeLessThanOrEqual(MAX_TOKEN_LIFETIME_S)
          expect(t.expiration * 1000).toBeGreaterThan(NOW - 5 * 60_000)
          expect(new Date(t.expiration * 1000).toISOString()).toMatch(/^\d{4}-/)
        } catch (err) {
          expect(err).toBeInstanceOf(ActionError)
          expect((err as Error).message).not.toMatch(/[\r\n]/)
        }
      }),
      { numRuns: 500 }
    )
  })

  it('masks the access token before it can throw about anything else', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 8 }), anyJson, (token, extra) => {
        const masked: string[] = []
        const body = JSON.stringify({ access_token: token, expires_in: extra })
        try {
          parseTokenResponse(body, new Secrets((v) => masked.push(v)), NOW)
        } catch {
          // refused or not; either way masked first
        }
        expect(masked).toContain(token)
      })
    )
  })
})

describe('parseIamErrorBody', () => {
  it('never returns the key, whatever escapes or shape the body uses', () => {
    const key = fc
      .array(
        fc.oneof(fc.constantFrom('\t', 'é', '€', '"', '\\', ' '), fc.string({ minLength: 1 })),
        {
          minLength: 4
        }
      )
      .map((parts) => `k${parts.join('')}k`.padEnd(12, 'x'))
    const wrap = fc.constantFrom(
      (k: string) => JSON.stringify({ errorCode: 'BXNIM0109E', errorMessage: `got ${k}` }),
      (k: string) =>
        JSON.stringify({ errorMessage: `got ${k}` }).replace(
          /[^\x20-\x7e]/g,
          (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`
        ),
      (k: string) => JSON.stringify({ errors: [{ message: k }], trace: k }),
      (k: string) => `<html>${JSON.stringify({ echoed: k })}</html>`
    )
    fc.assert(
      fc.property(key, wrap, (k, toBody) => {
        const secrets = new Secrets(() => {})
        secrets.add(k)
        const r = (t: string) => secrets.redact(t)
        const details = parseIamErrorBody(r(toBody(k)), {}, r)
        const text = Object.values(details).join(' ')
        // The key's long inner parts are gone too (whitespace folded the way clean() does).
        expect(text).not.toContain(k.replace(/\s+/g, ' ').trim())
      }),
      { numRuns: 500 }
    )
  })

  it('returns short, single-line strings for any body and headers', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          anyJson.map((v) => JSON.stringify(v))
        ),
        fc.dictionary(fc.constantFrom('transaction-id', 'x-request-id'), fc.string()),
        (body, headers) => {
          for (const value of Object.values(parseIamErrorBody(body, headers))) {
            expect(typeof value).toBe('string')
            expect(value.length).toBeLessThanOrEqual(500)
            // eslint-disable-next-line no-control-regex -- control characters are what must be absent
            expect(value).not.toMatch(/[\u0000-\u001f]/)
          }
        }
      )
    )
  })
})

describe('parseApiKey', () => {
  it('on any JSON value: undefined, or a key with string fields', () => {
    fc.assert(
      fc.property(anyJson, (value) => {
        const key = parseApiKey(value)
        if (key === undefined) return
        expect(key.id.length).toBeGreaterThan(0)
        for (const field of [key.name, key.description, key.iamId, key.accountId]) {
          expect(typeof field).toBe('string')
        }
      })
    )
  })

  it('what it returns prints as one inert line', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.string(), (id, name) => {
        const key = parseApiKey({ id, name })!
        const line = `Swept ${oneLine(key.id)} (${oneLine(key.name)})`
        expect(line).not.toMatch(/[\r\n\u2028\u2029]/)
        expect(line).not.toContain('::')
      })
    )
  })
})

describe('Secrets', () => {
  it('masks the forms the token request and JSON echoes use', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 20 }), (key) => {
        const masked: string[] = []
        new Secrets((v) => masked.push(v)).add(key)
        const form = new URLSearchParams({ apikey: key }).toString().slice('apikey='.length)
        if (form.trim().length >= 4) expect(masked).toContain(form)
      })
    )
    const masked: string[] = []
    new Secrets((v) => masked.push(v)).add(`${APIKEY} ~!'()`)
    expect(masked).toContain(new URLSearchParams({ a: `${APIKEY} ~!'()` }).toString().slice(2))
  })
})
