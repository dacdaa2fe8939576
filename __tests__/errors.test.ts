import { ActionError, ConfigError, IamError, NetworkError, OPERATION } from '../src/errors.js'

// An error's name opens its stack trace and String(err): what a user sees if one ever escapes.
describe('error kinds', () => {
  it('ConfigError and ActionError carry the message as given', () => {
    expect(String(new ConfigError('env-name is wrong'))).toBe('ConfigError: env-name is wrong')
    expect(String(new ActionError('wrong account'))).toBe('ActionError: wrong account')
  })

  it('IamError keeps operation, status, details and attempts, and says what failed', () => {
    const err = new IamError(OPERATION.createKey, 403, { errorCode: 'BXNIM0513E' }, 2)
    expect(String(err)).toBe('IamError: IAM API key creation failed with HTTP 403')
    expect(err).toMatchObject({
      operation: 'API key creation',
      status: 403,
      details: { errorCode: 'BXNIM0513E' },
      attempts: 2
    })
  })

  it('NetworkError says code and cause; one attempt, no operation or URL until given', () => {
    const err = new NetworkError('ECONNRESET', 'socket hang up')
    expect(String(err)).toBe('NetworkError: ECONNRESET: socket hang up')
    expect(err).toMatchObject({ code: 'ECONNRESET', cause_: 'socket hang up', attempts: 1 })
    expect(err.operation).toBeUndefined()
    expect(err.url).toBeUndefined()
  })

  it('NetworkError.withContext adds attempts, operation and URL, keeping code and cause', () => {
    const err = new NetworkError('ETIMEDOUT', 'no answer').withContext(
      3,
      OPERATION.token,
      'https://iam.cloud.ibm.com/identity/token'
    )
    expect(err).toBeInstanceOf(NetworkError)
    expect(String(err)).toBe('NetworkError: ETIMEDOUT: no answer')
    expect(err).toMatchObject({
      code: 'ETIMEDOUT',
      cause_: 'no answer',
      attempts: 3,
      operation: 'token exchange',
      url: 'https://iam.cloud.ibm.com/identity/token'
    })
  })

  it('names the operations as messages show them', () => {
    expect(OPERATION).toEqual({
      token: 'token exchange',
      createKey: 'API key creation',
      lookupKey: 'API key lookup',
      deleteKey: 'API key deletion',
      instanceIdentity: 'VPC metadata instance identity token request',
      metadataIamToken: 'VPC metadata IAM token request',
      listKeys: 'API key listing'
    })
  })
})
