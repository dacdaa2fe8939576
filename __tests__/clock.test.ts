import { jest } from '@jest/globals'
import { systemClock } from '../src/clock.js'

describe('systemClock', () => {
  afterEach(() => {
    jest.useRealTimers()
  })

  it('now() is the system time', () => {
    jest.useFakeTimers({ now: Date.UTC(2026, 1, 20, 12, 0, 0) })
    expect(systemClock.now()).toBe(Date.UTC(2026, 1, 20, 12, 0, 0))
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
