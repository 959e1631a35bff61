// The package as users get it: `npm pack`, installed into an empty project.
import { execFile, execFileSync } from "node:child_process";
import { promisify } from "node:util";
import { readdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listArgs } from "./support/cli.js";
import { typeCheckProject } from "./support/type-check.js";
import {
  ACCOUNT_SID,
  AUTH_TOKEN,
  IDENTITY,
  SERVICE_SID,
  startFakeVerify,
  type FakeVerify,
} from "./support/fake-verify.js";
import { tempDir } from "./support/temp-dir.js";

const root = resolve(import.meta.dirname, "..");
const bin = (name: string) => resolve(root, "node_modules/.bin", name);
const env = {
  ...process.env,
  npm_config_audit: "false",
  npm_config_fund: "false",
  npm_config_update_notifier: "false",
};

let work: string;
let project: string;
let tarball: string;
let server: FakeVerify;

function sh(file: string, args: string[], cwd = project, extra: Record<string, string> = {}) {
  return execFileSync(file, args, {
    cwd,
    env: { ...env, ...extra },
    encoding: "utf8",
    stdio: "pipe",
  });
}

/** For children that talk to the fake server, which answers from this process's event loop. */
async function shAsync(file: string, args: string[], extra: Record<string, string> = {}) {
  const { stdout } = await promisify(execFile)(file, args, {
    cwd: project,
    env: { ...env, ...extra },
    encoding: "utf8",
    timeout: 30_000,
  });
  return stdout;
}

beforeAll(async () => {
  work = tempDir("verify-pack-");
  project = join(work, "consumer");
  sh("npm", ["pack", "--pack-destination", work], root);
  tarball = join(
    work,
    readdirSync(work).find((f) => f.endsWith(".tgz"))!,
  );
  execFileSync("mkdir", ["-p", project]);
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "consumer", private: true }));
  // openapi-fetch comes from the npm cache the repository's own install filled.
  sh("npm", ["install", "--prefer-offline", "--no-package-lock", tarball]);
  server = await startFakeVerify({ total: 5 });
}, 180_000);

afterAll(() => server?.close());

describe("the packed package", () => {
  it("holds dist/, generated/, the spec and the README, and no tests or fixtures", () => {
    const files = sh("tar", ["-tzf", tarball], work).split("\n").filter(Boolean);
    expect(files).toContain("package/dist/esm/src/index.js");
    expect(files).toContain("package/dist/cjs/src/index.js");
    expect(files).toContain("package/generated/verify.ts");
    expect(files).toContain("package/openapi/verify.yaml");
    expect(files).toContain("package/README.md");
    expect(files).toContain("package/LICENSE");
    expect(files.filter((f) => /test|fixture|\.test\./.test(f))).toEqual([]);
  });

  it("lists factors through `import` (ESM)", async () => {
    const script = `
      import { createVerifyClient, VerifyError } from "verify-factors";
      const verify = createVerifyClient({ accountSid: "${ACCOUNT_SID}", authToken: "${AUTH_TOKEN}", baseUrl: process.env.BASE_URL, timeoutMs: 5000, maxRetries: 0 });
      const all = await verify.listFactors({ serviceSid: "${SERVICE_SID}", identity: "${IDENTITY}", pageSize: 2 }).toArray();
      console.log(all.length, typeof VerifyError, import.meta.resolve("verify-factors"));`;
    const out = await shAsync("node", ["--input-type=module", "-e", script], {
      BASE_URL: server.url,
    });
    // The bundled entry: one module to load.
    expect(out.trim()).toMatch(/^5 function .*\/dist\/esm\/index\.js$/);
  });

  it("lists factors through `require` (CommonJS), from the CommonJS build", async () => {
    const script = `
      const { createVerifyClient } = require("verify-factors");
      const verify = createVerifyClient({ accountSid: "${ACCOUNT_SID}", authToken: "${AUTH_TOKEN}", baseUrl: process.env.BASE_URL, timeoutMs: 5000, maxRetries: 0 });
      verify.listFactors({ serviceSid: "${SERVICE_SID}", identity: "${IDENTITY}" }).toArray()
        .then((all) => console.log(all.length, require.resolve("verify-factors")));`;
    const out = await shAsync("node", ["-e", script], { BASE_URL: server.url });
    expect(out).toMatch(/^5 .*\/dist\/cjs\/src\/index\.js/);
  });

  it("lets an error from the CommonJS copy pass `instanceof` with the ESM copy's classes, and back", async () => {
    const script = `
      import { createRequire } from "node:module";
      import * as esm from "verify-factors";
      const cjs = createRequire(import.meta.url)("verify-factors");
      const client = cjs.createVerifyClient({ accountSid: "${ACCOUNT_SID}", authToken: "${AUTH_TOKEN}" });
      let fromCjs;
      try { client.listFactors({ serviceSid: "VA123", identity: "${IDENTITY}" }); } catch (e) { fromCjs = e; }
      const fromEsm = new esm.VerifyTimeoutError("slow");
      console.log(JSON.stringify([
        esm.VerifyError !== cjs.VerifyError,
        fromCjs instanceof esm.VerifyError,
        fromCjs instanceof esm.VerifyArgumentError,
        fromCjs instanceof esm.VerifyApiError,
        fromEsm instanceof cjs.VerifyConnectionError,
        fromEsm instanceof cjs.VerifyTimeoutError,
        fromEsm instanceof cjs.VerifyPaginationError,
        fromEsm.name,
      ]));`;
    const out = await shAsync("node", ["--input-type=module", "-e", script]);
    expect(JSON.parse(out)).toEqual([
      true,
      true,
      true,
      false,
      true,
      true,
      false,
      "VerifyTimeoutError",
    ]);
  });

  it("names each class it exports as it is exported, in both copies", async () => {
    const script = `
      import { createRequire } from "node:module";
      import * as esm from "verify-factors";
      const cjs = createRequire(import.meta.url)("verify-factors");
      const misnamed = (copy) => Object.entries(copy)
        .filter(([key, value]) => typeof value === "function" && /^[A-Z]/.test(key))
        .filter(([key, value]) => value.name !== key).map(([key, value]) => key + " as " + value.name);
      console.log(JSON.stringify([misnamed(esm), misnamed(cjs), esm.VerifyApiError.fromResponse(new Response(null, { status: 404 }), undefined).constructor.name, esm.VerifyPaginationError.notJson(new Response(null), "").constructor.name]));`;
    const out = await shAsync("node", ["--input-type=module", "-e", script]);
    expect(JSON.parse(out)).toEqual([[], [], "VerifyApiError", "VerifyPaginationError"]);
  });

  it.each([
    ["node16", { module: "node16", moduleResolution: "node16" }],
    // The same declaration files as under node16, checked there: here only how they resolve.
    ["bundler", { module: "esnext", moduleResolution: "bundler", skipLibCheck: true }],
  ])("types resolve for a TypeScript consumer under moduleResolution %s", (_name, options) => {
    writeFileSync(
      join(project, "consumer.mts"),
      `import { createVerifyClient, type Factor, type FactorStatus } from "verify-factors";
       const verify = createVerifyClient({ accountSid: "AC_fake", authToken: "fake" });
       export async function statuses(): Promise<FactorStatus[]> {
         const out: FactorStatus[] = [];
         for await (const factor of verify.listFactors({ serviceSid: "VA_fake", identity: "fake-identity" })) {
           const f: Factor = factor;
           out.push(f.status);
           // @ts-expect-error: status is "unverified" | "verified", so the types are real, not any
           const n: number = f.status;
           void n;
         }
         return out;
       }\n`,
    );
    writeFileSync(
      join(project, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          ...options,
          target: "es2022",
          strict: true,
          noEmit: true,
          lib: ["es2022", "dom"],
          types: [],
          // The package's .d.ts files are checked; TypeScript's own lib files need not be.
          skipDefaultLibCheck: true,
        },
        files: ["consumer.mts"],
      }),
    );
    expect(typeCheckProject(join(project, "tsconfig.json"))).toBe("");
  });

  it("installs a working `verify-factors` bin", async () => {
    const out = await shAsync(
      join(project, "node_modules/.bin/verify-factors"),
      listArgs(server.url, "--output", "ndjson"),
      { TWILIO_ACCOUNT_SID: ACCOUNT_SID, TWILIO_AUTH_TOKEN: AUTH_TOKEN },
    );
    expect(out.trimEnd().split("\n")).toHaveLength(5);
  });

  it("passes publint and are-the-types-wrong", () => {
    expect(sh(bin("publint"), ["run", tarball, "--strict"], root)).toMatch(/All good/);
    expect(() => sh(bin("attw"), [tarball], root)).not.toThrow();
  }, 60_000);
});
