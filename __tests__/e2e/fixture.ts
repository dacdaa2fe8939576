import { afterAll, beforeAll, beforeEach } from '@jest/globals'
import { startEmulator, type Emulator } from '../../emulator/index.mjs'

/** One emulator per test file, with its faults, rate limit and request log cleared before each test. */
export function useEmulator(options: Parameters<typeof startEmulator>[0] = {}): () => Emulator {
  let iam: Emulator | undefined
  beforeAll(async () => {
    iam = await startEmulator(options)
  })
  afterAll(async () => {
    await iam?.close()
  })
  beforeEach(() => iam?.reset())
  return () => {
    if (!iam) throw new Error('the emulator is not started yet')
    return iam
  }
}
