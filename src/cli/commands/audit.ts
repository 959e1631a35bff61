// `verify-factors audit`: the factors of many Entities, one row per matching factor, with a summary
// on stderr and, with --checkpoint, exactly-once output across crashes.
import { closeSync } from "node:fs";
import { VerifyArgumentError, VerifyError, type Factor, type VerifyClient } from "../../index.js";
import { checkpointFor } from "../checkpoint.js";
import type { Report } from "../errors.js";
import type { AuditCommand } from "../flags.js";
import { createFormat } from "../formats.js";
import { cannotWrite, openEach, output, writeAll, writeFileOr, type Io } from "../io.js";
import { abortOnInterrupt, CLEAR_LINE, shownIdentity, visible } from "../terminal.js";
import { IdentitySet } from "../identity-set.js";
import { eachOnce, failureOf, identityTotal, inputIdentities, isFolder } from "./audit-input.js";
import { startReport } from "./audit-report.js";
import { count, createCoverage, factorKeys, summary } from "./audit-summary.js";

export async function runAudit(
  client: VerifyClient,
  command: AuditCommand,
  io: Io & { stdin?: NodeJS.ReadableStream },
  report: Report,
): Promise<number> {
  const { audit } = command;
  const stdin = io.stdin ?? process.stdin;
  if (audit.identities === "-" && isFolder(stdin)) {
    return report.fail(2, "--identities -: stdin is a folder; give the identities on a pipe", true);
  }
  const reporting = startReport(audit, report.describe);
  const opened = checkpointFor(command, io, report);
  if (typeof opened === "number") return opened;
  const checkpoint = opened;
  // --failed: the failed identities, one a line as they fail, to feed back as --identities.
  const files = openEach([
    ["--out", checkpoint ? undefined : audit.out],
    ["--failed", audit.failed],
  ]);
  if (typeof files === "string") {
    checkpoint?.close();
    return report.fail(1, files);
  }
  const [file, failedFile] = files;
  const controller = new AbortController();
  const interrupt = abortOnInterrupt(controller);
  const stdout = output(io.stdout, controller);
  const format = createFormat(command.output, [...command.properties], command.pickProperties);
  const failedTo =
    failedFile !== undefined ? (text: string) => writeAll(failedFile, text) : undefined;
  const write = async (text: string) =>
    file === undefined ? stdout.write(text) : void writeAll(file, text);

  const wanted = (factor: Factor) =>
    (audit.status === undefined || factor.status === audit.status) &&
    (audit.factorTypes.length === 0 || audit.factorTypes.includes(factor.factor_type));
  // A resumed audit counts what earlier runs finished too: the summary is the whole audit's.
  const coverage = createCoverage();
  for (const keys of checkpoint?.earlier ?? []) count(coverage, keys);
  const before = coverage.entities;
  let rows = 0;
  let header = checkpoint?.resumed ? "" : format.start();
  const started = Date.now();
  const progress = Boolean(io.stderr.isTTY);
  const total = progress ? identityTotal(audit.identities) : () => "";

  // A checkpoint also knows the identities that earlier runs finished.
  const input = inputIdentities(client, command, stdin, controller.signal);
  const identities = eachOnce(input, checkpoint?.taken ?? new IdentitySet());
  try {
    if (!checkpoint) {
      await write(header);
      header = "";
    }
    const results = client.auditFactors({
      serviceSid: audit.serviceSid,
      identities,
      concurrency: audit.concurrency,
      pageSize: audit.pageSize,
      signal: controller.signal,
    });
    for await (const result of results) {
      reporting?.note(result);
      if (result.error) {
        count(coverage, undefined);
        const identity = shownIdentity(result.identity);
        failedTo?.(`${identity}\n`);
        // On a terminal, over the progress line; elsewhere, a plain line.
        io.stderr.write(
          `${progress ? CLEAR_LINE : ""}verify-factors: ${identity || "(an Entity whose identity is not a string)"}: ${visible(report.describe(result.error))}\n`,
        );
        continue;
      }
      const keys = factorKeys(result.factors);
      count(coverage, keys);
      const matching = result.factors.filter(wanted);
      rows += matching.length;
      const text = format.page(matching);
      if (checkpoint) {
        checkpoint.record(result.identity, header + text, keys);
        header = "";
      } else {
        // Rows shown on the terminal the progress line is on: wiped first, so a row starts clean.
        if (progress && file === undefined && io.stdout.isTTY && text) io.stderr.write(CLEAR_LINE);
        await write(text);
      }
      if (progress) {
        const rate = Math.round(coverage.entities / Math.max(0.001, (Date.now() - started) / 1000));
        io.stderr.write(
          `${CLEAR_LINE}${coverage.entities}${total()} entities, ${coverage.factors.total} factors, ${rate}/s, ${client.throttled()} 429s`,
        );
      }
    }
    if (!checkpoint) await write(format.end());
    // A write that failed with the last result stopped no loop: it is reported here.
    if (stdout.failure) throw stdout.failure;
    // Not while an identity failed: the same command run again audits those (they are not
    // recorded) and only those.
    if (coverage.failed === 0) checkpoint?.complete();
  } catch (thrown) {
    const [error, what] = failureOf(thrown);
    if (stdout.gone) return 0;
    if (stdout.failure) return report.fail(1, cannotWrite(stdout.failure));
    if (controller.signal.aborted) {
      io.stderr.write("\nverify-factors: interrupted\n");
      return interrupt.code;
    }
    // The audit as a whole failed: one line.
    if (error instanceof VerifyArgumentError) return report.usage(error);
    if (progress) io.stderr.write(CLEAR_LINE);
    if (error instanceof VerifyError) return report.fail(1, `${what}${report.describe(error)}`);
    // A file that could not be written (a full disk, a size limit): what was recorded stays.
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    const resume = checkpoint ? "; run the same command again to go on" : "";
    if (code) return report.fail(1, `${cannotWrite(error as NodeJS.ErrnoException)}${resume}`);
    throw error;
  } finally {
    stdout.release();
    interrupt.release();
    checkpoint?.close();
    for (const fd of files) if (fd !== undefined) closeSync(fd);
  }
  io.stderr.write(`${progress ? CLEAR_LINE : ""}${summary(coverage, rows, before, !!checkpoint)}`);
  const unsaved = [
    audit.summary === undefined
      ? undefined
      : writeFileOr("--summary", audit.summary, `${JSON.stringify(coverage, null, 2)}\n`),
    reporting && writeFileOr("--report", reporting.path, reporting.html(coverage, before)),
  ].filter((line) => line !== undefined);
  for (const line of unsaved) report.fail(1, line);
  return coverage.failed > 0 || unsaved.length > 0 ? 1 : 0;
}
