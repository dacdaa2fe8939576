/**
 * The network settings a step sent credentials with: the proxy variables (any case) and
 * NODE_EXTRA_CA_CERTS. The main step records them (in state for the post step, in the token
 * command's config for `ibmcloud-iam-token`); a later step can change them through GITHUB_ENV,
 * so before any credential is sent again they are compared, and a change stops the sending.
 * None of them is a secret, but a proxy URL may carry a user and password: only the variable's
 * name is ever printed.
 */

/** The variables that decide where a request goes and whom it trusts. */
export const NETWORK_VARIABLES = [
  'HTTPS_PROXY',
  'https_proxy',
  'HTTP_PROXY',
  'http_proxy',
  'NO_PROXY',
  'no_proxy',
  'NODE_EXTRA_CA_CERTS'
] as const

export type NetworkSettings = Partial<Record<(typeof NETWORK_VARIABLES)[number], string>>

/** The settings in `env` (unset and empty are the same: Node and the proxy agent ignore both). */
export function networkSettings(env: Record<string, string | undefined>): NetworkSettings {
  const out: NetworkSettings = {}
  for (const name of NETWORK_VARIABLES) {
    const value = env[name]
    if (value) out[name] = value
  }
  return out
}

/** A recorded set, as JSON (state and config files hold strings). */
export function recordNetworkSettings(env: Record<string, string | undefined>): string {
  return JSON.stringify(networkSettings(env))
}

/** Reads a record; undefined when it is missing or not one this version wrote. */
export function readNetworkRecord(text: string | undefined): NetworkSettings | undefined {
  if (!text) return undefined
  try {
    const json = JSON.parse(text) as unknown
    if (typeof json !== 'object' || json === null || Array.isArray(json)) return undefined
    const out: NetworkSettings = {}
    for (const [name, value] of Object.entries(json as Record<string, unknown>)) {
      if (!(NETWORK_VARIABLES as readonly string[]).includes(name)) return undefined
      if (typeof value !== 'string') return undefined
      out[name as keyof NetworkSettings] = value
    }
    return out
  } catch {
    return undefined
  }
}

/** The names of the variables whose value differs between the record and `env` (sorted as listed). */
export function changedNetworkVariables(
  recorded: NetworkSettings,
  env: Record<string, string | undefined>
): (typeof NETWORK_VARIABLES)[number][] {
  const now = networkSettings(env)
  return NETWORK_VARIABLES.filter((name) => (recorded[name] ?? '') !== (now[name] ?? ''))
}

/**
 * Why no credential may be sent now, or undefined when the settings are the ones the main step
 * used. `who` names the step ("the post step", "ibmcloud-iam-token").
 */
export function networkChange(
  recorded: NetworkSettings | undefined,
  env: Record<string, string | undefined>,
  who: string
): string | undefined {
  if (!recorded) {
    return (
      `${who} found no record of the network settings the main step used, so it cannot tell ` +
      'whether a later step redirected its traffic: no credential sent.'
    )
  }
  const changed = changedNetworkVariables(recorded, env)
  if (changed.length === 0) return undefined
  const list = changed.map((name) => `${name} (${describeChange(recorded[name], env[name])})`)
  return (
    `${changed.join(', ')} changed since the main step: ${list.join('; ')}. ` +
    `${who} sends no credential through network settings a later step may have written to ` +
    'GITHUB_ENV (a proxy or CA it controls could read the key). Set them in the workflow for ' +
    'the whole job, or on this action step, not in a later step.'
  )
}

function describeChange(before: string | undefined, after: string | undefined): string {
  if (!before) return 'set by a later step'
  if (!after) return 'removed by a later step'
  return 'given another value by a later step'
}
