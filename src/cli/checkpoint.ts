// Exactly-once output across crashes. Each Entity's rows are appended to the output file, then one
// checkpoint line: its identity and the output's length after them. On a new start the output is
// cut back to the last length recorded, so rows written after it (an Entity whose checkpoint line
// never made it) go, and that Entity is audited again: no row missing, none twice. Keyed by
// identity, not by place, so Entities listed in another order, or added, resume exactly once.
import { closeSync, existsSync, ftruncateSync, openSync, statSync, writeSync } from "node:fs";
import { bindingOf, differenceOf } from "./checkpoint-binding.js";
import { BOUND, COMPLETE, readCheckpoint } from "./checkpoint-file.js";
import type { Report } from "./errors.js";
import type { AuditCommand } from "./flags.js";
import { writeAll, type Io } from "./io.js";
import { lockFor } from "./lock.js";
import { UsageError } from "./usage-error.js";
import { IdentitySet } from "./identity-set.js";

export interface Checkpoint {
  /**
   * The identities earlier runs finished, to which this run adds those it takes up: each identity
   * is audited once however often the input lists it.
   */
  taken: IdentitySet;
  /** Appends an Entity's rows to the output, then records it as done. */
  record(identity: string, rows: string, keys: string[]): void;
  /** What earlier runs recorded of each Entity they finished: its factors' `type/status` keys. */
  earlier: string[][];
  /** Records that the audit went through its whole input. */
  complete(): void;
  /** Whether the output had anything before this run (so a header is not written twice). */
  resumed: boolean;
  /** Whether an earlier run finished the audit: nothing is left to do. */
  finished: boolean;
  close(): void;
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
  // The output too: another checkpoint's audit writing it would cut this one's rows on resume.
  const locks: (() => void)[] = [];
  const unlock = () => locks.forEach((release) => release());
  try {
    locks.push(lockFor("--checkpoint", checkpointPath));
    locks.push(lockFor("--out", outPath));
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
  const earlier = existsSync(checkpointPath) ? readCheckpoint(checkpointPath) : undefined;
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
    taken: earlier?.done ?? new IdentitySet(),
    resumed: outBytes > 0,
    finished: earlier?.finished ?? false,
    earlier: earlier?.earlier ?? [],
    record(identity, rows, keys) {
      const bytes = Buffer.from(rows);
      // Whole or not at all: a failed write leaves the Entity unrecorded, to be audited again.
      writeAll(out, bytes, outBytes);
      outBytes += bytes.length;
      writeAll(checkpoint, `${JSON.stringify(identity)}\t${outBytes}\t${JSON.stringify(keys)}\n`);
    },
    complete: () => void writeSync(checkpoint, `${COMPLETE}\n`),
    close() {
      closeSync(out);
      closeSync(checkpoint);
    },
  };
}

/**
 * The audit's checkpoint, opened for this command; or the exit code when there is nothing to
 * run: a checkpoint made for another command (2, said in one line), or one already complete (0).
 */
export function checkpointFor(
  command: AuditCommand,
  io: Io,
  report: Report,
): Checkpoint | number | undefined {
  const path = command.audit.checkpoint;
  if (path === undefined) return undefined;
  let checkpoint: Checkpoint;
  try {
    checkpoint = openCheckpoint(path, command.audit.out!, bindingOf(command));
  } catch (error) {
    if (error instanceof UsageError) return report.fail(2, error.message);
    throw error;
  }
  if (!checkpoint.finished) return checkpoint;
  checkpoint.close();
  io.stderr.write(`verify-factors: the audit ${path} records is already complete; nothing to do\n`);
  return 0;
}
