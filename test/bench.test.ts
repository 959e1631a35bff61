import { execFile, spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { promisify } from "node:util";
import { expect, it } from "vitest";
import * as copied from "../bench/credentials.mjs";
import { ACCOUNT_SID, AUTH_TOKEN, SERVICE_SID } from "./support/fake-verify.js";

// A small run of `npm run bench` so the script cannot rot. Timings at these sizes mean nothing,
// so nothing here asserts speed; BENCHMARKS.md holds the real run.
it("the benchmark runs every scenario and prints its tables", async () => {
  const root = resolve(import.meta.dirname, "..");
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ["--expose-gc", "bench/run.mjs", "--smoke", "--no-write"],
    { cwd: root, timeout: 120_000 },
  );
  for (const heading of [
    "1. Throughput",
    "1b. Throughput, server in the same process",
    "2. Latency-bound",
    "3. Memory",
    "4. Weight",
  ]) {
    expect(stdout).toContain(`### ${heading}`);
  }
  for (const row of [
    "raw fetch loop (limit)",
    "verify-factors items",
    "twilio-node each()",
    "twilio-node list()",
  ]) {
    expect(stdout).toMatch(new RegExp(`\\| ${row.replace(/[()]/g, "\\$&")} \\| [\\d,.]+`));
  }
  expect(stdout).toMatch(/Targets: <= 10 kB gzipped: [\d.]+ kB/);
}, 120_000);

it("the bench's copy of the fake server's credentials is the fake's", () => {
  expect({ ...copied }).toStrictEqual({ ACCOUNT_SID, AUTH_TOKEN, SERVICE_SID });
});

it("a flag the bench does not know is one line naming it, exit 2, before any work", () => {
  const root = resolve(import.meta.dirname, "..");
  const ran = spawnSync(process.execPath, ["bench/run.mjs", "--smok"], {
    cwd: root,
    encoding: "utf8",
  });
  expect([ran.status, ran.stdout, ran.stderr]).toEqual([2, "", "bench: Unknown option '--smok'\n"]);
});
