// The tests' fake Verify server (test/support/fake-verify.ts, bundled by bench/run.mjs), run in a
// process of its own so that its work does not compete with the client's event loop. Pages are
// serialised once and answered from memory after that. Prints {"url": ...} on stdout when ready.
import { parseArgs } from "node:util";
import { startFakeVerify } from "./.build/fake-verify.mjs";

const { values } = parseArgs({
  options: {
    total: { type: "string", default: "1000" },
    "latency-ms": { type: "string", default: "0" },
  },
});
const server = await startFakeVerify({
  total: Number(values.total),
  latencyMs: Number(values["latency-ms"]),
  memoize: true,
});
console.log(JSON.stringify({ url: server.url }));
