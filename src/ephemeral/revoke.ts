import { deleteApiKey, getApiKey } from '../iam/apikeys.js'
import type { IamClient } from '../iam/client.js'
import type { IamToken } from '../iam/token.js'
import { oneLine } from '../untrusted.js'
import { isOurs, madeInThisRun, type RunFacts } from './naming.js'

/** What an IAM API key id looks like: ApiKey-<uuid>. */
const KEY_ID = /^ApiKey-[A-Za-z0-9-]{8,64}$/

export function looksLikeKeyId(id: string): boolean {
  return KEY_ID.test(id)
}

/** What the post step did with the key id it read from GITHUB_STATE, as one log line. */
export type Revocation =
  { outcome: 'deleted' | 'not-found'; message: string } | { outcome: 'not-ours'; message: string }

/**
 * Asks IAM about the key and deletes it only when IAM's answer describes that same id as the
 * one this action made in this run (name and description), for the token's identity and
 * account: what the post step read from state decides nothing on its own. A key IAM does not
 * show this identity is not called deleted.
 */
export async function revokeIfOurs(
  iam: IamClient,
  token: IamToken,
  id: string,
  facts: RunFacts
): Promise<Revocation> {
  const shown = oneLine(id)
  const key = await getApiKey(iam, token.accessToken, id)
  if (!key) {
    return {
      outcome: 'not-found',
      message:
        `Ephemeral API key ${shown} was not found in account ${oneLine(token.accountId)}: ` +
        'nothing deleted (it was deleted already, or it is not a key of this identity).'
    }
  }
  const ours =
    key.id === id &&
    isOurs(key, facts) &&
    madeInThisRun(key.description, facts) &&
    key.iamId === token.iamId &&
    key.accountId === token.accountId
  if (!ours) {
    return {
      outcome: 'not-ours',
      message:
        `Left API key ${shown} (${oneLine(key.name)}) alone: it is not an ephemeral key this ` +
        `action made in this run for ${oneLine(token.iamId)}. Another step may have written ` +
        'GITHUB_STATE; check which steps of the job can.'
    }
  }
  const outcome = await deleteApiKey(iam, token.accessToken, id)
  return outcome === 'deleted'
    ? { outcome, message: `Revoked ephemeral API key ${shown}.` }
    : { outcome: 'not-found', message: `Ephemeral API key ${shown} was deleted meanwhile.` }
}
