import type { ApiKey } from '../src/iam/apikeys.js'
import {
  isOurs,
  keyDescription,
  madeInThisRun,
  usableUntil,
  keyName,
  keyNamePrefix,
  runFacts,
  type RunFacts
} from '../src/ephemeral/naming.js'
import { ACTION_NAME } from '../src/version.js'
import { ACCOUNT_ID, IAM_ID } from './helpers/fakes.js'
import { RUN_ENV } from './helpers/identity.js'

/** What runFacts(RUN_ENV) must give, written out so that no src/ code runs outside a test. */
/** A "not used after" time: 6 hours after the job started. */
const UNTIL = Date.UTC(2026, 1, 21, 4, 0, 0)
const FACTS: RunFacts = {
  owner: 'octo',
  repo: 'widgets',
  runId: '9876543210',
  runAttempt: '2',
  job: 'deploy',
  runUrl: 'https://github.com/octo/widgets/actions/runs/9876543210'
}
const fixed = (value: number) => () => value

function key(name: string, description: string): ApiKey {
  return { id: 'ApiKey-x', name, description, iamId: IAM_ID, accountId: ACCOUNT_ID }
}

describe('runFacts', () => {
  it('reads the GITHUB_* variables', () => {
    expect(runFacts(RUN_ENV)).toEqual({
      owner: 'octo',
      repo: 'widgets',
      runId: '9876543210',
      runAttempt: '2',
      job: 'deploy',
      runUrl: 'https://github.com/octo/widgets/actions/runs/9876543210'
    })
  })

  it('uses GITHUB_SERVER_URL for the run URL (GitHub Enterprise Server)', () => {
    const facts = runFacts({ ...RUN_ENV, GITHUB_SERVER_URL: 'https://ghe.example.com' })
    expect(facts.runUrl).toBe('https://ghe.example.com/octo/widgets/actions/runs/9876543210')
  })

  it('falls back to defaults when the GITHUB_* variables are missing', () => {
    expect(runFacts({})).toEqual({
      owner: 'local',
      repo: 'local',
      runId: '0',
      runAttempt: '1',
      job: 'job',
      runUrl: 'https://github.com/local/local/actions/runs/0'
    })
  })

  it('treats empty GITHUB_* variables as missing', () => {
    const facts = runFacts({
      GITHUB_REPOSITORY: '',
      GITHUB_RUN_ID: '',
      GITHUB_RUN_ATTEMPT: '',
      GITHUB_JOB: '',
      GITHUB_SERVER_URL: ''
    })
    expect(facts).toMatchObject({ owner: 'local', repo: 'local', runId: '0', runAttempt: '1' })
    expect(facts.job).toBe('job')
    expect(facts.runUrl).toBe('https://github.com/local/local/actions/runs/0')
  })

  it('gives a name that still has the expected shape with the defaults', () => {
    const name = keyName(runFacts({}), fixed(0))
    expect(name).toBe('gha-local-local-0-1-job-000000')
  })
})

describe('keyName', () => {
  it('is gha-<owner>-<repo>-<run id>-<attempt>-<job>-<6 hex>', () => {
    expect(keyName(FACTS, fixed(0.5))).toBe('gha-octo-widgets-9876543210-2-deploy-7fffff')
    expect(keyName(FACTS, fixed(0))).toMatch(/^gha-octo-widgets-9876543210-2-deploy-000000$/)
    expect(keyName(FACTS, fixed(0.999999999))).toMatch(/-fffffe$/)
  })

  it('starts with keyNamePrefix', () => {
    expect(keyNamePrefix(FACTS)).toBe('gha-octo-widgets-')
    expect(keyName(FACTS, fixed(0.3)).startsWith(keyNamePrefix(FACTS))).toBe(true)
  })

  it('is lower-cased, with unsafe characters replaced', () => {
    const facts: RunFacts = {
      ...FACTS,
      owner: 'Octo_Org',
      repo: 'My.Repo',
      job: 'Build (Ubuntu, Node 20)/ärger'
    }
    const name = keyName(facts, fixed(0.5))
    expect(name).toBe('gha-octo_org-my.repo-9876543210-2-build-ubuntu-node-20-rger-7fffff')
    expect(name).toMatch(/^[a-z0-9_.-]+$/)
  })

  it('is at most 100 characters with a very long job name, keeping run id and suffix', () => {
    const facts: RunFacts = { ...FACTS, job: `integration-${'x'.repeat(300)}` }
    const name = keyName(facts, fixed(0.5))
    expect(name.length).toBeLessThanOrEqual(100)
    expect(name.length).toBe(100)
    expect(name.startsWith('gha-octo-widgets-9876543210-2-integration-xxx')).toBe(true)
    expect(name).toMatch(/-7fffff$/)
  })

  it('stays within 100 characters with the longest owner and repository names, still ours', () => {
    const facts = runFacts({
      ...RUN_ENV,
      GITHUB_REPOSITORY: `${'o'.repeat(39)}/${'r'.repeat(100)}`,
      GITHUB_JOB: 'j'.repeat(100)
    })
    const name = keyName(facts, fixed(0.5))
    expect(name.length).toBeLessThanOrEqual(100)
    expect(name).toMatch(/-9876543210-2-j+-7fffff$/)
    const key = {
      id: 'ApiKey-x',
      name,
      description: keyDescription(facts, UNTIL),
      iamId: '',
      accountId: ''
    }
    expect(isOurs(key, facts)).toBe(true)
    // Same cut prefix, other repository: the description tells them apart.
    const other = runFacts({
      ...RUN_ENV,
      GITHUB_REPOSITORY: `${'o'.repeat(39)}/${'r'.repeat(99)}s`
    })
    expect(keyNamePrefix(other)).toBe(keyNamePrefix(facts))
    expect(isOurs(key, other)).toBe(false)
  })

  it('cuts owner to 20, repository to 30, run id to 20 and attempt to 5 characters', () => {
    const facts: RunFacts = {
      ...FACTS,
      owner: 'o'.repeat(39),
      repo: 'r'.repeat(100),
      runId: '1'.repeat(25),
      runAttempt: '1234567',
      job: 'j'
    }
    expect(keyNamePrefix(facts)).toBe(`gha-${'o'.repeat(20)}-${'r'.repeat(30)}-`)
    expect(keyName(facts, fixed(0.5))).toBe(
      `gha-${'o'.repeat(20)}-${'r'.repeat(30)}-${'1'.repeat(20)}-12345-j-7fffff`
    )
  })

  it('is not padded when the job name is short', () => {
    expect(keyName(FACTS, fixed(0.5)).length).toBeLessThan(100)
  })

  it('differs between matrix legs: same facts, different random', () => {
    const a = keyName(FACTS, fixed(0.1))
    const b = keyName(FACTS, fixed(0.2))
    expect(a).not.toBe(b)
    expect(a.slice(0, -6)).toBe(b.slice(0, -6))
  })

  it('differs between attempts of the same run', () => {
    const a = keyName({ ...FACTS, runAttempt: '1' }, fixed(0.5))
    const b = keyName({ ...FACTS, runAttempt: '2' }, fixed(0.5))
    expect(a).not.toBe(b)
  })
})

describe('keyDescription', () => {
  it('carries the longest life its own job can have, read back by usableUntil', () => {
    const description = keyDescription(FACTS, UNTIL)
    expect(description).toMatch(/; not used after 2026-02-21T04:00:00\.000Z\.$/)
    expect(usableUntil(description)).toBe(UNTIL)
    expect(madeInThisRun(description, FACTS)).toBe(true)
  })

  it('usableUntil is undefined for a description without it (keys made before issue 19)', () => {
    expect(
      usableUntil(
        'Ephemeral key made by ibmcloud-iam-token-action for https://github.com/octo/widgets/actions/runs/1/attempts/1; deleted by its post step, or expired by IAM.'
      )
    ).toBeUndefined()
    expect(usableUntil(`${keyDescription(FACTS, UNTIL)} and more`)).toBeUndefined()
  })

  it('madeInThisRun is false for another run or attempt of the same repository', () => {
    const description = keyDescription(FACTS, UNTIL)
    expect(madeInThisRun(description, { ...FACTS, runAttempt: '3' })).toBe(false)
    expect(
      madeInThisRun(description, {
        ...FACTS,
        runId: '987654321',
        runUrl: 'https://github.com/octo/widgets/actions/runs/987654321'
      })
    ).toBe(false)
  })

  it('names the action and the run URL with its attempt', () => {
    const description = keyDescription(FACTS, UNTIL)
    expect(description).toContain(ACTION_NAME)
    expect(description).toContain(
      'https://github.com/octo/widgets/actions/runs/9876543210/attempts/2'
    )
    expect(description).toMatch(/^Ephemeral key made by /)
  })
})

describe('isOurs', () => {
  // Written out: the name and description the action gives this run's key (see keyName above).
  const OURS = key(
    'gha-octo-widgets-9876543210-2-deploy-7fffff',
    'Ephemeral key made by ibmcloud-iam-token-action for https://github.com/octo/widgets/actions/runs/9876543210/attempts/2; deleted by its post step, or expired by IAM.'
  )

  it('is true for a key this action made for this repository', () => {
    expect(isOurs(OURS, FACTS)).toBe(true)
  })

  it('is true for a key of a run attempt with more than one digit', () => {
    const theirs = key(
      'gha-octo-widgets-1111-12-build-0a0a0a',
      'Ephemeral key made by ibmcloud-iam-token-action for https://github.com/octo/widgets/actions/runs/1111/attempts/12; deleted by its post step, or expired by IAM.'
    )
    expect(isOurs(theirs, FACTS)).toBe(true)
  })

  it('is false when the description goes on from the run URL without a slash', () => {
    const description =
      'Ephemeral key made by ibmcloud-iam-token-action for https://github.com/octo/widgets/actions/runs9876543210/attempts/2; deleted by its post step, or expired by IAM.'
    expect(isOurs(key(OURS.name, description), FACTS)).toBe(false)
  })

  it('is true for a key of another run, attempt or job of this repository', () => {
    const other = runFacts({
      ...RUN_ENV,
      GITHUB_RUN_ID: '1111',
      GITHUB_RUN_ATTEMPT: '1',
      GITHUB_JOB: 'build'
    })
    const theirs = key(keyName(other, fixed(0.9)), keyDescription(other, UNTIL))
    expect(isOurs(theirs, FACTS)).toBe(true)
  })

  it('is false for another repository whose name starts with this one (widgets-extra)', () => {
    const extra = runFacts({ ...RUN_ENV, GITHUB_REPOSITORY: 'octo/widgets-extra' })
    const theirs = key(keyName(extra, fixed(0.5)), keyDescription(extra, UNTIL))
    expect(theirs.name.startsWith(keyNamePrefix(FACTS))).toBe(true)
    expect(isOurs(theirs, FACTS)).toBe(false)
    // And the other way round.
    expect(isOurs(OURS, extra)).toBe(false)
  })

  it('is false for a repository whose name makes the name look like ours (widgets-2024-1)', () => {
    const tricky = runFacts({ ...RUN_ENV, GITHUB_REPOSITORY: 'octo/widgets-2024-1' })
    const theirs = key(keyName(tricky, fixed(0.5)), keyDescription(tricky, UNTIL))
    // The name alone passes the prefix-and-digits test; the description tells them apart.
    expect(theirs.name).toMatch(/^gha-octo-widgets-\d+-\d+-/)
    expect(isOurs(theirs, FACTS)).toBe(false)
  })

  it('is false when owner and repository split differently (a-b/c vs a/b-c)', () => {
    const mine = runFacts({ ...RUN_ENV, GITHUB_REPOSITORY: 'a/b-c' })
    const other = runFacts({ ...RUN_ENV, GITHUB_REPOSITORY: 'a-b/c' })
    expect(keyNamePrefix(mine)).toBe(keyNamePrefix(other))
    const theirs = key(keyName(other, fixed(0.5)), keyDescription(other, UNTIL))
    expect(isOurs(theirs, mine)).toBe(false)
  })

  it('is false for a hand-made key with our name but another description', () => {
    expect(isOurs(key(OURS.name, 'deploy key for production'), FACTS)).toBe(false)
    expect(isOurs(key(OURS.name, ''), FACTS)).toBe(false)
    // The marker must open the description, not merely appear in it.
    expect(isOurs(key(OURS.name, `Copied from: ${keyDescription(FACTS, UNTIL)}`), FACTS)).toBe(
      false
    )
  })

  it('is false for our description on a name without the run id and attempt', () => {
    const description = keyDescription(FACTS, UNTIL)
    expect(isOurs(key('gha-octo-widgets-deploy-7fffff', description), FACTS)).toBe(false)
    expect(isOurs(key('gha-octo-widgets-', description), FACTS)).toBe(false)
    expect(isOurs(key('gha-octo-widgets-12-x-deploy', description), FACTS)).toBe(false)
  })

  it('is false when the run id and attempt do not follow the prefix at once', () => {
    const description = keyDescription(FACTS, UNTIL)
    // Digits further on in the name do not make it ours: the check is anchored after the prefix.
    expect(isOurs(key('gha-octo-widgets-deploy-12-3-7fffff', description), FACTS)).toBe(false)
    expect(isOurs(key('gha-octo-widgets-x9876543210-2-deploy-7fffff', description), FACTS)).toBe(
      false
    )
  })

  it('is true for a key of another run of a repository whose name starts with digits', () => {
    // Only the run id at the end of the run URL is left out of the comparison, not /2024.
    const facts = runFacts({ ...RUN_ENV, GITHUB_REPOSITORY: '42/2024-widgets' })
    const otherRun = runFacts({
      ...RUN_ENV,
      GITHUB_REPOSITORY: '42/2024-widgets',
      GITHUB_RUN_ID: '7'
    })
    const theirs = key(
      'gha-42-2024-widgets-7-2-deploy-7fffff',
      'Ephemeral key made by ibmcloud-iam-token-action for https://github.com/42/2024-widgets/actions/runs/7/attempts/2; deleted by its post step, or expired by IAM.'
    )
    expect(isOurs(theirs, facts)).toBe(true)
    expect(isOurs(theirs, otherRun)).toBe(true)
    // ...and a key of 42/2025-widgets is still not ours.
    const other = runFacts({ ...RUN_ENV, GITHUB_REPOSITORY: '42/2025-widgets' })
    expect(isOurs(theirs, other)).toBe(false)
  })

  it.each(['ci-deployer', 'terraform', 'gha-octo-gadgets-9876543210-2-deploy-7fffff', ''])(
    'is false for the unrelated name %p',
    (name) => {
      expect(isOurs(key(name, keyDescription(FACTS, UNTIL)), FACTS)).toBe(false)
    }
  )

  it('is false for a key made on another GitHub server', () => {
    const ghes = runFacts({ ...RUN_ENV, GITHUB_SERVER_URL: 'https://ghe.example.com' })
    const theirs = key(keyName(ghes, fixed(0.5)), keyDescription(ghes, UNTIL))
    expect(isOurs(theirs, FACTS)).toBe(false)
  })
})
