/** Names of the values the main step saves for the post step. None of them is a secret. */
export const STATE = {
  keyId: 'ephemeral-key-id',
  keyExpiresAt: 'ephemeral-key-expires-at',
  endpoint: 'iam-endpoint'
} as const
