import type { Config } from './config.js'
import type { IssuedKey } from './ephemeral/issue.js'
import { looksLikeKeyId } from './ephemeral/revoke.js'
import { ActionError } from './errors.js'
import type { IamToken } from './iam/token.js'
import type { Runner } from './runner/runner.js'
import { oneLine } from './untrusted.js'

/**
 * The shape IAM documents for each value the action publishes (outputs and exported env).
 * Every value is checked before the first is written: one of another shape (a line break, a
 * quote, `$(…)`) fails the step with nothing published, since later steps substitute these
 * values into shell commands. Only letters, digits and `-_.` pass, with the exceptions below.
 */
const SHAPES: Record<string, { shape: RegExp; what: string }> = {
  // An RS256 JWT: three base64url parts.
  token: { shape: /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/, what: 'a JWT' },
  authorization: {
    shape: /^Bearer [A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/,
    what: '"Bearer " and a JWT'
  },
  'token-type': { shape: /^Bearer$/, what: 'Bearer' },
  'expires-in': { shape: /^\d{1,6}$/, what: 'whole seconds' },
  expiration: { shape: /^\d{1,12}$/, what: 'epoch seconds' },
  'expires-at': {
    shape: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/,
    what: 'an ISO 8601 time'
  },
  // IBM account ids are 32 hex characters; letters and digits, as the account-id input takes.
  'account-id': { shape: /^[A-Za-z0-9]{1,64}$/, what: 'an account id (letters and digits)' },
  // iam-ServiceId-<uuid>, iam-Profile-<uuid>, IBMid-<id>, iam-<id>.
  'iam-id': {
    shape: /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/,
    what: 'an IAM id (iam-ServiceId-…, IBMid-…: letters, digits, -, _ and .)'
  },
  'iam-endpoint': {
    shape: /^https?:\/\/[A-Za-z0-9.:[\]-]+(\/[A-Za-z0-9._~/-]*)?$/,
    what: 'an IAM base URL'
  },
  authenticated: { shape: /^(true|false)$/, what: 'true or false' },
  // API key values: letters, digits, - and _.
  'ephemeral-apikey': { shape: /^[A-Za-z0-9_-]{20,512}$/, what: 'an API key' },
  'ephemeral-apikey-id': { shape: /^ApiKey-[A-Za-z0-9-]{8,64}$/, what: 'an ApiKey-… id' }
}

/** One value to publish: an output, or a variable exported to later steps. */
interface Published {
  kind: 'output' | 'env'
  name: string
  value: string
  /** The SHAPES row its value must fit. */
  shape: keyof typeof SHAPES
}

/** Throws, naming the value and never quoting a secret, when any value is not of its shape. */
export function checkShapes(values: Published[]): void {
  for (const { name, value, shape, kind } of values) {
    const rule = SHAPES[shape]!
    const ok = shape === 'ephemeral-apikey-id' ? looksLikeKeyId(value) : rule.shape.test(value)
    if (ok) continue
    const secret = shape === 'token' || shape === 'authorization' || shape === 'ephemeral-apikey'
    throw new ActionError(
      `IBM Cloud IAM answered with ${kind === 'env' ? `$${name}` : `output ${name}`} ` +
        `${secret ? '(not shown)' : `"${oneLine(value)}"`}, which is not ${rule.what}: nothing was ` +
        'published, since later steps put these values into shell commands. Check `iam-endpoint`.'
    )
  }
}

function tokenValues(config: Config, token: IamToken): Published[] {
  const out = (name: string, value: string, shape = name): Published => ({
    kind: 'output',
    name,
    value,
    shape
  })
  return [
    out('token', token.accessToken),
    out('authorization', `Bearer ${token.accessToken}`),
    out('token-type', token.tokenType),
    out('expires-in', String(token.expiresIn)),
    out('expiration', String(token.expiration)),
    out('expires-at', new Date(token.expiration * 1000).toISOString()),
    out('account-id', token.accountId),
    out('iam-id', token.iamId),
    out('iam-endpoint', config.endpoint),
    out('authenticated', 'true'),
    ...(config.exportEnv
      ? [{ kind: 'env', name: config.envName, value: token.accessToken, shape: 'token' } as const]
      : [])
  ]
}

function keyValues(config: Config, key: IssuedKey): Published[] {
  return [
    { kind: 'output', name: 'ephemeral-apikey', value: key.value, shape: 'ephemeral-apikey' },
    { kind: 'output', name: 'ephemeral-apikey-id', value: key.id, shape: 'ephemeral-apikey-id' },
    ...(config.exportEnv
      ? [
          {
            kind: 'env',
            name: config.ephemeral.envName,
            value: key.value,
            shape: 'ephemeral-apikey'
          } as const
        ]
      : [])
  ]
}

/** The token's values checked alone: before an ephemeral key is made for it. */
export function checkTokenShapes(config: Config, token: IamToken): void {
  checkShapes(tokenValues(config, token))
}

/**
 * Publishes the token's (and the ephemeral key's) outputs and env, every value already masked
 * or not secret, after checking all of them: nothing is written unless every one has its shape.
 */
export function publish(runner: Runner, config: Config, token: IamToken, key?: IssuedKey): void {
  const values = [...tokenValues(config, token), ...(key ? keyValues(config, key) : [])]
  checkShapes(values)
  for (const { kind, name, value } of values) {
    if (kind === 'output') runner.setOutput(name, value)
    else runner.exportVariable(name, value)
  }
  if (config.exportEnv) {
    runner.info(`Exported the token as $${config.envName} (IAM tokens last at most an hour).`)
  }
  if (key) announceEphemeralKey(runner, config, key)
}

function announceEphemeralKey(runner: Runner, config: Config, key: IssuedKey): void {
  const until = new Date(key.expiresAtMs).toISOString()
  runner.info(
    `Created ephemeral API key ${oneLine(key.id)}` +
      (config.exportEnv ? `, exported as $${config.ephemeral.envName}; ` : ' (output only); ') +
      (config.ephemeral.revoke
        ? `the post step deletes it (IAM expires it at ${until} in any case).`
        : `revoke is false, so IAM expires it at ${until}.`)
  )
}
