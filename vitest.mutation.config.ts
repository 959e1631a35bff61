import { defineConfig } from "vitest/config";

// The tests StrykerJS runs against each mutant of the core (stryker.config.mjs): the unit and
// behaviour tests of the client, without the suites that start browsers, Prism or packages.
export default defineConfig({
  test: {
    include: [
      "test/http/**/*.test.ts",
      "test/paging/**/*.test.ts",
      "test/audit/**/*.test.ts",
      "test/{client,errors,log,middleware,per-call,properties,response-info}.test.ts",
    ],
    testTimeout: 20_000,
  },
});
