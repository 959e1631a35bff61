// The audit's files, checked before any is opened, so a mistake is one line in the command's
// words (exit 2), not a Node stack.
import { readlinkSync, realpathSync, statSync, type Stats } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { UsageError } from "./usage-error.js";

/** What `read` gives, or `undefined` when the file system refuses it. */
function unlessRefused<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}

/** What `path` is, or `undefined` when it cannot be stat'ed. */
export const statOf = (path: string): Stats | undefined => unlessRefused(() => statSync(path));

/** Where the symbolic link `path` points, or `undefined` when it is no link (or cannot be read). */
const linkOf = (path: string) => unlessRefused(() => readlinkSync(path));

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

/**
 * A file to write: its folder must exist (the folder of the file a link leads to, for a link not
 * yet leading to a file), and the path must not be a folder itself.
 */
export function checkOutputFile(flag: string, path: string): void {
  if (statOf(path)?.isDirectory()) {
    throw new UsageError(`${flag} ${JSON.stringify(path)}: a folder, not a file`);
  }
  const folder = statOf(dirname(whereLeads(path)));
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

/** As many links as Linux follows in one path before it gives up (ELOOP). */
const MAX_LINKS = 40;

/**
 * The file `path` leads to, through symbolic links to it and to its folders, whether or not that
 * file exists yet: a link may point at the file an audit is about to write.
 */
export function whereLeads(path: string, links = 0): string {
  const full = resolve(path);
  const real = unlessRefused(() => realpathSync(full));
  if (real !== undefined) return real;
  // Not there (yet): a link left dangling leads on; otherwise the folder is followed.
  const to = linkOf(full);
  if (to !== undefined && links < MAX_LINKS)
    return whereLeads(resolve(dirname(full), to), links + 1);
  const folder = dirname(full);
  return folder === full ? full : join(whereLeads(folder, links), basename(full));
}

/**
 * Whether two paths name one file: the same path, or the same file or file to be, followed
 * through links, or the same regular file by its inode (a hard link). A terminal is both standard
 * input and output, and that is no clash: only a regular file, or one not made yet, clashes.
 */
export function sameFile(a: string, b: string): boolean {
  if (resolve(a) === resolve(b)) return true;
  const [x, y] = [statOf(a), statOf(b)];
  if (x?.isFile() === true) return x.dev === y?.dev && x.ino === y.ino;
  return x === undefined && y === undefined && whereLeads(a) === whereLeads(b);
}
