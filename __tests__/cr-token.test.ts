/**
 * readCrToken, the read at every use of a compute-resource token (the main step, and
 * ibmcloud-iam-token in later steps): the file may have gone or been emptied since the inputs
 * were checked, and platforms rotate it.
 */
import { readCrToken } from '../src/credentials/cr-token.js'
import { ActionError } from '../src/errors.js'
import { Secrets } from '../src/secrets.js'

function secrets() {
  const masked: string[] = []
  return { masked, secrets: new Secrets((value) => masked.push(value)) }
}

const MOUNT_HELP = 'Check that the projected token volume is still mounted at that path.'

describe('readCrToken', () => {
  it('masks the content as read, before anything else, and gives it trimmed', () => {
    const { masked, secrets: s } = secrets()
    const reads: string[] = []
    const token = readCrToken('/var/run/secrets/tokens/sa', s, (path) => {
      reads.push(path)
      return '\n  eyJ.rotated.token \n'
    })
    expect(token).toBe('eyJ.rotated.token')
    expect(reads).toEqual(['/var/run/secrets/tokens/sa'])
    expect(masked[0]).toBe('\n  eyJ.rotated.token \n')
    expect(masked).toContain('eyJ.rotated.token')
  })

  it("names the reader's error code when the file cannot be read", () => {
    const read = () => {
      throw Object.assign(new Error('gone'), { code: 'ENOENT' })
    }
    expect(() => readCrToken('/t', secrets().secrets, read)).toThrow(
      new ActionError(`Cannot read the compute-resource token in /t (ENOENT). ${MOUNT_HELP}`)
    )
  })

  it("says 'error' for a failure without a code, and quotes an odd path inertly", () => {
    const read = () => {
      throw new Error('no code')
    }
    expect(() => readCrToken('/t\n::warning::x', secrets().secrets, read)).toThrow(
      new ActionError(
        `Cannot read the compute-resource token in /t\\n: :warning: :x (error). ${MOUNT_HELP}`
      )
    )
  })

  it('refuses a file that holds only white space', () => {
    expect(() => readCrToken('/t', secrets().secrets, () => ' \n\t')).toThrow(
      new ActionError('The compute-resource token file /t is empty. Check the projected volume.')
    )
  })
})
