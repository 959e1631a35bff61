import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import ts from "typescript";
import { expect, it } from "vitest";
import { typeCheckExample, writeArtifact } from "./support/example.js";
import { ACCOUNT_SID, AUTH_TOKEN } from "./support/fake-verify.js";
import { fakeServers } from "./support/server-pool.js";

const root = resolve(import.meta.dirname, "..");
const fake = fakeServers();

// The README's TypeScript examples, in order, make one program: it must type-check and run.
const readme = readFileSync(join(root, "README.md"), "utf8");
const program = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]).join("\n");
// The same program with its types stripped, as a user's build would run it.
const script = ts.transpileModule(program, {
  compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
}).outputText;

it("the README's client examples type-check", () => {
  expect(typeCheckExample("readme-example.mts", program)).toBe("");
});

it("the README's client examples run as written", async () => {
  const server = await fake({ total: 120, identities: ["readme-user-0001", "readme-user-0002"] });
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [writeArtifact("readme-example.mjs", script)],
    {
      cwd: root,
      env: {
        PATH: process.env.PATH,
        TWILIO_ACCOUNT_SID: ACCOUNT_SID,
        TWILIO_AUTH_TOKEN: AUTH_TOKEN,
        VERIFY_BASE_URL: server.url,
      },
    },
  );
  const rows = stdout.split("\n").filter((line) => line.startsWith("YF"));
  // Once from the first example, once described by describeFactor (limit 200 > 120).
  expect(rows).toHaveLength(240);
  expect(rows.filter((line) => / push to | TOTP, /.test(line))).toHaveLength(120);
  expect(stdout).toContain(`50 120`);
  // The audit example: both Entities' push factors that are unverified (every push factor of the fake).
  const push = server.factors.filter((f) => f.factor_type === "push" && f.status === "unverified");
  expect(stdout).toContain(`unverified push factors: ${2 * push.length}`);
  // The per-call and tracing examples.
  expect(stdout).toMatch(/^200 RQ[0-9a-f]{32} 1 null$/m);
  expect(stdout).toMatch(
    /^span GET \/v2\/Services\/VA[a]{32}\/Entities\/ff483d1ff591898a9942916050d2ca3f\/Factors 200 RQ[0-9a-f]{32}$/m,
  );
  expect(server.log.length).toBeGreaterThan(10);
});

it("shows `verify-factors --help` as the command prints it", async () => {
  const { USAGE } = await import("../src/cli/usage.js");
  expect(readme).toContain(`\`\`\`text\n${USAGE}\n\`\`\``);
});
