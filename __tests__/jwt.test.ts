import { decodeJwtClaims } from '../src/iam/jwt.js'
import { makeJwt } from './helpers/fakes.js'

const b64 = (v: string) => Buffer.from(v, 'utf8').toString('base64url')

describe('decodeJwtClaims', () => {
  it('returns the payload of a well-formed JWT', () => {
    const claims = { iam_id: 'iam-X', account: { bss: 'acc' }, exp: 1771544571 }
    expect(decodeJwtClaims(makeJwt(claims))).toEqual(claims)
  })

  it('decodes a JWT written out by hand (not only what the test helper makes)', () => {
    // {"alg":"RS256","typ":"JWT"} . {"iam_id":"iam-ServiceId-1","exp":1771544571} . signature
    const token =
      'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.' +
      'eyJpYW1faWQiOiJpYW0tU2VydmljZUlkLTEiLCJleHAiOjE3NzE1NDQ1NzF9.' +
      'c2lnbmF0dXJlLWJ5dGVz'
    expect(decodeJwtClaims(token)).toEqual({ iam_id: 'iam-ServiceId-1', exp: 1771544571 })
  })

  it('reads a payload that is base64url with - and _ (not standard base64)', () => {
    // A name whose UTF-8 bytes encode to base64url '-' and '_' characters.
    const payload = { name: '\u00fb\u00ff?>' }
    const encoded = b64(JSON.stringify(payload))
    expect(encoded).toMatch(/[-_]/)
    expect(decodeJwtClaims(`${b64('{"alg":"RS256"}')}.${encoded}.sig`)).toEqual(payload)
  })

  it.each([
    ['an opaque string', 'not-a-jwt'],
    ['two segments', `${b64('{"alg":"RS256"}')}.${b64('{"a":1}')}`],
    ['four segments', `${b64('{}')}.${b64('{}')}.sig.extra`],
    ['an empty signature', `${b64('{"alg":"RS256"}')}.${b64('{"a":1}')}.`],
    ['standard base64 characters', `${b64('{"alg":"RS256"}')}.${b64('{"a":1}')}.ab+/cd==`],
    ['a payload that is not JSON', `${b64('{"alg":"RS256"}')}.${b64('hello')}.sig`],
    ['a payload that is an array', `${b64('{"alg":"RS256"}')}.${b64('[1,2]')}.sig`],
    ['a header that is not JSON', `${b64('nope')}.${b64('{"a":1}')}.sig`],
    ['a Bearer prefix', `Bearer ${makeJwt({ a: 1 })}`],
    // Node's base64url decoder skips such characters: the shape check must refuse them.
    [
      'a segment that starts with a non-base64url character',
      `!${b64('{"alg":"RS256"}')}.${b64('{"a":1}')}.sig`
    ],
    [
      'a segment that ends with a non-base64url character',
      `${b64('{"alg":"RS256"}')}.${b64('{"a":1}')}!.sig`
    ],
    ['a payload that is null', `${b64('{"alg":"RS256"}')}.${b64('null')}.sig`],
    ['a payload that is a number', `${b64('{"alg":"RS256"}')}.${b64('42')}.sig`],
    ['a payload that is a string', `${b64('{"alg":"RS256"}')}.${b64('"claims"')}.sig`],
    ['a header that is an array', `${b64('["RS256"]')}.${b64('{"a":1}')}.sig`],
    ['a header that is null', `${b64('null')}.${b64('{"a":1}')}.sig`],
    ['a header that is a number', `${b64('7')}.${b64('{"a":1}')}.sig`]
  ])('returns undefined for %s', (_what, token) => {
    expect(decodeJwtClaims(token)).toBeUndefined()
  })
})
