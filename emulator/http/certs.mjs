// @ts-check
// Throwaway CA and server certificate, so clients verify TLS exactly as against IBM
// (no rejectUnauthorized: false anywhere).
import { generateKeyPair, randomBytes } from 'node:crypto'
import { promisify } from 'node:util'
import forge from 'node-forge'

const generateKeyPairAsync = promisify(generateKeyPair)

export const PRIVATE_REGIONS = [
  'au-syd',
  'br-sao',
  'ca-mon',
  'ca-tor',
  'eu-de',
  'eu-es',
  'eu-gb',
  'jp-osa',
  'jp-tok',
  'us-east',
  'us-south'
]

/** Every hostname a CONNECT proxy may route to the emulator with TLS still verifying. */
export const SERVER_DNS_NAMES = [
  'localhost',
  'iam.cloud.ibm.com',
  'iam.test.cloud.ibm.com',
  'private.iam.cloud.ibm.com',
  ...PRIVATE_REGIONS.map((region) => `private.${region}.iam.cloud.ibm.com`)
]

export const SERVER_IPS = ['127.0.0.1', '::1']

export const CA_COMMON_NAME = 'IAM emulator throwaway CA'

/** @returns {Promise<{ publicKey: string, privateKey: string }>} */
export function generateRsaKeyPair() {
  return generateKeyPairAsync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' }
  })
}

/**
 * @param {{ subjectCn: string, issuerCn: string, publicKeyPem: string, signingKeyPem: string, extensions: object[] }} spec
 * @returns {string} certificate PEM
 */
function signCertificate({ subjectCn, issuerCn, publicKeyPem, signingKeyPem, extensions }) {
  const cert = forge.pki.createCertificate()
  cert.publicKey = forge.pki.publicKeyFromPem(publicKeyPem)
  // Leading 01 keeps the serial positive, as RFC 5280 requires.
  cert.serialNumber = '01' + randomBytes(15).toString('hex')
  const now = Date.now()
  cert.validity.notBefore = new Date(now - 60 * 60 * 1000)
  cert.validity.notAfter = new Date(now + 30 * 24 * 60 * 60 * 1000)
  cert.setSubject([{ name: 'commonName', value: subjectCn }])
  cert.setIssuer([{ name: 'commonName', value: issuerCn }])
  cert.setExtensions(extensions)
  cert.sign(forge.pki.privateKeyFromPem(signingKeyPem), forge.md.sha256.create())
  return forge.pki.certificateToPem(cert)
}

/** @returns {Promise<{ caPem: string, certPem: string, keyPem: string }>} */
export async function createCertificates() {
  const [ca, server] = await Promise.all([generateRsaKeyPair(), generateRsaKeyPair()])
  const caPem = signCertificate({
    subjectCn: CA_COMMON_NAME,
    issuerCn: CA_COMMON_NAME,
    publicKeyPem: ca.publicKey,
    signingKeyPem: ca.privateKey,
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
      { name: 'subjectKeyIdentifier' }
    ]
  })
  const certPem = signCertificate({
    subjectCn: 'iam.cloud.ibm.com',
    issuerCn: CA_COMMON_NAME,
    publicKeyPem: server.publicKey,
    signingKeyPem: ca.privateKey,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          ...SERVER_DNS_NAMES.map((value) => ({ type: 2, value })),
          ...SERVER_IPS.map((ip) => ({ type: 7, ip }))
        ]
      }
    ]
  })
  return { caPem, certPem, keyPem: server.privateKey }
}
