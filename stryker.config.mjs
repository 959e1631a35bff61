// `npm run test:mutation`: StrykerJS mutates the core (src/http, src/paging) and runs the tests
// of vitest.mutation.config.ts against each mutant; a mutant no test notices is a line no test
// holds. Not part of `npm test`: it takes minutes.
//
// Mutants that cannot change behaviour are disabled where they occur, with a
// `// Stryker disable next-line <mutator>: <why>` comment naming why they are equivalent.
/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
  testRunner: "vitest",
  vitest: { configFile: "vitest.mutation.config.ts" },
  mutate: ["src/http/**/*.ts", "src/paging/**/*.ts"],
  coverageAnalysis: "perTest",
  // Module-level constants (month names, retry statuses) are mutated too: each such mutant runs
  // every test, which is slow, but a constant no test holds is as much a gap as a line.
  ignoreStatic: false,
  concurrency: 2,
  reporters: ["clear-text", "progress", "html", "json"],
  htmlReporter: { fileName: "reports/mutation/index.html" },
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  thresholds: { high: 95, low: 90, break: 90 },
  tempDirName: ".stryker-tmp",
};
