// @ts-check
// THE list of error codes that are the emulator's own choice: IBM documents no code for
// these cases, or the code is unverified. Tests must assert status and body shape for them,
// never the code as if it were IAM's. CONTRACT.md and `npm run emulator -- --routes` print it.

/**
 * @typedef {object} OwnCode
 * @property {number} status
 * @property {string} code `errorCode` (token endpoint), `message_code` (Identity API) or VPC `code`
 * @property {string} when
 */

export const OWN = Object.freeze({
  unsupportedGrant: {
    status: 400,
    code: 'BXNIM0106E',
    when: 'token endpoint: unsupported grant_type'
  },
  tenantMismatch: {
    status: 400,
    code: 'BXNIM0501E',
    when: 'token endpoint: the identity is in none of the IBM-Cloud-Tenant accounts'
  },
  rateLimited: {
    status: 429,
    code: 'BXNIM0429E',
    when: 'token endpoint: rate limit (IAM documents no body for 429)'
  },
  accessTokenInvalid: {
    status: 400,
    code: 'BXNIM0407E',
    when: 'assume grant: access_token invalid, expired or not a service ID token'
  },
  crTokenInvalid: {
    status: 400,
    code: 'BXNIM0408E',
    when: 'cr-token grant: cr_token invalid, expired or not a compute-resource token'
  },
  profileNotFound: {
    status: 400,
    code: 'BXNIM0524E',
    when: 'assume / cr-token grant: no such trusted profile'
  },
  profileNotTrusted: {
    status: 400,
    code: 'BXNIM0525E',
    when: 'assume / cr-token grant: the profile does not trust the caller'
  },
  refreshTokenInvalid: {
    status: 400,
    code: 'BXNIM0407E',
    when: 'refresh_token grant: unknown or already used refresh token'
  },
  clientInvalid: {
    status: 400,
    code: 'BXNIM0335E',
    when: 'token endpoint: Basic client id/secret not known to the emulator'
  },
  bearerInvalid: {
    status: 401,
    code: 'BXNIM0308E',
    when: 'Identity API: bearer token invalid or expired (IAM documents the code only for a missing header)'
  },
  forbidden: {
    status: 403,
    code: 'BXNIM0513E',
    when: 'Identity API: not allowed to manage the key, or another account'
  },
  keyLimit: { status: 400, code: 'BXNIM0506E', when: 'Identity API: API key limit reached' },
  invalidValue: {
    status: 400,
    code: 'BXNIM0110E',
    when: 'Identity API: a value of the wrong type or format'
  },
  locked: {
    status: 409,
    code: 'BXNIM0511E',
    when: 'Identity API: changing or deleting a locked key'
  },
  staleEtag: {
    status: 409,
    code: 'BXNIM0512E',
    when: 'Identity API: If-Match does not match the entity_tag'
  },
  duplicateValue: {
    status: 409,
    code: 'BXNIM0514E',
    when: 'Identity API: a passed-through apikey value already exists'
  },
  noRoute: {
    status: 404,
    code: 'EMULATOR_NO_ROUTE',
    when: 'any server: no such method and path (code route_not_found, header X-IAM-Emulator: no-route)'
  },
  metadataFlavor: {
    status: 400,
    code: 'missing_metadata_flavor',
    when: 'metadata service: Metadata-Flavor: ibm header missing'
  },
  metadataVersion: {
    status: 400,
    code: 'missing_version',
    when: 'metadata service: version query parameter missing or unsupported'
  },
  metadataBadRequest: {
    status: 400,
    code: 'invalid_request',
    when: 'metadata service: body not JSON, or expires_in outside 5..3600'
  },
  metadataUnauthorized: {
    status: 401,
    code: 'invalid_token',
    when: 'metadata service: instance identity token missing, invalid or expired'
  },
  metadataProfile: {
    status: 400,
    code: 'trusted_profile_not_found',
    when: 'metadata service: profile unknown or not linked to the instance'
  },
  metadataRateLimited: {
    status: 429,
    code: 'rate_limited',
    when: 'metadata service: rate limit on iam_token'
  }
})

/** @type {OwnCode[]} */
export const OWN_CODES = Object.values(OWN)
