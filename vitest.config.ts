import { defineConfig } from "vitest/config";
import { SlowestFirst } from "./test/support/sequencer.js";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 20_000,
    // Most tests wait on sockets, timers and child processes, not the CPU: two files more than cores.
    maxWorkers: 4,
    // Files share a worker and its loaded modules: a fresh process per file cost more than most files.
    isolate: false,
    sequence: { sequencer: SlowestFirst },
    globalSetup: ["test/support/global-setup.ts"],
    setupFiles: ["test/support/setup.ts"],
    typecheck: {
      enabled: true,
      include: ["test/**/*.test-d.ts"],
      tsconfig: "./tsconfig.typetest.json",
    },
  },
});
