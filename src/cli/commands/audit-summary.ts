// What an audit counts as it goes, to answer "who is protected by MFA": every Entity it took up
// is in exactly one of withVerified, onlyUnverified, noFactors and failed.
import type { Factor } from "../../index.js";

export interface Coverage {
  entities: number;
  /** Entities with at least one verified factor. */
  withVerified: number;
  /** Entities with factors, none of them verified. */
  onlyUnverified: number;
  noFactors: number;
  failed: number;
  /** Factors seen, by `type/status`, by type and by status. */
  factors: {
    total: number;
    byTypeAndStatus: Record<string, number>;
    byType: Record<string, number>;
    byStatus: Record<string, number>;
  };
}

const add = (counts: Record<string, number>, key: string) => (counts[key] = (counts[key] ?? 0) + 1);

export function createCoverage(): Coverage {
  return {
    entities: 0,
    withVerified: 0,
    onlyUnverified: 0,
    noFactors: 0,
    failed: 0,
    factors: { total: 0, byTypeAndStatus: {}, byType: {}, byStatus: {} },
  };
}

/** Counts one Entity: its factors, or `undefined` when it failed. */
export function count(coverage: Coverage, factors: Factor[] | undefined): void {
  coverage.entities++;
  if (!factors) {
    coverage.failed++;
    return;
  }
  if (factors.some((f) => f.status === "verified")) coverage.withVerified++;
  else if (factors.length > 0) coverage.onlyUnverified++;
  else coverage.noFactors++;
  for (const { factor_type, status } of factors) {
    coverage.factors.total++;
    add(coverage.factors.byTypeAndStatus, `${factor_type}/${status}`);
    add(coverage.factors.byType, factor_type);
    add(coverage.factors.byStatus, status);
  }
}

/** The summary line on stderr. */
export function summary(coverage: Coverage, rows: number): string {
  const { entities, withVerified, onlyUnverified, noFactors, failed } = coverage;
  const byType =
    Object.entries(coverage.factors.byTypeAndStatus)
      .map(([key, n]) => `${key} ${n}`)
      .join(", ") || "none";
  const noun = entities === 1 ? "entity" : "entities";
  return (
    `verify-factors: ${entities} ${noun}: ${withVerified} with a verified factor, ` +
    `${onlyUnverified} with only unverified factors, ${noFactors} with no factors, ${failed} failed; ` +
    `factors by type/status: ${byType}; ${rows} rows written\n`
  );
}
