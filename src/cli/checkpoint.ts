// Exactly-once output across crashes. Each Entity's rows are appended to the output file, then one
// checkpoint line: its place in the input and the output's length after them. On a new start the
// output is cut back to the last length recorded, so rows written after it (an Entity whose
// checkpoint line never made it) go, and that Entity is audited again: no row missing, none twice.
import { closeSync, existsSync, ftruncateSync, openSync, readFileSync, writeSync } from "node:fs";

export interface Checkpoint {
  /** Whether the Entity at this place in the input was audited in an earlier run. */
  done(index: number): boolean;
  /** Appends an Entity's rows to the output, then records it as done. */
  record(index: number, rows: string): void;
  /** Whether the output had anything before this run (so a header is not written twice). */
  resumed: boolean;
  close(): void;
}

/** What a checkpoint file says: the places done, and the output's length after the last of them. */
export function readCheckpoint(text: string): {
  done: Set<number>;
  outBytes: number;
  length: number;
} {
  // A line cut short by a crash has no newline yet: it did not happen.
  const length = text.lastIndexOf("\n") + 1;
  const done = new Set<number>();
  let outBytes = 0;
  for (const line of text.slice(0, length).split("\n")) {
    const match = /^(\d+)\t(\d+)$/.exec(line);
    if (!match) continue;
    done.add(Number(match[1]));
    outBytes = Math.max(outBytes, Number(match[2]));
  }
  return { done, outBytes, length };
}

export function openCheckpoint(checkpointPath: string, outPath: string): Checkpoint {
  const earlier = existsSync(checkpointPath)
    ? readCheckpoint(readFileSync(checkpointPath, "utf8"))
    : { done: new Set<number>(), outBytes: 0, length: 0 };
  const checkpoint = openSync(checkpointPath, "a+");
  ftruncateSync(checkpoint, earlier.length);
  const out = openSync(outPath, existsSync(outPath) ? "r+" : "w+");
  ftruncateSync(out, earlier.outBytes);
  let outBytes = earlier.outBytes;
  return {
    done: (index) => earlier.done.has(index),
    resumed: outBytes > 0,
    record(index, rows) {
      const bytes = Buffer.from(rows);
      writeSync(out, bytes, 0, bytes.length, outBytes);
      outBytes += bytes.length;
      writeSync(checkpoint, `${index}\t${outBytes}\n`);
    },
    close() {
      closeSync(out);
      closeSync(checkpoint);
    },
  };
}
