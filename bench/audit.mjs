// One audit, in a fresh process, against a bench server (bench/server.mjs): ours through
// `auditFactors`, the command line's (`--mode cli`, rows to /dev/null), or the pool one would write
// by hand. Prints what happened as JSON.
import { createReadStream, createWriteStream } from "node:fs";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { createVerifyClient } from "verify-factors";
import { ACCOUNT_SID, AUTH_TOKEN, SERVICE_SID } from "./credentials.mjs";

const { values } = parseArgs({
  options: {
    url: { type: "string" },
    mode: { type: "string", default: "ours" },
    concurrency: { type: "string", default: "10" },
    identities: { type: "string", default: "1000" },
    file: { type: "string" },
  },
});
const concurrency = Number(values.concurrency);
const authorization = "Basic " + btoa(`${ACCOUNT_SID}:${AUTH_TOKEN}`);

async function* identities() {
  if (values.file) {
    for await (const line of createInterface({ input: createReadStream(values.file) })) yield line;
    return;
  }
  for (let i = 0; i < Number(values.identities); i++)
    yield `bench-user-${String(i).padStart(7, "0")}`;
}

/** What one would write with twilio-node: a fixed pool, each request retrying on its own. */
async function handPool() {
  let failed = 0;
  const source = identities();
  const worker = async () => {
    for (let step = await source.next(); !step.done; step = await source.next()) {
      const url = `${values.url}/v2/Services/${SERVICE_SID}/Entities/${step.value}/Factors`;
      let ok = false;
      for (let tries = 0; tries <= 2 && !ok; tries++) {
        const response = await fetch(url, { headers: { authorization } });
        await response.arrayBuffer();
        ok = response.ok;
        if (response.status === 429) {
          const seconds = Number(response.headers.get("retry-after") ?? "1");
          await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
        }
      }
      if (!ok) failed++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { failed, done: Number(values.identities) };
}

async function ours() {
  const verify = createVerifyClient({
    accountSid: ACCOUNT_SID,
    authToken: AUTH_TOKEN,
    baseUrl: values.url,
  });
  let [failed, done] = [0, 0];
  for await (const result of verify.auditFactors({
    serviceSid: SERVICE_SID,
    identities: identities(),
    concurrency,
  })) {
    if (result.error) failed++;
    done++;
  }
  return { failed, done };
}

/** `verify-factors audit --identities FILE`, as a user runs it. */
async function cli() {
  // Loaded here, so the other modes carry none of the command line.
  const { main } = await import("../dist/esm/src/cli/main.js");
  const stdout = createWriteStream("/dev/null");
  const code = await main(
    [
      "audit",
      ...["--base-url", values.url, "--service-sid", SERVICE_SID],
      ...["--identities", values.file, "--concurrency", String(concurrency)],
    ],
    { TWILIO_ACCOUNT_SID: ACCOUNT_SID, TWILIO_AUTH_TOKEN: AUTH_TOKEN },
    { stdout, stderr: process.stderr },
  );
  stdout.end();
  if (code !== 0) throw new Error(`verify-factors audit exited ${code}`);
  return { failed: 0 };
}

/** Memory after a full collection, when the process runs with --expose-gc. */
function settled() {
  globalThis.gc?.();
  return process.memoryUsage();
}

const started = performance.now();
const modes = { pool: handPool, cli, ours };
const outcome = await modes[values.mode]();
const ms = performance.now() - started;
const stats = await (await fetch(`${values.url}/__stats`)).json();
const { rss, heapUsed } = settled();
// The most resident memory the process ever had (maxRSS is in KiB).
const peakRss = process.resourceUsage().maxRSS * 1024;
console.log(JSON.stringify({ ...outcome, ms, rss, heapUsed, peakRss, ...stats }));
