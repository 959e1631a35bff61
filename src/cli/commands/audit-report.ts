// The audit's --report: what it lists is noted as results come, and the HTML is written when
// the audit ends. The chart library is read first, so a broken install fails before any request.
import { writeFileSync } from "node:fs";
import type { AuditResult } from "../../index.js";
import { readChartLibrary } from "../report/chart-library.js";
import { reportHtml } from "../report/html.js";
import { createFindings, note } from "./audit-findings.js";
import type { Coverage } from "./audit-summary.js";

export interface ReportWriter {
  note(result: AuditResult): void;
  /** Writes the report; `before`: Entities an earlier run of a resumed audit counted. */
  write(coverage: Coverage, before: number): void;
}

/** The report --report asks for, if it does. */
export function startReport(
  {
    report: path,
    serviceSid,
    staleDays,
  }: { report?: string; serviceSid: string; staleDays: number },
  describe: (error: Error) => string,
): ReportWriter | undefined {
  if (path === undefined) return undefined;
  const library = readChartLibrary();
  const findings = createFindings(staleDays, new Date());
  return {
    note: (result) => note(findings, result, describe),
    write: (coverage, before) =>
      writeFileSync(path, reportHtml({ serviceSid, coverage, before, findings }, library)),
  };
}
