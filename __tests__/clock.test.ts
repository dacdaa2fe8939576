import { jest } from '@jest/globals'
import { systemClock } from '../src/clock.js'
import { NOW } from './helpers/fakes.js'

describe('systemClock', () => {
  afterEach(() => {
    jest.useRealTimers()
  })

  it('now() is the system time', () => {
    jest.useFakeTimers({ now: NOW })
    expect(systemClock.now()).toBe(NOW)
  })

  it('sleep(ms) resolves once ms have passed, not before', async () => {
    jest.useFakeTimers()
    let done = false
    const slept = systemClock.sleep(1500).then(() => {
      done = true
    })
    await jest.advanceTimersByTimeAsync(1499)
    expect(done).toBe(false)
    await jest.advanceTimersByTimeAsync(1)
    await slept
    expect(done).toBe(true)
  })

  it('random() is Math.random: in [0, 1) and not the same every time', () => {
    const values = Array.from({ length: 20 }, () => systemClock.random())
    for (const v of values) {
      expect(v).toBeGreaterThanOrEqual(0)
      expect(v).toBeLessThan(1)
    }
    expect(new Set(values).size).toBeGreaterThan(1)
  })
})
