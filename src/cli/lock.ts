// One audit at a time on a checkpoint and its output: two would interleave their lines and rows in
// one file, and each resume would cut the other's rows.
import { closeSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { UsageError } from "./usage-error.js";

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
    let pid: number;
    try {
      pid = Number(readFileSync(lock, "utf8"));
    } catch (error) {
      throw cannotTake(`cannot be read (${codeOf(error)}); if no audit runs, delete it`);
    }
    if (Number.isInteger(pid) && pid > 0 && alive(pid)) {
      throw new UsageError(
        `${flag} ${JSON.stringify(path)} is in use by another audit (process ${pid}); wait for it to end, or, if no audit runs, delete ${JSON.stringify(lock)}`,
      );
    }
    rmSync(lock, { force: true });
  }
  throw cannotTake("could not be taken");
}
