import type { Clock } from '../clock.js'
import type { Secrets } from '../secrets.js'

/**
 * How long the command waits between a token's mask (on stderr) and the token (on stdout).
 * The runner reads the two pipes on separate tasks; a mask that reaches it after the token's
 * line would not cover that line. The pause lets the stderr reader take the mask first.
 */
export const MASK_SETTLE_MS = 20

/** A workflow command's data escaped as @actions/core escapes it: the runner undoes %25, %0D, %0A. */
export function escapeCommandData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}

/** The `::add-mask::` line for a value, for the runner to read on stderr. */
export function addMaskCommand(value: string): string {
  return `::add-mask::${escapeCommandData(value)}\n`
}

/**
 * Prints `token` as the command's whole stdout, masked first, on every call (a cache hit too):
 * a mask reaches the runner only through the stderr of the process that prints it, and the
 * call that renewed the token may have had its stderr discarded (`TOKEN=$(… 2>/dev/null)`).
 * `secrets` masks what it has not masked in this process yet; off a runner it prints nothing.
 */
export async function printToken(
  token: string,
  secrets: Secrets,
  io: { clock: Clock; stdout: (text: string) => void },
  onRunner: boolean
): Promise<void> {
  secrets.add(token)
  if (onRunner) await io.clock.sleep(MASK_SETTLE_MS)
  io.stdout(`${token}\n`)
}
