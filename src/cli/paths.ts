// The audit's files, checked before any is opened, so a mistake is one line in the command's
// words (exit 2), not a Node stack.
import { statSync, type Stats } from "node:fs";
import { dirname, resolve } from "node:path";
import { UsageError } from "./usage-error.js";

/** What `path` is, or `undefined` when it cannot be stat'ed. */
export const statOf = (path: string): Stats | undefined => {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
};

/**
 * A file to read: it must exist and be a file, a pipe (as `<(command)` gives) or a device such as
 * /dev/stdin.
 */
export function checkInputFile(flag: string, path: string): void {
  const stats = statOf(path);
  if (!stats) throw new UsageError(`${flag} ${JSON.stringify(path)}: no such file`);
  if (stats.isDirectory()) {
    throw new UsageError(`${flag} ${JSON.stringify(path)}: a folder, not a file`);
  }
  if (!stats.isFile() && !stats.isFIFO() && !stats.isCharacterDevice()) {
    throw new UsageError(`${flag} ${JSON.stringify(path)}: not a file or a pipe`);
  }
}

/** Whether `path` is a regular file: one that can be read twice, unlike a pipe. */
export const isRegularFile = (path: string): boolean => statOf(path)?.isFile() === true;

/** A file to write: its folder must exist, and the path must not be a folder itself. */
export function checkOutputFile(flag: string, path: string): void {
  if (statOf(path)?.isDirectory()) {
    throw new UsageError(`${flag} ${JSON.stringify(path)}: a folder, not a file`);
  }
  const folder = statOf(dirname(resolve(path)));
  if (!folder?.isDirectory()) {
    throw new UsageError(`${flag} ${JSON.stringify(path)}: its folder does not exist`);
  }
}

/** A file a resume cuts back: absent, or a regular file (not a device, a pipe or a socket). */
export function checkRegularFile(flag: string, path: string): void {
  if (statOf(path)?.isFile() === false) {
    throw new UsageError(
      `${flag} ${JSON.stringify(path)}: not a regular file; with --checkpoint it must be one, since a resume cuts it back to what was recorded`,
    );
  }
}

/**
 * Whether two paths name one file: the same path, or the same regular file by its inode (a
 * terminal is both standard input and output, and that is no clash).
 */
export function sameFile(a: string, b: string): boolean {
  if (resolve(a) === resolve(b)) return true;
  const [x, y] = [statOf(a), statOf(b)];
  return x?.isFile() === true && x.dev === y?.dev && x.ino === y.ino;
}
