import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type RequestListener } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { specSync } from "../../scripts/spec-sync.mjs";
import { Capture } from "../support/capture.js";
import { loadSpec, root, type Json } from "../support/spec.js";
import { tempDir } from "../support/temp-dir.js";

// Twilio's excerpt of the two operations, with its licence (test/support/fixtures/spec-sync/).
const excerpt = join(root, "test/support/fixtures/spec-sync/twilio-verify-v2.yaml");

async function sync(args: string[], timeoutMs?: number) {
  const stdout = new Capture();
  const stderr = new Capture();
  const code = await specSync(args, { cwd: root, stdout, stderr, timeoutMs });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

/** The excerpt after `edit`, in a file of its own. */
function edited(edit: (spec: Json) => void): string {
  const spec = loadSpec(excerpt);
  edit(spec);
  const file = join(tempDir("spec-sync-"), "twilio_verify_v2.yaml");
  writeFileSync(file, stringify(spec));
  return file;
}

const factor = (spec: Json) => spec.components.schemas["verify.v2.service.entity.factor"];

describe("npm run spec:sync -- FILE", () => {
  it("is in sync with Twilio's description: every difference is a kept one, exit 0", async () => {
    const { code, stdout } = await sync([excerpt]);
    expect(stdout).toContain("In sync");
    expect(code).toBe(0);
  });

  it("names a factor type Twilio added, exit 1", async () => {
    const file = edited((s) => s.components.schemas.factor_enum_factor_types.enum.push("webauthn"));
    const { code, stdout } = await sync([file]);
    expect(code).toBe(1);
    expect(stdout).toMatch(
      /^- GET \/v2\/Services\/\{ServiceSid\}\/Entities\/\{Identity\}\/Factors response 200 application\/json factors\[\]\.factor_type enum: Twilio's `\[.*"webauthn".*\]`, ours `\[/m,
    );
  });

  it("names a Factor field Twilio added, exit 1", async () => {
    const file = edited((s) => (factor(s).properties.last_used = { type: "string" }));
    const { code, stdout } = await sync([file]);
    expect(code).toBe(1);
    expect(stdout).toContain('factors[].last_used type: only in Twilio\'s (`"string"`)');
  });

  it("names a field whose type differs, and an example ours lacks", async () => {
    const file = edited((s) => {
      factor(s).properties.friendly_name.type = "integer";
      const examples =
        s.paths["/v2/Services/{ServiceSid}/Entities/{Identity}/Factors"].get.responses["200"]
          .content["application/json"].examples;
      examples.readEmpty.value.meta.page_size = 20;
    });
    const { code, stdout } = await sync([file]);
    expect(code).toBe(1);
    expect(stdout).toMatch(
      /factors\[\]\.friendly_name type: Twilio.s `\["integer","null"\]`, ours `\["null","string"\]`/,
    );
    expect(stdout).toMatch(/example [0-9a-f]{12}: only in Twilio's \(example `readEmpty`\)/);
  });

  it.each([
    [[], /FILE is missing/],
    [["a.yaml", "b.yaml"], /expected one FILE, got 2/],
    [["no-such.yaml"], /no-such\.yaml: cannot read it \(no such file\)/],
    [["package.json"], /package\.json: not an OpenAPI 3\.0 or 3\.1 description/],
    [["git:HEAD"], /git:HEAD: no spec\/yaml\/twilio_verify_v2\.yaml at that ref in /],
    [["git:"], /"git:" needs a ref after it/],
    [["--bogus"], /Unknown option '--bogus'/],
  ])("refuses %j with one line and exit 2", async (args, message) => {
    const { code, stdout, stderr } = await sync(args);
    expect([code, stdout]).toStrictEqual([2, ""]);
    expect(stderr).toMatch(message);
    expect(stderr).toMatch(/npm run spec:sync -- --help/);
  });

  it("reads git:REF from a clone of twilio-oai given by --repo", async () => {
    const repo = tempDir("spec-sync-oai-");
    const git = (...args: string[]) => execFileSync("git", args, { cwd: repo, stdio: "ignore" });
    git("init", "-q");
    git("config", "user.email", "spec-sync@example.invalid");
    git("config", "user.name", "spec-sync test");
    mkdirSync(join(repo, "spec/yaml"), { recursive: true });
    copyFileSync(excerpt, join(repo, "spec/yaml/twilio_verify_v2.yaml"));
    git("add", ".");
    git("commit", "-qm", "excerpt");
    const { code, stdout } = await sync(["git:HEAD", "--repo", repo]);
    expect(stdout).toContain("In sync");
    expect(code).toBe(0);
  });

  it.each([
    ["missing", "twilio-oai"],
    ["under a file", "a-file/twilio-oai"],
  ])("says so when --repo is no folder (%s), rather than blaming git", async (_name, path) => {
    const dir = tempDir("spec-sync-repo-");
    writeFileSync(join(dir, "a-file"), "");
    const repo = join(dir, path);
    expect(await sync(["git:HEAD", "--repo", repo])).toStrictEqual({
      code: 2,
      stdout: "",
      stderr: `spec:sync: --repo ${JSON.stringify(repo)}: no such folder\nRun "npm run spec:sync -- --help" for usage.\n`,
    });
  });
});

describe("npm run spec:sync -- URL", () => {
  /** A server on 127.0.0.1 answering every request with `handler`, for the length of `use`. */
  async function served<T>(handler: RequestListener, use: (url: string) => Promise<T>) {
    const server = createServer(handler);
    await new Promise<void>((ready) => server.listen(0, "127.0.0.1", ready));
    try {
      return await use(
        `http://127.0.0.1:${(server.address() as AddressInfo).port}/twilio_verify_v2.yaml`,
      );
    } finally {
      server.closeAllConnections();
      server.close();
    }
  }
  const text = readFileSync(excerpt, "utf8");

  it("reads Twilio's description from a URL", async () => {
    const { code, stdout } = await served(
      (_req, res) => res.end(text),
      (url) => sync([url]),
    );
    expect(stdout).toContain("In sync");
    expect(code).toBe(0);
  });

  it.each([
    ["answers 404", (_req, res) => res.writeHead(404).end(), /: HTTP 404$/m],
    [
      "drops the connection mid-file",
      (_req, res) => {
        res.writeHead(200, { "content-length": String(text.length) });
        res.write(text.slice(0, 100), () => res.destroy());
      },
      /: cannot fetch it \(.+\)$/m,
    ],
    [
      "stops sending mid-file",
      (_req, res) => {
        res.writeHead(200, { "content-length": String(text.length) });
        res.write(text.slice(0, 100));
      },
      /: cannot fetch it \(nothing whole within 0\.3 s\)$/m,
    ],
  ] as [string, RequestListener, RegExp][])(
    "a server that %s is a usage error, exit 2, naming the URL",
    async (_name, handler, message) => {
      const { code, stdout, stderr } = await served(handler, (url) => sync([url], 300));
      expect(code).toBe(2);
      expect(stdout).toBe("");
      expect(stderr).toMatch(/^spec:sync: http:\/\/127\.0\.0\.1:\d+\/twilio_verify_v2\.yaml/);
      expect(stderr).toMatch(message);
    },
  );
});
