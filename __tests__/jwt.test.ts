import { decodeJwtClaims } from '../src/iam/jwt.js'
import { makeJwt } from './helpers/fakes.js'

const b64 = (v: string) => Buffer.from(v, 'utf8').toString('base64url')

describe('decodeJwtClaims', () => {
  it('returns the payload of a well-formed JWT', () => {
    const claims = { iam_id: 'iam-X', account: { bss: 'acc' }, exp: 1771544571 }
    expect(decodeJwtClaims(makeJwt(claims))).toEqual(claims)
  })

  it('makeJwt gives three base64url segments and a different signature each time', () => {
    const a = makeJwt({ a: 1 })
    const b = makeJwt({ a: 1 })
    expect(a.split('.')).toHaveLength(3)
    expect(a).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/)
    expect(a).not.toBe(b)
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
    ['a Bearer prefix', `Bearer ${makeJwt({ a: 1 })}`]
  ])('returns undefined for %s', (_what, token) => {
    expect(decodeJwtClaims(token)).toBeUndefined()
  })
})
