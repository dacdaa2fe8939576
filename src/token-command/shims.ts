/**
 * The two launchers of `ibmcloud-iam-token`, written beside its config file: a POSIX shell
 * script (Linux, macOS, and Git Bash on Windows) and a `.cmd` (PowerShell and cmd on
 * Windows). Both run the bundled script with the absolute path of the Node binary that ran the
 * main step: runners do not promise a `node` on PATH.
 */
export interface Launch {
  node: string
  script: string
  config: string
  /** The comment line: what the command is (default: `ibmcloud-iam-token`'s). */
  what?: string
}

const TOKEN_COMMAND =
  'ibmcloud-iam-token: prints an IBM Cloud IAM token valid for at least 5 more minutes.'

/** Single-quoted for sh: nothing inside is expanded. */
function shQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`
}

export function posixShim({ node, script, config, what = TOKEN_COMMAND }: Launch): string {
  return [
    '#!/bin/sh',
    `# ${what}`,
    `exec ${[node, script, config].map(shQuote).join(' ')} "$@"`,
    ''
  ].join('\n')
}

/** Windows paths cannot hold `"`; `%` is doubled so that cmd does not expand it. */
function cmdQuote(value: string): string {
  return `"${value.replace(/%/g, '%%')}"`
}

export function windowsShim({ node, script, config, what = TOKEN_COMMAND }: Launch): string {
  return [
    '@echo off',
    `rem ${what}`,
    `${[node, script, config].map(cmdQuote).join(' ')} %*`,
    'exit /b %ERRORLEVEL%',
    ''
  ].join('\r\n')
}
