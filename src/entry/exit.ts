/** Longest wait for the runner to take what is still buffered for stdout and stderr. */
const FLUSH_LIMIT_MS = 10_000

/** Resolves once everything written to `stream` so far has been handed to the OS. */
function flushed(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => stream.write('', () => resolve()))
}

/**
 * Ends the process once stdout and stderr have drained (a bare process.exit() cuts piped
 * output short: a large `::add-mask::` line was truncated), without waiting for sockets a
 * server left open after the deadline. The exit code is the one setFailed chose.
 */
export async function exitWhenFlushed(): Promise<never> {
  let timer: NodeJS.Timeout | undefined
  const limit = new Promise<void>((resolve) => (timer = setTimeout(resolve, FLUSH_LIMIT_MS)))
  await Promise.race([Promise.all([flushed(process.stdout), flushed(process.stderr)]), limit])
  clearTimeout(timer)
  process.exit()
}
