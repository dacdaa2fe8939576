import {
  lstatSync,
  mkdtempSync,
  readFileSync,
  rmdirSync,
  statSync,
  unlinkSync,
  writeFileSync
} from 'node:fs'

/**
 * The file operations the hand-off to IBM's tools needs (handoff/), passed in so that the
 * modules there never import node:fs. Errors are Node's (with their `code`).
 */
export interface HandoffFiles {
  readFile(path: string): string
  /** Whether the path is a folder (following links: RUNNER_TEMP may be one); undefined when absent. */
  isFolder(path: string): boolean | undefined
  /** Whether the path itself is a regular file (a symbolic link is not); undefined when absent. */
  isRegularFile(path: string): boolean | undefined
  /** A new folder named `prefix` plus random characters, mode 0700; returns its path. */
  makeTempDir(prefix: string): string
  /** Creates the file (never replaces one) with this mode. */
  createFile(path: string, data: string, mode: number): void
  unlink(path: string): void
  /** Removes an empty folder. */
  rmdir(path: string): void
}

/** The real file system: node:fs, confined to this file. */
export const nodeHandoffFiles: HandoffFiles = {
  readFile: (path) => readFileSync(path, 'utf8'),
  isFolder: (path) => statSync(path, { throwIfNoEntry: false })?.isDirectory(),
  isRegularFile: (path) => lstatSync(path, { throwIfNoEntry: false })?.isFile(),
  makeTempDir: (prefix) => mkdtempSync(prefix),
  createFile: (path, data, mode) => writeFileSync(path, data, { mode, flag: 'wx' }),
  unlink: (path) => unlinkSync(path),
  rmdir: (path) => rmdirSync(path)
}
