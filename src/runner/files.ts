import {
  chmodSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmdirSync,
  statSync,
  unlinkSync,
  writeFileSync
} from 'node:fs'

/**
 * The file system as the steps and the token command use it, passed in with their deps so that
 * no other module imports node:fs. Errors are Node's (with their `code`).
 */
export interface Files {
  /** Reads a file as UTF-8. */
  readFile(path: string): string
  /** Writes (creating with `mode`, default 0666 less the umask). */
  writeFile(path: string, data: string, mode?: number): void
  /** A new folder named `prefix` plus random characters, mode 0700; returns its path. */
  makeTempDir(prefix: string): string
  chmod(path: string, mode: number): void
  rename(from: string, to: string): void
  /** Creates the file with this mode, never replacing one (the SDK credentials file). */
  createFile(path: string, data: string, mode: number): void
  /** Whether the path is a folder (following links: RUNNER_TEMP may be one); undefined when absent. */
  isFolder(path: string): boolean | undefined
  /** Whether the path itself is a regular file (a symbolic link is not); undefined when absent. */
  isRegularFile(path: string): boolean | undefined
  unlink(path: string): void
  /** Removes an empty folder. */
  rmdir(path: string): void
  /** What is at `path`, or undefined when nothing is. */
  stat(path: string): { isDirectory: boolean; mode: number } | undefined
  /** Makes a folder and its missing parents with `mode`. */
  makeDir(path: string, mode: number): void
  remove(path: string): void
}

/** The real file system: node:fs, confined to this file. */
export const nodeFiles: Files = {
  readFile: (path) => readFileSync(path, 'utf8'),
  writeFile: (path, data, mode) => writeFileSync(path, data, mode === undefined ? {} : { mode }),
  makeTempDir: (prefix) => mkdtempSync(prefix),
  chmod: (path, mode) => chmodSync(path, mode),
  rename: (from, to) => renameSync(from, to),
  createFile: (path, data, mode) => writeFileSync(path, data, { mode, flag: 'wx' }),
  isFolder: (path) => statSync(path, { throwIfNoEntry: false })?.isDirectory(),
  isRegularFile: (path) => lstatSync(path, { throwIfNoEntry: false })?.isFile(),
  unlink: (path) => unlinkSync(path),
  rmdir: (path) => rmdirSync(path),
  stat: (path) => {
    const stats = statSync(path, { throwIfNoEntry: false })
    return stats && { isDirectory: stats.isDirectory(), mode: stats.mode & 0o777 }
  },
  makeDir: (path, mode) => void mkdirSync(path, { recursive: true, mode }),
  remove: (path) => unlinkSync(path)
}
