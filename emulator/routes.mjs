// @ts-check
// THE route table: what each server serves, in match order, and how `npm run emulator --
// --routes` describes it. A new route goes into its folder's route list (token/, identity/,
// metadata/, or a new folder) and that list into SERVER_ROUTES; its line into ROUTE_DOCS.
// A new grant type goes into token/grants.mjs instead (it is listed here from GRANT_TABLE).
import { apikeyRoutes } from './identity/routes.mjs'
import { metadataRoutes } from './metadata/routes.mjs'
import { GRANT_TABLE } from './token/grants.mjs'
import { tokenRoutes } from './token/routes.mjs'

/** @typedef {import('./http/context.mjs').Route} Route */

/**
 * The routes of each server: `iam` (HTTPS, the token endpoint and the Identity API) and
 * `metadata` (plain HTTP, the VPC instance metadata service). The first match wins; no
 * match is the emulator's 404 `route_not_found` (http/server.mjs).
 * @type {Readonly<{ iam: readonly Route[], metadata: readonly Route[] }>}
 */
export const SERVER_ROUTES = Object.freeze({
  iam: Object.freeze([...tokenRoutes, ...apikeyRoutes]),
  metadata: Object.freeze([...metadataRoutes])
})

/** Every route served, as `--routes` prints it: [server, route, what]. */
export const ROUTE_DOCS = Object.freeze([
  ...GRANT_TABLE.map((grant) => [
    'IAM',
    'POST /identity/token',
    `grant_type ${grant.grantType} (${grant.doc})`
  ]),
  ['IAM', 'GET /identity/keys', 'JWKS of the key that signs every token'],
  ['IAM', 'POST /v1/apikeys', 'create a key (201); headers Entity-Lock, Entity-Disable'],
  [
    'IAM',
    'GET /v1/apikeys',
    'list: account_id, iam_id, pagesize, pagetoken, scope, type, sort, order, include_history'
  ],
  ['IAM', 'GET /v1/apikeys/details', 'a key by value (IAM-ApiKey header), include_history'],
  ['IAM', 'GET /v1/apikeys/{id}', 'include_history, include_activity'],
  ['IAM', 'PUT /v1/apikeys/{id}', 'update with If-Match: <entity_tag> or *'],
  ['IAM', 'DELETE /v1/apikeys/{id}', '204; 404 when gone; 409 when locked'],
  ['IAM', 'POST|DELETE /v1/apikeys/{id}/lock', 'lock / unlock (204)'],
  ['IAM', 'POST|DELETE /v1/apikeys/{id}/disable', 'disable / enable (204)'],
  [
    'metadata',
    'PUT /instance_identity/v1/token?version=...',
    'Metadata-Flavor: ibm, {"expires_in":5..3600}'
  ],
  [
    'metadata',
    'POST /instance_identity/v1/iam_token?version=...',
    'Bearer instance token, optional {"trusted_profile":{"id"|"crn"|"name"}}'
  ],
  [
    'metadata',
    'PUT /identity/v1/token, POST /identity/v1/iam_tokens',
    'the same for version 2025-08-26'
  ],
  ['both', 'anything else', "404 route_not_found, X-IAM-Emulator: no-route (never IAM's not_found)"]
])
