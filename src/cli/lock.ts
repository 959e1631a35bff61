// One audit at a time on a checkpoint and its output: two would interleave their lines and rows in
// one file, and each resume would cut the other's rows.
import { closeSync, openSync, readFileSync, rmSync, statSync, writeSync } from "node:fs";
import { UsageError } from "./usage-error.js";

/** How long an empty lock is taken to be one another audit is making, not one left behind. */
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
 * Takes `PATH.lock` for this process, or refuses while a running process holds it; `flag` names
 * the path. A lock left by an audit that was killed is taken over. Returns the function that lets
 * it go.
 */
export function lockFor(flag: string, path: string): () => void {
  const lock = `${path}.lock`;
  const cannotTake = (why: string) =>
    new UsageError(`${flag} ${JSON.stringify(path)}: its lock ${JSON.stringify(lock)} ${why}`);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lock, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lock, { force: true });
    } catch (error) {
      if (codeOf(error) !== "EEXIST") throw cannotTake(`cannot be made (${codeOf(error)})`);
    }
    let text: string;
    let age: number;
    try {
      text = readFileSync(lock, "utf8");
      age = Date.now() - statSync(lock).mtimeMs;
    } catch (error) {
      throw cannotTake(`cannot be read (${codeOf(error)}); if no audit runs, delete it`);
    }
    const pid = Number(text);
    const inUse = (by: string) =>
      new UsageError(
        `${flag} ${JSON.stringify(path)} is in use by another audit (${by}); wait for it to end, or, if no audit runs, delete ${JSON.stringify(lock)}`,
      );
    if (Number.isInteger(pid) && pid > 0 && alive(pid)) throw inUse(`process ${pid}`);
    // A lock is made empty, then given its process id: a young empty one is being made.
    if (text === "" && age < BEING_MADE_MS) throw inUse("one that is starting");
    rmSync(lock, { force: true });
  }
  throw cannotTake("could not be taken");
}
