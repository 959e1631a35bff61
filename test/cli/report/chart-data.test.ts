import { describe, expect, it } from "vitest";
import { count, createCoverage, factorKeys } from "../../../src/cli/commands/audit-summary.js";
import { CHART_MAX, chartData } from "../../../src/cli/report/chart-data.js";
import type { Factor } from "../../../src/index.js";

/** The coverage of one Entity with these `[factor_type, status]` factors. */
function coverageOf(pairs: [string, string][]) {
  const coverage = createCoverage();
  const factors = pairs.map(([factor_type, status]) => ({ factor_type, status }) as Factor);
  count(coverage, factorKeys(factors));
  return coverage;
}

const total = (data: ReturnType<typeof chartData>) =>
  data.series.flatMap((s) => s.data).reduce((a, b) => a + b, 0);

describe("the report's chart data", () => {
  it("puts the spec's types and statuses first, in its order, then the others sorted", () => {
    const data = chartData(
      coverageOf([
        ["zeta", "verified"],
        ["totp", "unverified"],
        ["push", "verified"],
        ["push", "odd"],
        ["alpha", "verified"],
      ]),
    );
    expect(data.labels).toStrictEqual(["push", "totp", "alpha", "zeta"]);
    expect(data.series.map((s) => [s.name, s.data])).toStrictEqual([
      ["unverified", [0, 1, 0, 0]],
      ["verified", [1, 0, 1, 1]],
      ["odd", [1, 0, 0, 0]],
    ]);
  });

  it("draws at most CHART_MAX types and statuses, the rest as one 'other' each, every factor counted", () => {
    // A hostile server: a type and a status of its own for each of 5,000 factors.
    const pairs = Array.from({ length: 5000 }, (_, i): [string, string] => [`t${i}`, `s${i}`]);
    const data = chartData(coverageOf([["push", "verified"], ...pairs]));
    expect(data.labels).toHaveLength(CHART_MAX);
    expect(data.series).toHaveLength(CHART_MAX);
    expect(data.labels[0]).toBe("push");
    expect(data.labels.at(-1)).toBe(`other types (${5001 - (CHART_MAX - 1)})`);
    expect(data.series.at(-1)!.name).toBe(`other statuses (${5001 - (CHART_MAX - 1)})`);
    expect(data.series.every((s) => s.data.length === CHART_MAX)).toBe(true);
    expect(total(data)).toBe(5001);
    // The other types with the other statuses: all but the ones drawn on their own.
    expect(data.series.at(-1)!.data.at(-1)).toBeGreaterThan(4900);
  });

  it("keeps exactly CHART_MAX types as they are, with no 'other'", () => {
    const pairs = Array.from({ length: CHART_MAX }, (_, i): [string, string] => [
      `t${i}`,
      "verified",
    ]);
    const data = chartData(coverageOf(pairs));
    expect(data.labels).toStrictEqual(pairs.map(([type]) => type).sort());
    expect(total(data)).toBe(CHART_MAX);
  });
});
