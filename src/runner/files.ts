import { chmodSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs'

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
}

/** The real file system: node:fs, confined to this file. */
export const nodeFiles: Files = {
  readFile: (path) => readFileSync(path, 'utf8'),
  writeFile: (path, data, mode) => writeFileSync(path, data, mode === undefined ? {} : { mode }),
  makeTempDir: (prefix) => mkdtempSync(prefix),
  chmod: (path, mode) => chmodSync(path, mode),
  rename: (from, to) => renameSync(from, to)
}
