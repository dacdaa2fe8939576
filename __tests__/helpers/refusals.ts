import { expect } from '@jest/globals'
import { ConfigError } from '../../src/errors.js'

/**
 * The message of the ConfigError that `parse` throws for `inputs`; fails the test when it
 * accepts them or throws anything else.
 */
export function refusal<I>(parse: (inputs: I) => unknown, inputs: I): string {
  try {
    parse(inputs)
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError)
    return (err as Error).message
  }
  throw new Error(`expected parseConfig to refuse ${JSON.stringify(inputs)}`)
}
