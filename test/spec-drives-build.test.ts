// The spec is the single source of truth: an edit to it that the hand-written code relies on
// fails the type check of src/, naming the file that relies on it.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FACTOR_STATUSES, FACTOR_TYPES } from "../src/index.js";
import { USAGE } from "../src/cli/usage.js";
import { runMain } from "./support/cli.js";
import { SERVICE_SID } from "./support/fake-verify.js";
import { loadSpec, type Json } from "./support/spec.js";
import { generateTypes, typeCheckSrc } from "./support/type-check.js";
import { tempDir } from "./support/temp-dir.js";

/**
 * src/ type-checked against the types generated from an edited copy of the spec; for an edit that
 * must fail, up to the first file that does.
 */
async function typeCheckWith(
  edit: (spec: Json) => void,
  { firstFileOnly = true } = {},
): Promise<string> {
  const spec = loadSpec();
  edit(spec);
  return typeCheckSrc(await generateTypes(spec), { firstFileOnly });
}

const schemas = (spec: Json) => spec.components.schemas;
const rename = (object: Json, from: string, to: string) => {
  object[to] = object[from];
  delete object[from];
};

describe("a spec edit the code relies on fails the build, naming the file in src/", () => {
  it.each([
    [
      "the PageSize parameter renamed",
      (s: Json) => (s.components.parameters.PageSize.name = "Size"),
    ],
    [
      "the list key factors renamed",
      (s: Json) => {
        rename(schemas(s).FactorListResponse.properties, "factors", "items");
        schemas(s).FactorListResponse.required = ["items", "meta"];
      },
    ],
    [
      "the Factor field status renamed",
      (s: Json) => {
        rename(schemas(s).Factor.properties, "status", "state");
        schemas(s).Factor.required = schemas(s).Factor.required.map((f: string) =>
          f === "status" ? "state" : f,
        );
      },
    ],
    [
      "meta.next_page_url removed",
      (s: Json) => delete schemas(s).PageMeta.properties.next_page_url,
    ],
  ])("%s", async (_, edit) => {
    const errors = await typeCheckWith(edit);
    expect(errors).toMatch(/^src\/[\w/-]+\.ts\(\d+,\d+\): error TS\d+/m);
  });

  // One type check for several edits, each failing in files of its own: each is looked for.
  it("names the code reads from the spec, renamed there, fail where each is read", async () => {
    const errors = await typeCheckWith(
      (s) => {
        s.components.parameters.PageToken.name = "Token";
        schemas(s).FactorStatus.enum = ["pending", "confirmed"];
        // Each header component renamed, with every response's header and $ref to it.
        const headers = { "Twilio-Request-Id": "Request-Id", "Retry-After": "Retry-In" };
        const walk = (node: Json): void => {
          if (typeof node !== "object" || node === null) return;
          for (const [from, to] of Object.entries(headers)) {
            if (from in node && !Array.isArray(node)) rename(node, from, to);
            if (node.$ref === `#/components/headers/${from}`)
              node.$ref = `#/components/headers/${to}`;
          }
          Object.values(node).forEach(walk);
        };
        walk(s);
      },
      { firstFileOnly: false },
    );
    const at = (file: string, what = "") =>
      new RegExp(
        `^src/${file.replace(/[./]/g, "\\$&")}\\(\\d+,\\d+\\): error TS\\d+: ${what}`,
        "m",
      );
    // PageToken: where a request sends it, and where next_page_url is read.
    expect(errors).toMatch(at("paging/fetch-page.ts"));
    expect(errors).toMatch(at("paging/next-page.ts"));
    // The statuses: where the audit counts verified factors, and lists unverified ones.
    expect(errors).toMatch(at("cli/commands/audit-summary.ts"));
    expect(errors).toMatch(at("cli/commands/audit-findings.ts"));
    // The headers: where each is named, once.
    expect(errors).toMatch(at("types.ts", `Type '"Twilio-Request-Id"'`));
    expect(errors).toMatch(at("types.ts", `Type '"Retry-After"'`));
  });

  it("a new factor type without its config schema fails with a message that says what to add", async () => {
    const errors = await typeCheckWith((s) => schemas(s).FactorType.enum.push("webauthn"));
    expect(errors).toMatch(/^src\/types\.ts\(\d+,\d+\): error/m);
    expect(errors).toContain("add a WebauthnFactorConfig schema");
  });

  it("the unedited spec type-checks, so the failures above are the edits'", async () => {
    expect(await typeCheckWith(() => {}, { firstFileOnly: false })).toBe("");
  });
});

describe("the statuses and factor types the command line knows are the spec's", () => {
  const spec = loadSpec();

  it("are the generated enum values", () => {
    expect([...FACTOR_STATUSES]).toEqual(schemas(spec).FactorStatus.enum);
    expect([...FACTOR_TYPES]).toEqual(schemas(spec).FactorType.enum);
  });

  it("reach --help and are each accepted by --status and --factor-type", async () => {
    for (const value of [...FACTOR_STATUSES, ...FACTOR_TYPES]) expect(USAGE).toContain(value);
    const none = join(tempDir("verify-factors-ids-"), "none.txt");
    writeFileSync(none, "");
    const args = ["audit", "--service-sid", SERVICE_SID, "--identities", none, "-o", "ndjson"];
    for (const status of FACTOR_STATUSES) {
      const result = await runMain([...args, "--status", status]);
      expect([result.code, result.stderr]).toEqual([0, expect.stringContaining("0 entities")]);
    }
    for (const type of FACTOR_TYPES) {
      expect((await runMain([...args, "--factor-type", type])).code).toBe(0);
    }
    const refused = await runMain([...args, "--status", "pending"]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`--status must be one of ${FACTOR_STATUSES.join(", ")}`);
  });
});
