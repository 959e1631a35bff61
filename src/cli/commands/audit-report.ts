// The audit's --report: what it lists is noted as results come, and the HTML is made when the
// audit ends. The chart library is read first, so a broken install fails before any request.
import type { AuditResult } from "../../index.js";
import { readChartLibrary } from "../report/chart-library.js";
import { reportHtml } from "../report/html.js";
import { createFindings, note } from "./audit-findings.js";
import type { Coverage } from "./audit-summary.js";

export interface ReportWriter {
  /** Where the report goes. */
  path: string;
  note(result: AuditResult): void;
  /** The report's HTML; `before`: Entities an earlier run of a resumed audit counted. */
  html(coverage: Coverage, before: number): string;
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
    path,
    note: (result) => note(findings, result, describe),
    html: (coverage, before) => reportHtml({ serviceSid, coverage, before, findings }, library),
  };
}
