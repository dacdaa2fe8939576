/** The action's name and version, as sent in the User-Agent header. Kept equal to package.json by a test. */
export const ACTION_NAME = 'ibmcloud-iam-token-action'
export const ACTION_VERSION = '1.0.0'

export function userAgent(
  nodeVersion: string = process.version,
  platform: string = process.platform,
  arch: string = process.arch
): string {
  return `${ACTION_NAME}/${ACTION_VERSION} (node ${nodeVersion}; ${platform} ${arch})`
}
