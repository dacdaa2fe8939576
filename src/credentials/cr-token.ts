import { ActionError } from '../errors.js'
import { GRANT, requestToken, type IamToken } from '../iam/token.js'
import { oneLine } from '../untrusted.js'
import type { Secrets } from '../secrets.js'
import { profileForm, type ProfileRef } from './credential.js'
import type { TokenRequestContext } from './sources.js'

/**
 * Reads a compute-resource token (a projected service-account token, Code Engine's token) and
 * masks it at once, before it is trimmed or checked. Read at every use: platforms rotate it.
 */
export function readCrToken(
  path: string,
  secrets: Secrets,
  readFile: (path: string) => string
): string {
  let content: string
  try {
    content = readFile(path)
  } catch (err) {
    const code = (err as { code?: unknown }).code
    throw new ActionError(
      `Cannot read the compute-resource token in ${oneLine(path)} (${typeof code === 'string' ? code : 'error'}). ` +
        'Check that the projected token volume is still mounted at that path.'
    )
  }
  secrets.add(content)
  const token = content.trim()
  if (!token) {
    throw new ActionError(
      `The compute-resource token file ${oneLine(path)} is empty. Check the projected volume.`
    )
  }
  return token
}

/** A compute resource's token for a trusted profile (IBM's ContainerAuthenticator): one request. */
export function exchangeCrToken(
  crToken: string,
  profile: ProfileRef,
  ctx: TokenRequestContext
): Promise<IamToken> {
  return requestToken(
    ctx.iam,
    { grant_type: GRANT.crToken, cr_token: crToken, ...profileForm(profile) },
    { secrets: ctx.secrets, clock: ctx.clock, tenant: ctx.accountId }
  )
}
