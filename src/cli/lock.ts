// One audit at a time on a checkpoint and its output: two would interleave their lines and rows in
// one file, and each resume would cut the other's rows.
import { closeSync, fstatSync, openSync, readFileSync, rmSync, statSync, writeSync } from "node:fs";
import { UsageError } from "./usage-error.js";

/**
 * How long an empty lock is taken to be one another audit is making, and a takeover one that
 * another is taking over with, rather than one left behind.
 */
const BEING_MADE_MS = 10_000;

const codeOf = (error: unknown) => (error as NodeJS.ErrnoException).code ?? String(error);

/** Whether a process with this id is running (one of another user's counts too). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Makes `file` holding `text` if no file has that name; whether it did. One it made but could not
 * write (a full disk) is removed: left empty, it would read as another audit's, starting.
 */
function make(file: string, text: string): boolean {
  let fd: number;
  try {
    fd = openSync(file, "wx");
  } catch (error) {
    if (codeOf(error) === "EEXIST") return false;
    throw error;
  }
  try {
    writeSync(fd, text);
  } catch (error) {
    rmSync(file, { force: true });
    throw error;
  } finally {
    closeSync(fd);
  }
  return true;
}

/** The lock's text and age, read from one open file. */
function readLock(lock: string) {
  const fd = openSync(lock, "r");
  try {
    return { text: readFileSync(fd, "utf8"), age: Date.now() - fstatSync(fd).mtimeMs };
  } finally {
    closeSync(fd);
  }
}

/** The lock of a checkpoint or of its output. */
export const lockOf = (path: string): string => `${path}.lock`;

/**
 * Takes `PATH.lock` for this process, or refuses while a running process holds it; `flag` names
 * the path. A lock left by an audit that was killed is taken over. Returns the function that lets
 * it go.
 */
export function lockFor(flag: string, path: string): () => void {
  const lock = lockOf(path);
  const cannotTake = (why: string) =>
    new UsageError(`${flag} ${JSON.stringify(path)}: its lock ${JSON.stringify(lock)} ${why}`);
  const inUse = (by: string) =>
    new UsageError(
      `${flag} ${JSON.stringify(path)} is in use by another audit (${by}); wait for it to end, or, if no audit runs, delete ${JSON.stringify(lock)}`,
    );
  /** Who holds the lock: a running audit, said in words; `null` once it is gone; else nobody. */
  const holder = (): string | null | undefined => {
    let text: string;
    let age: number;
    try {
      ({ text, age } = readLock(lock));
    } catch (error) {
      if (codeOf(error) === "ENOENT") return null;
      throw cannotTake(`cannot be read (${codeOf(error)}); if no audit runs, delete it`);
    }
    const pid = Number(text);
    if (Number.isInteger(pid) && pid > 0 && alive(pid)) return `process ${pid}`;
    // A lock is made empty, then given its process id: a young empty one is being made.
    if (text === "" && age < BEING_MADE_MS) return "one that is starting";
    return undefined;
  };
  /** `run`, with a failure of the file system said as one line naming the lock. */
  const trying = <T>(why: (code: string) => string, run: () => T): T => {
    try {
      return run();
    } catch (error) {
      if (error instanceof UsageError) throw error;
      throw cannotTake(why(codeOf(error)));
    }
  };
  for (let attempt = 0; attempt < 3; attempt++) {
    if (
      trying(
        (code) => `cannot be made (${code})`,
        () => make(lock, String(process.pid)),
      )
    ) {
      return () => rmSync(lock, { force: true });
    }
    const by = holder();
    if (by) throw inUse(by);
    if (by === null) continue; // let go meanwhile
    const leftBehind = () => holder() === undefined;
    const takeover = (code: string) =>
      `cannot be taken over (${code}); if no audit runs, delete it`;
    if (!trying(takeover, () => removeLeftBehind(lock, leftBehind))) {
      throw inUse("one that is starting");
    }
  }
  throw cannotTake("could not be taken");
}

/**
 * Removes a lock left behind, while holding `LOCK.takeover`, and only if `stillLeftBehind()` says
 * so once it is held. Two audits that both find the lock left behind may both get here: without
 * the takeover file, the second would remove the lock the first had just made in its place.
 * Returns false when another audit holds the takeover file.
 */
function removeLeftBehind(lock: string, stillLeftBehind: () => boolean): boolean {
  const takeover = `${lock}.takeover`;
  if (!make(takeover, String(process.pid))) {
    // One left by an audit killed in the instant it held it is removed once it is old.
    const made = statSync(takeover, { throwIfNoEntry: false })?.mtimeMs ?? Date.now();
    if (Date.now() - made < BEING_MADE_MS) return false;
    rmSync(takeover, { force: true });
    if (!make(takeover, String(process.pid))) return false;
  }
  try {
    if (stillLeftBehind()) rmSync(lock, { force: true });
    return true;
  } finally {
    rmSync(takeover, { force: true });
  }
}
