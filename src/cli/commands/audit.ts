// `verify-factors audit`: the factors of many Entities, one row per matching factor, with a summary
// on stderr and, with --checkpoint, exactly-once output across crashes.
import { closeSync, openSync, writeSync } from "node:fs";
import { VerifyArgumentError, VerifyError, type Factor, type VerifyClient } from "../../index.js";
import { openCheckpoint } from "../checkpoint.js";
import type { Report } from "../errors.js";
import type { Command } from "../flags.js";
import { createFormat } from "../formats.js";
import { writer, type Io } from "../io.js";
import { abortOnInterrupt, CLEAR_LINE, visible } from "../terminal.js";
import { countIdentities, numbered } from "./audit-input.js";
import { summary, tally } from "./audit-summary.js";

type AuditCommand = Extract<Command, { name: "audit" }>;

export async function runAudit(
  client: VerifyClient,
  command: AuditCommand,
  io: Io & { stdin?: NodeJS.ReadableStream },
  report: Report,
): Promise<number> {
  const { audit } = command;
  const controller = new AbortController();
  const release = abortOnInterrupt(controller);
  // The reader of stdout went away (`| head`): stop auditing, quietly, as `list` does.
  let closed = false;
  const onError = (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") closed = true;
    controller.abort();
  };
  io.stdout.on("error", onError);
  const format = createFormat(command.output, [...command.properties], command.pickProperties);
  const checkpoint =
    audit.checkpoint !== undefined ? openCheckpoint(audit.checkpoint, audit.out!) : undefined;
  const file = audit.out !== undefined && !checkpoint ? openSync(audit.out, "w") : undefined;
  const toStdout = writer(io.stdout);
  const write = async (text: string) =>
    file === undefined ? toStdout(text) : void writeSync(file, text);

  const wanted = (factor: Factor) =>
    (audit.status === undefined || factor.status === audit.status) &&
    (audit.factorTypes.length === 0 || audit.factorTypes.includes(factor.factor_type));
  const counts = new Map<string, number>();
  const places = new Map<string, number[]>();
  let [audited, failed, factorsSeen, rows] = [0, 0, 0, 0];
  let header = checkpoint?.resumed ? "" : format.start();
  const started = Date.now();
  const progress = Boolean(io.stderr.isTTY);
  // Known only for a file (stdin and the Service's Entities are read once, as they come).
  let total = "";
  if (progress && audit.identities !== undefined && audit.identities !== "-") {
    countIdentities(audit.identities).then(
      (n) => (total = ` of ${n}`),
      () => {},
    );
  }

  async function* identities() {
    for await (const [index, identity] of numbered(
      client,
      command,
      io.stdin ?? process.stdin,
      controller.signal,
    )) {
      if (checkpoint?.done(index)) continue;
      const waiting = places.get(identity);
      if (waiting) waiting.push(index);
      else places.set(identity, [index]);
      yield identity;
    }
  }
  try {
    if (!checkpoint) {
      await write(header);
      header = "";
    }
    const results = client.auditFactors({
      serviceSid: audit.serviceSid,
      identities: identities(),
      concurrency: audit.concurrency,
      pageSize: audit.pageSize,
      signal: controller.signal,
    });
    for await (const result of results) {
      // The place of the identity in the input; forgotten once used, so memory stays flat.
      const waiting = places.get(result.identity)!;
      const index = waiting.shift()!;
      if (waiting.length === 0) places.delete(result.identity);
      if (result.error) {
        failed++;
        // On a terminal, over the progress line; elsewhere, a plain line.
        io.stderr.write(
          `${progress ? CLEAR_LINE : ""}verify-factors: ${visible(result.identity)}: ${visible(report.describe(result.error))}\n`,
        );
        continue;
      }
      audited++;
      factorsSeen += result.factors.length;
      tally(counts, result.factors);
      const matching = result.factors.filter(wanted);
      rows += matching.length;
      const text = format.page(matching);
      if (checkpoint) {
        checkpoint.record(index, header + text);
        header = "";
      } else {
        // Rows shown on the terminal the progress line is on: wiped first, so a row starts clean.
        if (progress && file === undefined && io.stdout.isTTY && text) io.stderr.write(CLEAR_LINE);
        await write(text);
      }
      if (progress) {
        const rate = Math.round(
          (audited + failed) / Math.max(0.001, (Date.now() - started) / 1000),
        );
        io.stderr.write(
          `${CLEAR_LINE}${audited + failed}${total} entities, ${factorsSeen} factors, ${rate}/s, ${client.throttled()} 429s`,
        );
      }
    }
    if (!checkpoint) await write(format.end());
  } catch (error) {
    if (closed) return 0;
    if (controller.signal.aborted) {
      io.stderr.write("\nverify-factors: interrupted\n");
      return 130;
    }
    // The audit as a whole failed (the Service's Entities could not be listed): one line.
    if (error instanceof VerifyArgumentError) return report.usage(error);
    if (error instanceof VerifyError) {
      if (progress) io.stderr.write(CLEAR_LINE);
      return report.fail(1, report.describe(error));
    }
    throw error;
  } finally {
    io.stdout.off("error", onError);
    release();
    checkpoint?.close();
    if (file !== undefined) closeSync(file);
  }
  io.stderr.write(`${progress ? CLEAR_LINE : ""}${summary(audited, failed, counts, rows)}`);
  return failed > 0 ? 1 : 0;
}
