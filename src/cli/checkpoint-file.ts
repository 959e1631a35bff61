// What a checkpoint file says. Its first line is the command it belongs to; each line after it an
// Entity done (its identity, the output's length after its rows, its factors' type/status);
// a last "#complete" when the audit went through its whole input.
import { closeSync, openSync, readFileSync, readSync } from "node:fs";
import { UsageError } from "./usage-error.js";
import { IdentitySet } from "./identity-set.js";

export const BOUND = "#bound\t";
export const COMPLETE = "#complete";
const RECORD = /^("(?:[^"\\]|\\.)*")\t(\d+)\t(\[.*\])$/;

/** Whether `line` can open a checkpoint: its binding, or a crash's cut of it when not `whole`. */
const opensCheckpoint = (line: string, whole: boolean) =>
  line.startsWith(BOUND) || (whole ? RECORD.test(line) : BOUND.startsWith(line));

const quoted = (line: string) => JSON.stringify(line.slice(0, 40));

/** Enough of a file to find its first line, unless that line is too long for a checkpoint's. */
const HEAD_BYTES = 64 * 1024;

/** The start of the file at `path`, and whether it holds the whole of its first line. */
function headOf(path: string): { head: string; firstWhole: boolean } {
  const file = openSync(path, "r");
  try {
    const bytes = new Uint8Array(HEAD_BYTES);
    const read = readSync(file, bytes, 0, HEAD_BYTES, 0);
    const head = new TextDecoder().decode(bytes.subarray(0, read));
    return { head, firstWhole: read < HEAD_BYTES || head.includes("\n") };
  } finally {
    closeSync(file);
  }
}

/**
 * What the checkpoint file at `path` says: the identities done, and the output's length after
 * them. A file that is no checkpoint, or has a damaged line, is refused (a `UsageError` that says
 * what to do); one that is no checkpoint from its first line on, before it is read whole.
 */
export function readCheckpoint(path: string): {
  done: IdentitySet;
  earlier: string[][];
  outBytes: number;
  length: number;
  binding?: Record<string, string>;
  finished: boolean;
} {
  const named = `--checkpoint ${JSON.stringify(path)}`;
  const damaged = (what: string) =>
    new UsageError(
      `${named}: ${what}; it cannot say which rows --out holds: delete both and audit again`,
    );
  const { head, firstWhole } = headOf(path);
  const first = head.split("\n", 1)[0]!;
  // Someone else's file, never to be cut back; told from its first line, so a large one is not
  // read whole first.
  const opens = firstWhole
    ? opensCheckpoint(first, head.includes("\n"))
    : first.startsWith(BOUND) || first.startsWith('"');
  if (head !== "" && !opens) {
    throw new UsageError(
      `${named} is not a checkpoint an audit wrote (it starts ${quoted(first)}); give a path of its own, so that this file is kept`,
    );
  }
  const text = readFileSync(path, "utf8");
  // A line cut short by a crash has no newline yet: it did not happen.
  const length = text.lastIndexOf("\n") + 1;
  const done = new IdentitySet();
  const earlier: string[][] = [];
  let [outBytes, finished] = [0, false];
  let binding: Record<string, string> | undefined;
  const lines = text.slice(0, length).split("\n").slice(0, -1);
  for (const [at, line] of lines.entries()) {
    const match = RECORD.exec(line);
    // Each record holds the output's length after its rows: one shorter than the record before
    // would cut the rows between, which are recorded as done.
    if (match && Number(match[2]) >= outBytes) {
      done.add(JSON.parse(match[1]!));
      earlier.push(JSON.parse(match[3]!));
      outBytes = Number(match[2]);
    } else if (line === COMPLETE) finished = true;
    else if (at === 0 && line.startsWith(BOUND)) {
      try {
        binding = JSON.parse(line.slice(BOUND.length));
      } catch {
        throw damaged("line 1 is damaged (its command does not parse)");
      }
    }
    // Skipped, a damaged line would audit its Entity again and write its rows twice.
    else throw damaged(`line ${at + 1} is damaged (${quoted(line)})`);
  }
  return { done, earlier, outBytes, length, binding, finished };
}
