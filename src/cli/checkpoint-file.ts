// What a checkpoint file says. Its first line is the command it belongs to; each line after it an
// Entity done (its identity, the output's length after its rows, its factors' type/status);
// a last "#complete" when the audit went through its whole input.
import { UsageError } from "./usage-error.js";
import { IdentitySet } from "./identity-set.js";

export const BOUND = "#bound\t";
export const COMPLETE = "#complete";
const RECORD = /^("(?:[^"\\]|\\.)*")\t(\d+)\t(\[.*\])$/;

function parseBinding(text: string): Record<string, string> {
  try {
    return JSON.parse(text);
  } catch {
    throw new UsageError("line 1 is damaged (its command does not parse)");
  }
}

/** A file that does not start as a checkpoint does: someone else's, never to be cut back. */
export class NotACheckpoint extends UsageError {}

/** Whether `line` can open a checkpoint: its binding, or a crash's cut of it when not `whole`. */
const opensCheckpoint = (line: string, whole: boolean) =>
  line.startsWith(BOUND) || (whole ? RECORD.test(line) : BOUND.startsWith(line));

/** What a checkpoint file says: the identities done, and the output's length after them. */
export function readCheckpoint(text: string): {
  done: IdentitySet;
  earlier: string[][];
  outBytes: number;
  length: number;
  binding?: Record<string, string>;
  finished: boolean;
} {
  // A line cut short by a crash has no newline yet: it did not happen.
  const length = text.lastIndexOf("\n") + 1;
  const done = new IdentitySet();
  const earlier: string[][] = [];
  let [outBytes, finished] = [0, false];
  let binding: Record<string, string> | undefined;
  const first = text.split("\n", 1)[0]!;
  if (text !== "" && !opensCheckpoint(first, length > 0)) {
    throw new NotACheckpoint(`it starts ${JSON.stringify(first.slice(0, 40))}`);
  }
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
    else if (at === 0 && line.startsWith(BOUND)) binding = parseBinding(line.slice(BOUND.length));
    // Skipped, a damaged line would audit its Entity again and write its rows twice.
    else throw new UsageError(`line ${at + 1} is damaged (${JSON.stringify(line.slice(0, 40))})`);
  }
  return { done, earlier, outBytes, length, binding, finished };
}
