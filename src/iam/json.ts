/**
 * An answer's body as a JSON object, or undefined for anything else (not JSON, an array, null,
 * a number): every reader of IAM's and the metadata service's answers starts here, never a throw.
 */
export function parseJson(body: string): Record<string, unknown> | undefined {
  try {
    const json = JSON.parse(body) as unknown
    return typeof json === 'object' && json !== null && !Array.isArray(json)
      ? (json as Record<string, unknown>)
      : undefined
  } catch {
    return undefined
  }
}
