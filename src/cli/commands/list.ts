// `verify-factors list`: one Entity's Factors, page after page, as a table, JSON, NDJSON or TSV.
import { VerifyArgumentError, VerifyError, type VerifyClient } from "../../index.js";
import type { Command } from "../flags.js";
import { createFormat } from "../formats.js";
import { cannotWrite, output, type Io } from "../io.js";
import { abortOnInterrupt, progressLine } from "../terminal.js";
import { resumeHint, type Report } from "../errors.js";

export async function runList(
  client: VerifyClient,
  command: Extract<Command, { name: "list" }>,
  io: Io,
  report: Report,
): Promise<number> {
  const controller = new AbortController();
  const stdout = output(io.stdout, controller);
  const write = stdout.write;
  const interrupt = abortOnInterrupt(controller);

  const format = createFormat(command.output, [...command.properties], command.pickProperties);
  const progress = progressLine(io);
  let [pages, items] = [0, 0];
  let opened = false;
  try {
    const listing = client.listFactors({ ...command.list, signal: controller.signal });
    opened = true;
    await write(format.start());
    for await (const page of listing.pages()) {
      progress.clear();
      await write(format.page(page.factors));
      [pages, items] = [pages + 1, items + page.factors.length];
      if (page.nextCursor) progress.draw(`${pages} pages, ${items} factors so far…`);
    }
    await write(format.end());
    // A write that failed with the last page stopped no loop: it is reported here.
    if (stdout.failure) throw stdout.failure;
    return 0;
  } catch (error) {
    progress.clear();
    if (stdout.gone) return 0;
    if (stdout.failure) return report.fail(1, cannotWrite(stdout.failure));
    // What was written stays valid JSON: the array is closed over the factors listed so far.
    if (command.output === "json" && opened) await write(format.end());
    if (controller.signal.aborted) {
      const cursor = error instanceof VerifyError ? error.cursor : undefined;
      return report.fail(interrupt.code, `interrupted${resumeHint(cursor)}`);
    }
    if (error instanceof VerifyArgumentError) return report.usage(error);
    return report.fail(1, report.describe(error));
  } finally {
    stdout.release();
    interrupt.release();
  }
}
