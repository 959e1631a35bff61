// The spec's x-codeSamples, run as a reader of the docs would run them, against the fake server.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { bin } from "./support/cli.js";
import { ACCOUNT_SID, AUTH_TOKEN } from "./support/fake-verify.js";
import { typeCheckExample, writeArtifact } from "./support/example.js";
import { fakeServers } from "./support/server-pool.js";
import { loadSpec, root } from "./support/spec.js";

const fake = fakeServers();
const run = promisify(execFile);
const operation = loadSpec().paths["/v2/Services/{ServiceSid}/Entities/{Identity}/Factors"].get;
const samples: { lang: string; label: string; source: string }[] = operation["x-codeSamples"];
const sample = (label: string) => samples.find((s) => s.label === label)!.source;

async function withServer(total: number) {
  const server = await fake({ total });
  const env = {
    PATH: process.env.PATH!,
    TWILIO_ACCOUNT_SID: ACCOUNT_SID,
    TWILIO_AUTH_TOKEN: AUTH_TOKEN,
    VERIFY_BASE_URL: server.url,
  };
  return { server, env };
}

describe("the spec's code samples", () => {
  it("are curl, TypeScript with this package, and the command line", () => {
    expect(samples.map((s) => [s.lang, s.label])).toEqual([
      ["Shell", "curl"],
      ["TypeScript", "verify-factors"],
      ["Shell", "CLI"],
    ]);
  });

  it("curl answers with a page of factors", async () => {
    const { server, env } = await withServer(3);
    const { stdout } = await run("bash", ["-c", sample("curl")], { env });
    expect(JSON.parse(stdout).factors).toEqual(server.factors);
    expect(server.log[0]!.query).toEqual({ PageSize: "50" });
  });

  it("the TypeScript sample type-checks", () => {
    expect(typeCheckExample("code-sample.mts", sample("verify-factors"))).toBe("");
  });

  it("the TypeScript sample lists every factor", async () => {
    const { server, env } = await withServer(60);
    const script = ts.transpileModule(sample("verify-factors"), {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    }).outputText;
    const { stdout } = await run(process.execPath, [writeArtifact("code-sample.mjs", script)], {
      env,
      cwd: root,
    });
    expect(
      stdout
        .trimEnd()
        .split("\n")
        .map((line) => line.split(" ")[0]),
    ).toEqual(server.factors.map((f) => f.sid));
  });

  it("the command line lists every factor", async () => {
    const { server, env } = await withServer(4);
    // `npx verify-factors` is the installed bin; here, the one built from this repository.
    const command = sample("CLI").replace(/^npx verify-factors/m, `"${process.execPath}" "${bin}"`);
    expect(command).not.toBe(sample("CLI"));
    const { stdout } = await run("bash", ["-c", command], { env });
    expect(
      stdout
        .trimEnd()
        .split("\n")
        .map((line) => JSON.parse(line)),
    ).toEqual(server.factors);
  });
});
