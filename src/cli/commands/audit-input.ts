// Where an audit's identities come from (a file, stdin or every Entity), and how many a file holds.
import { createReadStream, fstatSync } from "node:fs";
import { createInterface } from "node:readline";
import type { VerifyClient } from "../../index.js";
import type { AuditCommand } from "../flags.js";
import type { IdentitySet } from "../identity-set.js";

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
    for await (const entity of entities) yield entity.identity;
    return;
  }
  const input = audit.identities === "-" ? stdin : createReadStream(audit.identities);
  for await (const line of createInterface({ input, crlfDelay: Infinity })) {
    const identity = line.trim();
    if (identity) yield identity;
  }
}

/**
 * Each identity once, however often the input lists it: those not in `taken` yet, added as they
 * pass. One that is not a string (a server may send anything) fails alone in the audit.
 */
export async function* eachOnce(
  identities: AsyncIterable<string | null>,
  taken: IdentitySet,
): AsyncGenerator<string | null> {
  for await (const identity of identities) {
    if (typeof identity !== "string" || taken.add(identity)) yield identity;
  }
}

/** How many identities a file names, read as a stream alongside the audit, for the progress line. */
export async function countIdentities(path: string): Promise<number> {
  let count = 0;
  for await (const line of createInterface({
    input: createReadStream(path),
    crlfDelay: Infinity,
  })) {
    if (line.trim()) count++;
  }
  return count;
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
