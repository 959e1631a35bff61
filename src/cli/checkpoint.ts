// Exactly-once output across crashes. Each Entity's rows are appended to the output file, then one
// checkpoint line: its identity and the output's length after them. On a new start the output is
// cut back to the last length recorded, so rows written after it (an Entity whose checkpoint line
// never made it) go, and that Entity is audited again: no row missing, none twice. Keyed by
// identity, not by place, so Entities listed in another order, or added, resume exactly once.
import {
  closeSync,
  existsSync,
  ftruncateSync,
  openSync,
  readFileSync,
  statSync,
  writeSync,
} from "node:fs";
import { differenceOf } from "./checkpoint-binding.js";
import { lockFor } from "./lock.js";
import { UsageError } from "./usage-error.js";

export interface Checkpoint {
  /** Whether the Entity at this place in the input was audited in an earlier run. */
  done(identity: string): boolean;
  /** Appends an Entity's rows to the output, then records it as done. */
  record(identity: string, rows: string): void;
  /** Records that the audit went through its whole input. */
  complete(): void;
  /** Whether the output had anything before this run (so a header is not written twice). */
  resumed: boolean;
  /** Whether an earlier run finished the audit: nothing is left to do. */
  finished: boolean;
  close(): void;
}

const BOUND = "#bound\t";

function parseBinding(text: string): Record<string, string> {
  try {
    return JSON.parse(text);
  } catch {
    throw new UsageError("line 1 is damaged (its command does not parse)");
  }
}
const COMPLETE = "#complete";

/** What a checkpoint file says: the identities done, and the output's length after them. */
export function readCheckpoint(text: string): {
  done: Set<string>;
  outBytes: number;
  length: number;
  binding?: Record<string, string>;
  finished: boolean;
} {
  // A line cut short by a crash has no newline yet: it did not happen.
  const length = text.lastIndexOf("\n") + 1;
  const done = new Set<string>();
  let [outBytes, finished] = [0, false];
  let binding: Record<string, string> | undefined;
  const lines = text.slice(0, length).split("\n").slice(0, -1);
  for (const [at, line] of lines.entries()) {
    const match = /^("(?:[^"\\]|\\.)*")\t(\d+)$/.exec(line);
    if (match) {
      done.add(JSON.parse(match[1]!));
      outBytes = Math.max(outBytes, Number(match[2]));
    } else if (line === COMPLETE) finished = true;
    else if (at === 0 && line.startsWith(BOUND)) binding = parseBinding(line.slice(BOUND.length));
    // Skipped, a damaged line would audit its Entity again and write its rows twice.
    else throw new UsageError(`line ${at + 1} is damaged (${JSON.stringify(line.slice(0, 40))})`);
  }
  return { done, outBytes, length, binding, finished };
}

/**
 * The checkpoint at `checkpointPath` for the output at `outPath`, made for `binding`. A checkpoint
 * made for another command, or whose output lacks rows it recorded, is refused (a `UsageError`)
 * before anything is written.
 */
export function openCheckpoint(
  checkpointPath: string,
  outPath: string,
  binding: Record<string, string>,
): Checkpoint {
  const unlock = lockFor(checkpointPath);
  try {
    const checkpoint = openLocked(checkpointPath, outPath, binding);
    const close = checkpoint.close;
    checkpoint.close = () => {
      close();
      unlock();
    };
    return checkpoint;
  } catch (error) {
    unlock();
    throw error;
  }
}

function openLocked(
  checkpointPath: string,
  outPath: string,
  binding: Record<string, string>,
): Checkpoint {
  let earlier: ReturnType<typeof readCheckpoint> | undefined;
  try {
    earlier = existsSync(checkpointPath)
      ? readCheckpoint(readFileSync(checkpointPath, "utf8"))
      : undefined;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    throw new UsageError(
      `--checkpoint ${JSON.stringify(checkpointPath)}: ${error.message}; it cannot say which rows --out holds: delete both and audit again`,
    );
  }
  if (earlier && earlier.length > 0) {
    const difference = earlier.binding
      ? differenceOf(earlier.binding, binding)
      : "it records no command";
    if (difference) {
      throw new UsageError(
        `--checkpoint ${JSON.stringify(checkpointPath)} was made by another audit: ${difference}; run that command, or give a new --checkpoint and --out`,
      );
    }
    const outBytes = existsSync(outPath) ? statSync(outPath).size : -1;
    if (outBytes < earlier.outBytes) {
      throw new UsageError(
        `--out ${JSON.stringify(outPath)} ${outBytes < 0 ? "is missing" : `holds ${outBytes} bytes, fewer than the ${earlier.outBytes} recorded`}: rows are lost; delete --checkpoint ${JSON.stringify(checkpointPath)} and --out, and audit again`,
      );
    }
  }
  const checkpoint = openSync(checkpointPath, "a+");
  ftruncateSync(checkpoint, earlier?.length ?? 0);
  if (!earlier?.length) writeSync(checkpoint, `${BOUND}${JSON.stringify(binding)}\n`);
  const out = openSync(outPath, existsSync(outPath) ? "r+" : "w+");
  ftruncateSync(out, earlier?.outBytes ?? 0);
  let outBytes = earlier?.outBytes ?? 0;
  return {
    done: (identity) => earlier?.done.has(identity) ?? false,
    resumed: outBytes > 0,
    finished: earlier?.finished ?? false,
    record(identity, rows) {
      const bytes = Buffer.from(rows);
      writeSync(out, bytes, 0, bytes.length, outBytes);
      outBytes += bytes.length;
      writeSync(checkpoint, `${JSON.stringify(identity)}\t${outBytes}\n`);
    },
    complete: () => void writeSync(checkpoint, `${COMPLETE}\n`),
    close() {
      closeSync(out);
      closeSync(checkpoint);
    },
  };
}
