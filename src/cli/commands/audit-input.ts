// Where an audit's identities come from (a file, stdin or every Entity), and how many a file holds.
import { constants, createReadStream, fstatSync, openSync } from "node:fs";
import { Socket } from "node:net";
import { isatty, ReadStream } from "node:tty";
import type { VerifyClient } from "../../index.js";
import { cut } from "../../shown.js";
import type { AuditCommand } from "../flags.js";
import type { IdentitySet } from "../identity-set.js";
import { isRegularFile, statOf } from "../paths.js";
import { IDENTITY_KEPT } from "../terminal.js";
import { UsageError } from "../usage-error.js";

/** The listing of the Service's Entities failed: not one Entity's audit, but where they come from. */
class EntityListingError extends Error {
  constructor(cause: unknown) {
    super("listing the Service's Entities failed", { cause });
  }
}

/** What an audit's failure was, and what failed when that was the listing of the Entities. */
export const failureOf = (thrown: unknown): [error: unknown, what: string] =>
  thrown instanceof EntityListingError
    ? [thrown.cause, "listing the Service's Entities: "]
    : [thrown, ""];

/** The identities to audit, in the order of the input (lines of a file, or Entities). */
export async function* inputIdentities(
  client: VerifyClient,
  { audit }: AuditCommand,
  stdin: NodeJS.ReadableStream,
  signal: AbortSignal,
): AsyncGenerator<string | null> {
  if (audit.identities === undefined) {
    const entities = client.listEntities({
      serviceSid: audit.serviceSid,
      pageSize: audit.pageSize,
      signal,
    });
    try {
      for await (const entity of entities) yield entity.identity;
    } catch (error) {
      throw new EntityListingError(error);
    }
    return;
  }
  yield* linesOf(audit.identities === "-" ? stdin : readIdentities(audit.identities));
}

/**
 * The identities file as a stream. A pipe (`<(command)`, a FIFO) or a terminal (`/dev/tty`) is
 * polled, as Node reads stdin: read through the thread pool, one whose writer stays silent holds
 * a thread that the process waits for as it exits, after Ctrl-C too. A pipe is opened without
 * waiting for a writer, which polling does.
 */
function readIdentities(path: string): NodeJS.ReadableStream {
  const stats = statOf(path);
  if (stats?.isFIFO()) {
    const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    return new Socket({ fd, readable: true, writable: false });
  }
  if (!stats?.isCharacterDevice()) return createReadStream(path);
  const fd = openSync(path, "r");
  return isatty(fd) ? new ReadStream(fd) : createReadStream(path, { fd });
}

/** A line longer than any identity with room around it: it is not read whole. */
const MAX_LINE = 4096;
const LINE_BREAK = /\r\n|\r|\n/;

const nonEmpty = (lines: string[]) => lines.map((line) => line.trim()).filter(Boolean);

/**
 * UTF-8, unless a byte order mark says UTF-16: Windows PowerShell writes UTF-16 with one when
 * output is redirected to a file.
 */
const encodingOf = (start: Uint8Array) =>
  start[0] === 0xff && start[1] === 0xfe
    ? "utf-16le"
    : start[0] === 0xfe && start[1] === 0xff
      ? "utf-16be"
      : "utf-8";

/**
 * The lines of `input` (after LF, CRLF or CR), trimmed, the empty ones left out. Memory stays
 * bounded: a line of more than MAX_LINE characters (a file with no line breaks) is a `UsageError`.
 */
export async function* linesOf(input: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  let decoder: TextDecoder | undefined;
  let rest = "";
  for await (const chunk of input) {
    decoder ??= new TextDecoder(typeof chunk === "string" ? "utf-8" : encodingOf(chunk));
    const text = typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true });
    const lines = (rest + text).split(LINE_BREAK);
    // The line the chunk ends in the middle of, completed by the next.
    rest = lines.pop()!;
    for (const line of nonEmpty(lines)) yield line;
    if (rest.length > MAX_LINE) {
      throw new UsageError(
        `--identities has a line longer than ${MAX_LINE} characters: an identity is at most 64`,
      );
    }
  }
  for (const line of nonEmpty((rest + (decoder?.decode() ?? "")).split(LINE_BREAK))) yield line;
}

/**
 * Each identity once, however often the input lists it: those not in `taken` yet, added as they
 * pass. One that is not a string (a server may send anything) fails alone in the audit; one
 * longer than IDENTITY_KEPT is known by its first IDENTITY_KEPT characters, as its lines show it.
 */
export async function* eachOnce(
  identities: AsyncIterable<string | null>,
  taken: IdentitySet,
): AsyncGenerator<string | null> {
  for await (const identity of identities) {
    if (typeof identity !== "string" || taken.add(cut(identity, IDENTITY_KEPT))) yield identity;
  }
}

/**
 * How many identities the input names, as " of N" once counted, for the progress line: counted
 * alongside the audit, and only in a regular file (a pipe, stdin and the Service's Entities are
 * read once).
 */
export function identityTotal(path: string | undefined): () => string {
  let total = "";
  if (path !== undefined && isRegularFile(path)) {
    void (async () => {
      let count = 0;
      for await (const _ of linesOf(createReadStream(path))) count++;
      total = ` of ${count}`;
    })().catch(() => {});
  }
  return () => total;
}

/** Whether stdin is a folder (`< dir`): Node reads one as empty, which would audit nothing. */
export function isFolder(stdin: NodeJS.ReadableStream): boolean {
  const { fd } = stdin as { fd?: unknown };
  try {
    return typeof fd === "number" && fstatSync(fd).isDirectory();
  } catch {
    return false;
  }
}
