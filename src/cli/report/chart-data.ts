// The report's chart as the chart library takes it: factor types along the axis, one stacked
// series per status, from the audit's counts.
import { FACTOR_STATUSES, FACTOR_TYPES } from "../../types.js";
import { typeAndStatus, type Coverage } from "../commands/audit-summary.js";

/**
 * The most factor types (columns) and statuses (series) the chart draws: past them, the last is
 * "other", counting the rest, so a server's thousands of words make a chart, not a file of
 * types times statuses cells.
 */
export const CHART_MAX = 12;

/**
 * One axis of the chart: the `known` words seen first, in their order, then the others sorted;
 * `at` gives each word's place, and a word it does not hold goes in the last, "other", place.
 */
function axis(known: readonly string[], seen: Set<string>, other: string) {
  const words = [
    ...known.filter((word) => seen.has(word)),
    ...[...seen].filter((word) => !known.includes(word)).sort(),
  ];
  const kept = words.length > CHART_MAX ? words.slice(0, CHART_MAX - 1) : words;
  const names = kept === words ? words : [...kept, `${other} (${words.length - kept.length})`];
  return { names, at: new Map(kept.map((word, i) => [word, i])) };
}

/** The chart's data: factor types along the axis, one stacked series per status. */
export function chartData({ factors }: Coverage) {
  const keys = Object.entries(factors.byTypeAndStatus).map(
    ([key, n]) => [...typeAndStatus(key), n] as const,
  );
  const types = axis(FACTOR_TYPES, new Set(keys.map(([type]) => type)), "other types");
  const statuses = axis(
    FACTOR_STATUSES,
    new Set(keys.map(([, status]) => status)),
    "other statuses",
  );
  const data = statuses.names.map(() => types.names.map(() => 0));
  const last = (names: string[]) => names.length - 1;
  for (const [type, status, n] of keys) {
    const row = data[statuses.at.get(status) ?? last(statuses.names)]!;
    row[types.at.get(type) ?? last(types.names)]! += n;
  }
  // A class by status, not by place, so each status keeps its colour whichever appear.
  const series = statuses.names.map((status, i) => ({
    name: status,
    className: `ct-series status-${status.replace(/[^a-z0-9-]/gi, "_")}`,
    data: data[i]!,
  }));
  return { labels: types.names, series };
}
