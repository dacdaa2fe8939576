import { ActionError } from '../errors.js'
import { requestToken, type IamToken } from '../iam/token.js'
import type { Secrets } from '../secrets.js'
import { profileForm, type ProfileRef } from './credential.js'
import type { CredentialOf, CredentialSource, SourceInputs, TokenRequestContext } from './source.js'
import { oneLine } from '../untrusted.js'

/** IAM's cr-token grant: a trusted profile, with a compute resource's token (Kubernetes, Code Engine). */
export const CR_TOKEN_GRANT = 'urn:ibm:params:oauth:grant-type:cr-token'

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
    { grant_type: CR_TOKEN_GRANT, cr_token: crToken, ...profileForm(profile) },
    { secrets: ctx.secrets, clock: ctx.clock, tenant: ctx.accountId }
  )
}

type CrTokenFile = CredentialOf<'cr-token-file'>

/**
 * `cr-token-file` with a profile. Renewable: the config file holds the path (never the token),
 * and the token is read again at every renewal, since platforms rotate it.
 */
export const crTokenSource: CredentialSource<CrTokenFile, CrTokenFile> = {
  kind: 'cr-token-file',
  exchange: (c, ctx) =>
    exchangeCrToken(readCrToken(c.path, ctx.secrets, ctx.readFile), c.profile, ctx),
  renewal: {
    saved: 'cr-token-file',
    save: (c) => c,
    load: (saved) => saved,
    describe: (saved) => `from ${saved.path}, re-read each time`
  }
}

/**
 * `cr-token-file`: needs a trusted profile; the file must exist, be readable and hold something.
 * It is read here only to check it (its content is neither kept nor quoted); readCrToken reads
 * it again, and masks it, when it is used.
 */
export const crTokenInputs: SourceInputs = {
  selected: ({ get }) => (get('cr-token-file') ? 'cr-token-file' : undefined),
  check: ({ inputs, chosen, profileGiven, refuse }) => {
    if (!chosen) return
    if (!profileGiven) {
      refuse(
        'cr-token-file needs a trusted profile: set profile-id (or profile-crn, or profile-name with ' +
          "account-id) to the profile whose compute-resource trust rule admits this runner's token."
      )
    }
    checkTokenFile(inputs.get('cr-token-file'), inputs.readFile, refuse)
  },
  credential: ({ inputs, profile }) => ({
    kind: 'cr-token-file',
    path: inputs.get('cr-token-file'),
    profile: profile as ProfileRef
  }),
  ownsApiKeys: false
}

/** The token file must exist, be readable and not be empty; its content is not kept. */
function checkTokenFile(
  path: string,
  readFile: (path: string) => string,
  refuse: (message: string) => void
): void {
  const shown = oneLine(path)
  let content: string
  try {
    content = readFile(path)
  } catch (err) {
    const code = (err as { code?: unknown }).code
    refuse(
      code === 'ENOENT'
        ? `cr-token-file ${shown} does not exist. On Kubernetes, project a service-account token ` +
            'there (a projected volume, see README "Keyless on self-hosted runners"); check the path ' +
            'inside the runner container.'
        : `cr-token-file ${shown} cannot be read (${typeof code === 'string' ? code : 'error'}): ` +
            'check that it is a file the runner user may read.'
    )
    return
  }
  if (content.trim() === '') {
    refuse(
      `cr-token-file ${shown} is empty: the platform has not written a compute-resource token ` +
        'there (yet). Check the projected volume or the path.'
    )
  }
}
