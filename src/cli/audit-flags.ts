// The audit's own flags, checked. The statuses and factor types it takes are the spec's.
import { FACTOR_STATUSES, FACTOR_TYPES } from "../types.js";
import type { Values } from "./flag-spec.js";
import type { FormatName } from "./formats.js";
import { integer } from "./flag-spec.js";
import { lockOf } from "./lock.js";
import { checkInputFile, checkOutputFile, checkRegularFile, sameFile } from "./paths.js";
import { UsageError } from "./usage-error.js";

const STATUSES: readonly string[] = FACTOR_STATUSES;
const TYPES: readonly string[] = FACTOR_TYPES;

/** Two path flags naming one file would read and write it at once: refused before either opens. */
function refuseSharedFiles(paths: [string, string | undefined][]): void {
  const given = paths.filter((entry): entry is [string, string] => entry[1] !== undefined);
  for (const [i, [flag, path]] of given.entries()) {
    const other = given.slice(i + 1).find(([, p]) => sameFile(path, p));
    if (other)
      throw new UsageError(`${flag} and ${other[0]} name the same file; give each its own`);
  }
}

/** The audit's own flags, checked. */
export function auditFlags(values: Values, output: FormatName) {
  const status = values.status;
  if (status !== undefined && !STATUSES.includes(status)) {
    throw new UsageError(`--status must be one of ${STATUSES.join(", ")}, got "${status}"`);
  }
  const types = (values["factor-type"] ?? []).flatMap((t) => t.split(",").map((p) => p.trim()));
  const unknownType = types.find((t) => !TYPES.includes(t));
  if (unknownType !== undefined) {
    throw new UsageError(`--factor-type must be among ${TYPES.join(", ")}, got "${unknownType}"`);
  }
  if (values.checkpoint !== undefined && values.out === undefined) {
    throw new UsageError("--checkpoint needs --out: it records how far the rows in that file go");
  }
  if (values.checkpoint !== undefined && output !== "ndjson" && output !== "tsv") {
    throw new UsageError(
      `--checkpoint needs --output ndjson or tsv (one row a line, so a file cut short can be mended), got "${output}"`,
    );
  }
  if (values.identities !== undefined && values.identities !== "-") {
    checkInputFile("--identities", values.identities);
  }
  for (const flag of ["out", "checkpoint", "summary", "failed", "report"] as const) {
    if (values[flag] !== undefined) checkOutputFile(`--${flag}`, values[flag]);
  }
  if (values.checkpoint !== undefined) {
    for (const flag of ["out", "checkpoint"] as const) checkRegularFile(`--${flag}`, values[flag]!);
  }
  // Standard input and output by the names Linux and macOS give them: a file redirected to
  // either is read or written under that name too.
  const input: [string, string | undefined] =
    values.identities === "-"
      ? ["--identities - (standard input)", "/dev/stdin"]
      : ["--identities", values.identities];
  // A resume takes over a lock it finds without a running audit's id, deleting it.
  const locks: [string, string][] =
    values.checkpoint === undefined
      ? []
      : [
          ["the lock of --out", lockOf(values.out!)],
          ["the lock of --checkpoint", lockOf(values.checkpoint)],
        ];
  refuseSharedFiles([
    input,
    ["--out", values.out],
    ["--checkpoint", values.checkpoint],
    ["--summary", values.summary],
    ["--failed", values.failed],
    ["--report", values.report],
    ...locks,
  ]);
  // Without --out the rows go to standard output, which must not be the file being read.
  if (values.out === undefined) refuseSharedFiles([input, ["standard output", "/dev/stdout"]]);
  if (values["stale-days"] !== undefined && values.report === undefined) {
    throw new UsageError("--stale-days needs --report: it picks the factors the report lists");
  }
  const staleDays = integer("stale-days", values["stale-days"]) ?? 7;
  if (staleDays > 36_500) {
    throw new UsageError(`--stale-days must be from 0 to 36500, got ${staleDays}`);
  }
  const concurrency = integer("concurrency", values.concurrency);
  if (concurrency !== undefined && (concurrency < 1 || concurrency > 1000)) {
    throw new UsageError(`--concurrency must be from 1 to 1000, got ${concurrency}`);
  }
  return {
    serviceSid: values["service-sid"]!,
    pageSize: integer("page-size", values["page-size"]),
    identities: values.identities,
    status,
    factorTypes: types,
    concurrency,
    out: values.out,
    checkpoint: values.checkpoint,
    summary: values.summary,
    failed: values.failed,
    report: values.report,
    staleDays,
  };
}
