// The tests' fake Verify server (test/support/fake-verify.ts, bundled by bench/run.mjs), run in a
// process of its own so that its work does not compete with the client's event loop. Pages are
// serialised once and answered from memory after that, unless every identity has its own factors
// (`--factors-each`). Prints {"url": ...} on stdout when ready.
import { parseArgs } from "node:util";
import { makeFactor, startFakeVerify } from "./.build/fake-verify.mjs";

let values;
try {
  ({ values } = parseArgs({
    options: {
      total: { type: "string", default: "1000" },
      "latency-ms": { type: "string", default: "0" },
      // An audit's server: this many factors for each identity, and Twilio's concurrency limit.
      "factors-each": { type: "string" },
      "max-in-flight": { type: "string" },
      "retry-after": { type: "string", default: "1" },
    },
  }));
} catch (error) {
  console.error(`bench/server.mjs: ${error.message}`);
  process.exit(2);
}
const each = values["factors-each"] === undefined ? undefined : Number(values["factors-each"]);
const server = await startFakeVerify({
  total: Number(values.total),
  latencyMs: Number(values["latency-ms"]),
  memoize: each === undefined,
  factorsFor:
    each === undefined
      ? undefined
      : (identity) => Array.from({ length: each }, (_, i) => ({ ...makeFactor(i), identity })),
  maxInFlight: values["max-in-flight"] === undefined ? undefined : Number(values["max-in-flight"]),
  retryAfter: values["retry-after"],
});
console.log(JSON.stringify({ url: server.url }));
