/**
 * Names of the values the main step saves for the post step. Only `keyValue` is a secret (the
 * ephemeral key, masked since it arrived): the post step revokes the key with the key itself,
 * so it never needs the long-lived `apikey`. A later step cannot change a value main saved
 * (state overrides env for these names); it can plant the names main did not save.
 */
export const STATE = {
  keyId: 'ephemeral-key-id',
  keyValue: 'ephemeral-key-value',
  keyExpiresAt: 'ephemeral-key-expires-at',
  endpoint: 'iam-endpoint',
  /** The proxy and CA settings the main step used (network-settings.ts), as JSON. */
  network: 'network-settings'
} as const
