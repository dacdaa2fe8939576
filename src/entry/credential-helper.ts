// The file ncc bundles as dist/credential-helper: `docker-credential-ibmcloud`, run by its
// launchers. Deliberately small (no @actions/*, no HTTP, the child process module loaded only
// to renew): a cache hit must cost little more than starting Node.
import { runHelper, type HelperIo } from '../registry/helper.js'
import { nodeFiles } from '../runner/files.js'

const io: HelperIo = {
  nowMs: () => Date.now(),
  files: nodeFiles,
  readStdin: async () => {
    let text = ''
    process.stdin.setEncoding('utf8')
    for await (const chunk of process.stdin) text += chunk as string
    return text
  },
  runTokenCommand: async ({ node, script, config }) => {
    const { spawn } = await import('node:child_process')
    return new Promise((resolve) => {
      const child = spawn(node, [script, config], { stdio: ['ignore', 'pipe', 'pipe'] })
      let stdout = ''
      let stderr = ''
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
      child.once('error', (err) => resolve({ code: 1, stdout: '', stderr: err.message }))
      child.once('close', (code) => resolve({ code: code ?? 1, stdout, stderr }))
    })
  },
  stdout: (text) => process.stdout.write(text)
}

process.exitCode = await runHelper(process.argv.slice(2), io)
