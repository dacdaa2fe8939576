/**
 * The expiry of the token IAM returned is checked before anything is published (issue 8): each
 * bound at its edge, each message as a user reads it.
 */
import { ActionError } from '../src/errors.js'
import { checkAccount, parseTokenResponse } from '../src/iam/token.js'
import { Secrets } from '../src/secrets.js'
import { makeJwt, serviceIdClaims } from './helpers/fakes.js'

/** 2026-02-20T12:00:00Z, in epoch seconds. */
const NOW_S = 1_771_588_800
const NOW = NOW_S * 1000

/** A 200 body: the token's claims (iat/exp) and the body's own fields, each left out when undefined. */
function parse(body: Record<string, unknown>, claims: Record<string, unknown> = {}) {
  const token = makeJwt(serviceIdClaims(NOW, { iat: NOW_S, exp: NOW_S + 3600, ...claims }))
  return parseTokenResponse(
    JSON.stringify({ access_token: token, ...body }),
    new Secrets(() => {}),
    NOW
  )
}

function refusal(body: Record<string, unknown> | string, claims: Record<string, unknown> = {}) {
  try {
    if (typeof body === 'string') {
      const token = makeJwt(serviceIdClaims(NOW, claims))
      parseTokenResponse(body.replace('TOKEN', token), new Secrets(() => {}), NOW)
    } else {
      parse(body, claims)
    }
  } catch (err) {
    expect(err).toBeInstanceOf(ActionError)
    return (err as Error).message
  }
  throw new Error(`expected a refusal of ${JSON.stringify(body)}`)
}

describe('expires_in', () => {
  it.each([1, 60, 3600, 10_800])('accepts %d s', (seconds) => {
    expect(parse({ expires_in: seconds, expiration: NOW_S + seconds }).expiresIn).toBe(seconds)
  })

  it('keeps whole seconds of a fractional lifetime', () => {
    expect(parse({ expires_in: 3599.9, expiration: NOW_S + 3600 }).expiresIn).toBe(3599)
  })

  it.each([
    ['0', '0'],
    ['-60', '-60'],
    ['0.5', '0.5'],
    ['10801', '10801'],
    ['1e400', 'Infinity'],
    ['"3600"', '3600'],
    ['null', 'null']
  ])('refuses %s, saying what it got', (raw, shown) => {
    expect(refusal(`{"access_token":"TOKEN","expires_in":${raw}}`)).toBe(
      `IBM Cloud IAM returned a token whose expires_in (${shown}) is not a lifetime of 1 s to 3 hours. Check \`iam-endpoint\`.`
    )
  })
})

describe('expiration', () => {
  it('is taken from the body before the exp claim', () => {
    const token = parse({ expires_in: 3600, expiration: NOW_S + 1800 }, { exp: NOW_S + 3600 })
    expect(token.expiration).toBe(NOW_S + 1800)
  })

  it('keeps whole seconds', () => {
    expect(parse({ expires_in: 3600, expiration: NOW_S + 3600.7 }).expiration).toBe(NOW_S + 3600)
  })

  it('falls back to exp, and expires_in to the time left by this clock', () => {
    const token = parse({}, { exp: NOW_S + 1200 })
    expect(token.expiration).toBe(NOW_S + 1200)
    expect(token.expiresIn).toBe(1200)
  })

  it.each([
    ['0', '0'],
    ['-5', '-5'],
    ['"1771592400"', '1771592400'],
    ['253402300800', '253402300800'],
    ['1e400', 'Infinity']
  ])('refuses %s, saying what it got', (raw, shown) => {
    expect(refusal(`{"access_token":"TOKEN","expires_in":3600,"expiration":${raw}}`)).toBe(
      `IBM Cloud IAM returned a token whose expiration (${shown}) is not a time in epoch seconds. Check \`iam-endpoint\`.`
    )
  })

  it('refuses a token with neither expiration nor a usable exp', () => {
    const message =
      'IBM Cloud IAM returned a token without an expiry (expiration/exp). Check `iam-endpoint`.'
    expect(refusal({ expires_in: 3600 }, { exp: undefined })).toBe(message)
    expect(refusal({ expires_in: 3600 }, { exp: 0 })).toBe(message)
    expect(refusal({ expires_in: 3600 }, { exp: 'soon' })).toBe(message)
  })
})

describe('a token that is already expired by this runner clock', () => {
  it('is accepted up to 5 minutes past its expiry, when IAM says it is fresh', () => {
    expect(parse({ expires_in: 3600, expiration: NOW_S - 299 }).expiration).toBe(NOW_S - 299)
  })

  it('is refused from 5 minutes past, naming how far this clock is ahead of IAM', () => {
    // IAM issued it 3600 s before NOW_S - 300, so this clock is 65 min ahead of IAM's.
    expect(refusal({ expires_in: 3600, expiration: NOW_S - 300 })).toBe(
      'IBM Cloud IAM returned a token that expired at 2026-02-20T11:55:00.000Z, but this ' +
        "runner's clock says it is 2026-02-20T12:00:00.000Z. This runner's clock is about 65 min " +
        "ahead of IAM's: check the runner's time (NTP), or check `iam-endpoint`."
    )
  })

  it('without expires_in, is refused once the time left is zero', () => {
    expect(parse({}, { exp: NOW_S + 1 }).expiresIn).toBe(1)
    expect(refusal({}, { exp: NOW_S, iat: NOW_S - 3600 })).toBe(
      'IBM Cloud IAM returned a token that expired at 2026-02-20T12:00:00.000Z, but this ' +
        "runner's clock says it is 2026-02-20T12:00:00.000Z. This runner's clock is about 60 min " +
        "ahead of IAM's: check the runner's time (NTP), or check `iam-endpoint`."
    )
  })

  it('names a clock behind IAM from the iat claim', () => {
    // Issued (by IAM's clock) 2 minutes after this clock's now, yet expired: IAM is ahead.
    expect(refusal({}, { exp: NOW_S - 10, iat: NOW_S + 120 })).toMatch(
      /This runner's clock is about 2 min behind IAM's: check the runner's time \(NTP\), or check `iam-endpoint`\.$/
    )
  })

  it('names a clock 1 minute off, and blames no clock under a minute', () => {
    expect(refusal({}, { exp: NOW_S - 10, iat: NOW_S - 60 })).toMatch(
      /This runner's clock is about 1 min ahead of IAM's/
    )
    expect(refusal({}, { exp: NOW_S - 10, iat: NOW_S + 60 })).toMatch(
      /This runner's clock is about 1 min behind IAM's/
    )
    expect(refusal({}, { exp: NOW_S - 10, iat: NOW_S - 29 })).toMatch(
      /says it is 2026-02-20T12:00:00\.000Z\. IAM's clock or this runner's is wrong, or check `iam-endpoint`\.$/
    )
    expect(refusal({}, { exp: NOW_S - 10, iat: undefined })).toMatch(
      /IAM's clock or this runner's is wrong, or check `iam-endpoint`\.$/
    )
  })
})

describe('a token that expires too far ahead', () => {
  it('is accepted up to 3 hours and 5 minutes ahead of this clock', () => {
    expect(parse({ expires_in: 3600, expiration: NOW_S + 11_100 }).expiration).toBe(NOW_S + 11_100)
  })

  it('is refused beyond that', () => {
    expect(refusal({ expires_in: 3600, expiration: NOW_S + 11_101 })).toBe(
      'IBM Cloud IAM returned a token that expires at 2026-02-20T15:05:01.000Z, more than 3 hours ' +
        "after this runner's 2026-02-20T12:00:00.000Z; IAM tokens live at most an hour. This " +
        "runner's clock is about 125 min behind IAM's: check the runner's time (NTP), or check " +
        '`iam-endpoint`.'
    )
  })
})

describe('the rest of the answer', () => {
  it("keeps IAM's token_type, and says Bearer when it is missing or not text", () => {
    expect(parse({ token_type: 'bearer' }).tokenType).toBe('bearer')
    expect(parse({ token_type: 5 }).tokenType).toBe('Bearer')
  })

  it('has an empty iam id when the token names no identity', () => {
    expect(parse({}, { iam_id: undefined, sub: undefined }).iamId).toBe('')
  })

  it('masks a real refresh token but not a refresh_token that is not text', () => {
    const masked: string[] = []
    const token = makeJwt(serviceIdClaims(NOW))
    parseTokenResponse(
      JSON.stringify({ access_token: token, refresh_token: 12345 }),
      new Secrets((v) => masked.push(v)),
      NOW
    )
    expect(masked).toEqual([token])
  })
})

describe('checkAccount, the whole message', () => {
  const PINNED = 'ffffffffffffffffffffffffffffffff'

  it('tells a service ID to use a key from the pinned account', () => {
    expect(() => checkAccount(parse({}), PINNED)).toThrow(
      new ActionError(
        `The token is for account 0123456789abcdef0123456789abcdef, but account-id pins account ${PINNED}. ` +
          `Use a key from account ${PINNED}, or correct account-id.`
      )
    )
  })

  it('tells a trusted profile to use a profile of the pinned account', () => {
    expect(() => checkAccount(parse({}, { sub_type: 'Profile' }), PINNED)).toThrow(
      new ActionError(
        `The token is for account 0123456789abcdef0123456789abcdef, but account-id pins account ${PINNED}. ` +
          `Use a trusted profile of account ${PINNED}, or correct account-id.`
      )
    )
  })

  it('says when the token names no account', () => {
    expect(() => checkAccount(parse({}, { account: undefined }), PINNED)).toThrow(
      new ActionError(
        `The token is for account (none in the token), but account-id pins account ${PINNED}. ` +
          `Use a key from account ${PINNED}, or correct account-id.`
      )
    )
  })
})

describe('the access token itself', () => {
  it.each([
    ['missing', {}],
    ['empty', { access_token: '' }],
    ['a number', { access_token: 42 }]
  ])('is refused when %s, with the same message', (_what, body) => {
    const masked: string[] = []
    expect(() =>
      parseTokenResponse(
        JSON.stringify({ expires_in: 3600, ...body }),
        new Secrets((v) => masked.push(v)),
        NOW
      )
    ).toThrow(
      new ActionError('IBM Cloud IAM answered 200 without an access_token. Check `iam-endpoint`.')
    )
    expect(masked).toEqual([])
  })
})
