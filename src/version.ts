import pkg from '../package.json' with { type: 'json' }

/** The action's name and version, as sent in the User-Agent header: package.json is the one source. */
export const ACTION_NAME: string = pkg.name
export const ACTION_VERSION: string = pkg.version

export function userAgent(
  nodeVersion: string = process.version,
  platform: string = process.platform,
  arch: string = process.arch
): string {
  return `${ACTION_NAME}/${ACTION_VERSION} (node ${nodeVersion}; ${platform} ${arch})`
}
