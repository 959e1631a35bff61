// Apart from the sequencer, which loads Vitest's node side, so a test can read the list cheaply.

/**
 * The files that take longest, most of it spent waiting on child processes, a browser or timers;
 * longest first. Vitest starts the longest files first by the durations it cached on an earlier
 * run, but a fresh clone has none, and by file size the shortest of these would start last and
 * then run on alone.
 */
export const SLOWEST = [
  "test/bench.test.ts",
  "test/contract.test.ts",
  "test/package.test.ts",
  "test/http/retrying-fetch.test.ts",
  "test/scripts/spec-diff.test.ts",
  "test/spec-drives-build.test.ts",
  "test/cli/commands/audit.test.ts",
  "test/http/rate-budget.test.ts",
  "test/cli/bin.test.ts",
  "test/runtimes.test.ts",
  "test/docs.test.ts",
];
