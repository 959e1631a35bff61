// What an audit counts as it goes, and the summary line it ends with on stderr.
import type { Factor } from "../../index.js";

/** Counts by factor type and status, for the summary. */
export function tally(counts: Map<string, number>, factors: Factor[]): void {
  for (const { factor_type, status } of factors) {
    const key = `${factor_type}/${status}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
}

/** The summary: Entities audited and failed, factors by type and status, rows written. */
export function summary(
  audited: number,
  failed: number,
  counts: Map<string, number>,
  rows: number,
): string {
  const byType = [...counts].map(([key, n]) => `${key} ${n}`).join(", ") || "none";
  return `verify-factors: audited ${audited} entities, ${failed} failed; factors by type/status: ${byType}; ${rows} rows written\n`;
}
