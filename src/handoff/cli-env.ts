import type { Credential, ProfileRef } from '../credentials/credential.js'
import { DEFAULT_METADATA_ENDPOINT } from '../credentials/metadata-endpoint.js'

/**
 * The variables the `ibmcloud` CLI reads for a keyless login (ibm-cloud-cli-sdk `bluemix/env.go`,
 * IBM Cloud docs "Environment variables for the CLI"): a compute-resource token as `@<file>`
 * with the profile, or, on a VPC server (`ibmcloud login --vpc-cri`), the profile and the
 * metadata endpoint. The caller gives the token file's absolute path. None is a secret: the file is named, never copied. Empty for an API key
 * (its own variable, IBMCLOUD_API_KEY, is the ephemeral key's default ephemeral-key-env).
 */
export function cliEnv(credential: Credential): Record<string, string> {
  if (credential.kind === 'cr-token-file') {
    return {
      IBMCLOUD_CR_TOKEN: `@${credential.path}`,
      IBMCLOUD_CR_PROFILE: profileValue(credential.profile)
    }
  }
  if (credential.kind === 'vpc-metadata') {
    return {
      ...(credential.profile ? { IBMCLOUD_CR_PROFILE: profileValue(credential.profile) } : {}),
      ...(credential.endpoint !== DEFAULT_METADATA_ENDPOINT
        ? { IBMCLOUD_CR_VPC_URL: credential.endpoint }
        : {})
    }
  }
  return {}
}

/** IBMCLOUD_CR_PROFILE takes a profile id, CRN or name. */
function profileValue(profile: ProfileRef): string {
  if ('id' in profile) return profile.id
  if ('crn' in profile) return profile.crn
  return profile.name
}
