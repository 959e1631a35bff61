// The built package (dist/), not the sources, in each runtime the README names: Node, Bun, Deno and
// headless Chromium, each running test/support/runtime/check.mjs against the same kind of fake.
import { execFile } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { promisify } from "node:util";
import { build } from "esbuild";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "./support/chromium.js";
import { ACCOUNT_SID, AUTH_TOKEN } from "./support/fake-verify.js";
import { fakeServers } from "./support/server-pool.js";
import { root } from "./support/spec.js";

const fake = fakeServers();
const run = promisify(execFile);
const credentials = { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN };
const script = resolve(root, "test/support/runtime/run.mjs");

/** One fake server per case, as check.mjs expects them; CORS on, for the browser. */
async function servers() {
  const [pages, limited, slow, missing] = await Promise.all([
    fake({ total: 5, cors: true }),
    fake({ total: 3, cors: true }),
    fake({ total: 3, cors: true, latencyMs: 1_000 }),
    fake({ total: 3, cors: true }),
  ]);
  limited.fail({ status: 429, retryAfter: "1" });
  missing.fail({
    status: 404,
    requestId: "RQ" + "0".repeat(31) + "7",
    body: JSON.stringify({
      code: 20404,
      message: "Not found",
      more_info: "https://www.twilio.com/docs/errors/20404",
      status: 404,
    }),
  });
  return {
    urls: { pages: pages.url, limited: limited.url, slow: slow.url, missing: missing.url },
    limited,
  };
}

/** What every runtime must report. */
function expectChecked(results: Record<string, unknown>) {
  expect(results.pages).toEqual([2, 2, 1]);
  expect(results.retried).toEqual({ factors: 3, waitedMs: expect.any(Number) });
  expect((results.retried as { waitedMs: number }).waitedMs).toBeGreaterThanOrEqual(950);
  expect(results.aborted).toEqual({ name: "AbortError", isVerifyError: true });
  expect(results.apiError).toEqual({
    isApiError: true,
    status: 404,
    code: 20404,
    moreInfo: "https://www.twilio.com/docs/errors/20404",
    requestId: "RQ" + "0".repeat(31) + "7",
  });
}

/**
 * The binary npm installed for this platform from the `bun` and `deno` packages: their install
 * script moves it from the platform's package (an optional dependency: none where the runtime
 * has no build) into their own folder; without the script it stays where it came.
 */
function installed(wrapper: string, scope: string, file: string): string | undefined {
  const dir = resolve(root, "node_modules", scope);
  const platform = existsSync(dir) ? readdirSync(dir).map((name) => resolve(dir, name, file)) : [];
  // A placeholder of a few bytes stands in for the binary until the install script runs.
  return [resolve(root, "node_modules", wrapper), ...platform].find(
    (path) => existsSync(path) && statSync(path).size > 1_000_000,
  );
}

const ALL: [string, string | undefined, string[]][] = [
  ["Node", process.execPath, [script]],
  ["Bun", installed("bun/bin/bun.exe", "@oven", "bin/bun"), [script]],
  [
    "Deno",
    installed("deno/deno", "@deno", "deno"),
    ["run", "--quiet", "--allow-net", "--allow-read", "--allow-env", script],
  ],
];
const RUNTIMES = ALL.filter((r): r is [string, string, string[]] => r[1] !== undefined);

it("runs in every runtime this platform has a build of, and says which", () => {
  const ran = RUNTIMES.map(([name]) => name);
  console.info(`runtimes tested here: ${ran.join(", ")}, and headless Chromium`);
  // Bun and Deno publish builds for linux-x64 with glibc, as on the CI machine: there, all run.
  const glibc = process.platform === "linux" && !existsSync("/etc/alpine-release");
  if (glibc && process.arch === "x64") expect(ran).toStrictEqual(["Node", "Bun", "Deno"]);
  else expect(ran).toContain("Node");
});

it("tests the versions the README names", async () => {
  const readme = (await import("node:fs")).readFileSync(resolve(root, "README.md"), "utf8");
  const version = async (binary: string) => (await run(binary, ["--version"])).stdout;
  expect(process.version).toMatch(/^v20\.20\./);
  const binary = (name: string) => RUNTIMES.find(([n]) => n === name)?.[1];
  if (binary("Bun")) expect(await version(binary("Bun")!)).toMatch(/^1\.4\.5/);
  if (binary("Deno")) expect(await version(binary("Deno")!)).toMatch(/^deno 2\.9\.6/);
  for (const named of ["| 20.20", "| 1.4.5", "| 2.9.6"]) expect(readme).toContain(named);
});

describe.each(RUNTIMES)("in %s", (_name, binary, args) => {
  it("lists three pages, waits out a 429, aborts, and reads a VerifyApiError", async () => {
    const { urls } = await servers();
    const { stdout } = await run(binary, [...args, JSON.stringify([urls, credentials])], {
      cwd: root,
      env: { PATH: process.env.PATH!, HOME: process.env.HOME ?? "/tmp", NO_COLOR: "1" },
      timeout: 60_000,
    });
    expectChecked(JSON.parse(stdout));
  }, 90_000);
});

describe("in headless Chromium", () => {
  let browser: Browser;
  let bundle: string;
  beforeAll(async () => {
    // The ESM build and the check, bundled as a page would load them.
    const result = await build({
      stdin: {
        contents: `import * as verify from "./dist/esm/index.js";
          import { check } from "./test/support/runtime/check.mjs";
          globalThis.runCheck = (urls, credentials) => check(verify, urls, credentials);`,
        resolveDir: root,
        loader: "js",
      },
      bundle: true,
      format: "iife",
      platform: "browser",
      write: false,
      logLevel: "error",
    });
    bundle = result.outputFiles[0]!.text;
    browser = await launchChromium();
  }, 60_000);
  afterAll(() => browser?.close());

  it("lists three pages, waits out a 429, aborts, and reads a VerifyApiError", async () => {
    const { urls } = await servers();
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await page.setContent("<!doctype html><title>verify-factors</title>");
    await page.addScriptTag({ content: bundle });
    const results = await page.evaluate(([u, c]) => (globalThis as any).runCheck(u, c), [
      urls,
      credentials,
    ] as const);
    expectChecked(results);
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);
});
