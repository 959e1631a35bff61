#!/usr/bin/env node
// `npm run spec:diff -- OLD [NEW]`: what changes between two versions of the spec, and which of
// those changes break code that uses this package. Exit 0: nothing breaking; 1: breaking
// changes; 2: the command was used wrongly.
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { classifyChanges } from "./spec-diff/classify.mjs";
import { readSpec, SPEC_IN_REPO, UsageError } from "./spec-diff/read-spec.mjs";
import { renderReport } from "./spec-diff/report.mjs";
import { GenerateError } from "./spec-diff/type-verdict.mjs";

export const USAGE = `Usage: npm run spec:diff -- OLD [NEW]

Compares two versions of the OpenAPI description and reports each change once as breaking,
non-breaking or docs only, for code that uses this package. The verdict is the generated
types': a response breaks code when its new type is not assignable to the old one or loses a
field; a request when the old parameters no longer fit the new ones, or a constraint tightens;
a component's name or an operationId when it goes, since code may name them itself.

  OLD, NEW   a file path, or git:REF for ${SPEC_IN_REPO} at that git ref (git:HEAD, git:HEAD~3, git:main)
             NEW defaults to ${SPEC_IN_REPO} as it is on disk.

Exit codes: 0 no breaking change, 1 breaking changes, 2 usage error.`;

function parse(argv) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: { help: { type: "boolean", short: "h" } },
      allowPositionals: true,
    });
  } catch (error) {
    throw new UsageError(error.message);
  }
  const { values, positionals } = parsed;
  if (values.help) return null;
  if (positionals.length === 0) throw new UsageError("OLD is missing: name a file or git:REF");
  if (positionals.length > 2) {
    throw new UsageError(`expected OLD and at most NEW, got ${positionals.length} arguments`);
  }
  const [before, after = SPEC_IN_REPO] = positionals;
  return { before, after };
}

/**
 * Runs the command; resolves to its exit code.
 * @param {string[]} argv
 * @param {{ cwd?: string, stdout?: { write(text: string): unknown }, stderr?: { write(text: string): unknown } }} [io]
 */
export async function specDiff(
  argv,
  { cwd = process.cwd(), stdout = process.stdout, stderr = process.stderr } = {},
) {
  let sides;
  try {
    sides = parse(argv);
    if (!sides) {
      stdout.write(`${USAGE}\n`);
      return 0;
    }
    const changes = await classifyChanges(readSpec(sides.before, cwd), readSpec(sides.after, cwd));
    stdout.write(renderReport(changes, sides));
    return changes.some((c) => c.kind === "breaking") ? 1 : 0;
  } catch (error) {
    if (error instanceof GenerateError) {
      const source = error.side === "old" ? sides.before : sides.after;
      stderr.write(`spec:diff: ${source}: no types can be generated from it (${error.message})\n`);
      return 2;
    }
    if (!(error instanceof UsageError)) throw error;
    stderr.write(`spec:diff: ${error.message}\nRun "npm run spec:diff -- --help" for usage.\n`);
    return 2;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  process.exitCode = await specDiff(process.argv.slice(2));
}
