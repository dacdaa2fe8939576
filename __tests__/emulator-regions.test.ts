import { expect, test } from '@jest/globals'
import { PRIVATE_REGIONS, SERVER_DNS_NAMES } from '../emulator/http/certs.mjs'
import { REGIONS, resolveEndpoint } from '../src/iam/endpoints.js'

// The emulator keeps its own copy of the region list (it is a dev tool, not part of the
// bundle); this keeps the two from drifting, so every private endpoint can be emulated.
test('the emulator serves TLS for every private endpoint the action can select', () => {
  expect([...PRIVATE_REGIONS].sort()).toEqual([...REGIONS].sort())
  for (const region of REGIONS) {
    const host = new URL(resolveEndpoint({ iamEndpoint: '', region, private: true })).hostname
    expect(SERVER_DNS_NAMES).toContain(host)
  }
  expect(SERVER_DNS_NAMES).toContain(
    new URL(resolveEndpoint({ iamEndpoint: '', region: '', private: true })).hostname
  )
})
