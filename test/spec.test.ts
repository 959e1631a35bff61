import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import {
  fixture,
  fixtureNames,
  loadSpec,
  root,
  schemaValidator,
  type Json,
} from "./support/spec.js";

const spec = loadSpec();
const validator = schemaValidator(spec);
const validateList = validator("#/components/schemas/FactorListResponse");
const operation = spec.paths["/v2/Services/{ServiceSid}/Entities/{Identity}/Factors"].get;
const ok = operation.responses["200"];

function errorsOf(body: Json): string[] {
  validateList(body);
  return (validateList.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

describe("the reference examples", () => {
  it.each(fixtureNames)("%s validates against FactorListResponse", (name) => {
    expect(errorsOf(fixture(name))).toEqual([]);
  });

  it("are the 200 response's named examples, value for value", () => {
    const examples = ok.content["application/json"].examples;
    const value = (name: string) =>
      spec.components.examples[examples[name].$ref.split("/").pop()].value;
    const names = ["empty", "push", "totp", "totpUpperCaseIdentity"];
    expect(Object.keys(examples).sort()).toEqual([...names].sort());
    expect(names.map(value)).toEqual(
      ["empty", "push", "totp", "totp-upper-case-identity"].map(fixture),
    );
  });
});

describe("bodies that break the reference's rules are rejected", () => {
  const push = () => structuredClone(fixture("push"));
  const cases: [string, (body: Json) => void, string][] = [
    ["a status outside the enum", (b) => (b.factors[0].status = "pending"), "/factors/0/status"],
    [
      "a factor_type outside the enum",
      (b) => (b.factors[0].factor_type = "sms"),
      "/factors/0/factor_type",
    ],
    [
      "a Factor SID with the wrong prefix",
      (b) => (b.factors[0].sid = "XX" + "a".repeat(32)),
      "/factors/0/sid",
    ],
    [
      "an Account SID that is too short",
      (b) => (b.factors[0].account_sid = "AC" + "a".repeat(31)),
      "/factors/0/account_sid",
    ],
    [
      "a Service SID with a non-hex digit",
      (b) => (b.factors[0].service_sid = "VA" + "g".repeat(32)),
      "/factors/0/service_sid",
    ],
    [
      "an Entity SID with the wrong prefix",
      (b) => (b.factors[0].entity_sid = "YF" + "a".repeat(32)),
      "/factors/0/entity_sid",
    ],
    [
      "a date_created that is no date-time",
      (b) => (b.factors[0].date_created = "yesterday"),
      "/factors/0/date_created",
    ],
    [
      "a date_updated that is a number",
      (b) => (b.factors[0].date_updated = 1438286400),
      "/factors/0/date_updated",
    ],
    ["a url that is no URI", (b) => (b.factors[0].url = "not a url"), "/factors/0/url"],
    [
      "a friendly_name over 64 characters",
      (b) => (b.factors[0].friendly_name = "x".repeat(65)),
      "/factors/0/friendly_name",
    ],
    [
      "metadata with a non-string value",
      (b) => (b.factors[0].metadata = { os: 14 }),
      "/factors/0/metadata/os",
    ],
    [
      "a push config whose app_id is a number",
      (b) => (b.factors[0].config = { ...b.factors[0].config, app_id: 1 }),
      "/factors/0/config",
    ],
    ["a factor missing its status", (b) => delete b.factors[0].status, "/factors/0"],
    ["meta.page as a string", (b) => (b.meta.page = "0"), "/meta/page"],
    ["meta.page_size as a float", (b) => (b.meta.page_size = 50.5), "/meta/page_size"],
    [
      "meta.next_page_url that is no URI",
      (b) => (b.meta.next_page_url = "next"),
      "/meta/next_page_url",
    ],
    ["meta without its key", (b) => delete b.meta.key, "/meta"],
    ["factors that is not an array", (b) => (b.factors = {}), "/factors"],
    ["no meta at all", (b) => delete b.meta, ""],
  ];

  it.each(cases)("%s", (_name, mutate, path) => {
    const body = push();
    mutate(body);
    const errors = errorsOf(body);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.some((e) => e.startsWith(`${path} `))).toBe(true);
  });

  it("while unknown extra fields on a factor (Twilio adding one) still pass", () => {
    const body = push();
    body.factors[0].binding = { alg: "ES256" };
    expect(errorsOf(body)).toEqual([]);
  });
});

describe("the parameters carry every constraint of the reference", () => {
  const param = (name: string) => validator(`#/components/parameters/${name}/schema`);

  it.each([
    ["ServiceSid", "VA" + "0123456789abcdefABCDEF0123456789", true],
    ["ServiceSid", "VA40c58700bf85d3178ad2ae85b8d52d64", true],
    ["ServiceSid", "XX" + "a".repeat(32), false],
    ["ServiceSid", "VA" + "a".repeat(33), false],
    ["Identity", "ff483d1ff591898a9942916050d2ca3f", true],
    ["Identity", "DD6840aec40ad01ebc2001c0330000aa33", true],
    ["Identity", "user-1234-abcd", true],
    ["Identity", "a".repeat(64), true],
    ["Identity", "a".repeat(65), false],
    ["Identity", "abc1234", false],
    ["Identity", "abcd--1234", false],
    ["Identity", "-abcd1234", false],
    ["Identity", "abcd_1234", false],
    ["Identity", "........", false],
    ["PageSize", 1, true],
    ["PageSize", 1000, true],
    ["PageSize", 0, false],
    ["PageSize", 1001, false],
    ["PageSize", 2.5, false],
    ["Page", 0, true],
    ["Page", -1, false],
    ["PageToken", "PT123", true],
  ] as const)("%s = %j is %s", (name, value, valid) => {
    expect(param(name)(value)).toBe(valid);
  });

  it("PageSize is int64 with the default 50; all three query parameters are optional", () => {
    const { PageSize, Page, PageToken } = spec.components.parameters;
    expect(PageSize.schema).toMatchObject({ type: "integer", format: "int64", default: 50 });
    expect([PageSize.required, Page.required, PageToken.required]).toEqual([false, false, false]);
  });
});

describe("the operation", () => {
  it("is listFactors on verify.twilio.com behind HTTP basic auth", () => {
    expect(operation.operationId).toBe("listFactors");
    expect(spec.servers[0].url).toBe("https://verify.twilio.com");
    const [scheme] = Object.keys(spec.security[0]);
    expect(spec.components.securitySchemes[scheme!]).toMatchObject({
      type: "http",
      scheme: "basic",
    });
  });

  it("declares the five Access-Control headers on 200 with their types", () => {
    const headers = Object.entries(ok.headers).map(([name, header]: [string, Json]) => {
      const target = spec.components.headers[header.$ref.split("/").pop()];
      return [name, target.schema.type];
    });
    expect(Object.fromEntries(headers)).toEqual({
      "Access-Control-Allow-Origin": "string",
      "Access-Control-Allow-Methods": "string",
      "Access-Control-Allow-Headers": "string",
      "Access-Control-Allow-Credentials": "boolean",
      "Access-Control-Expose-Headers": "string",
    });
  });

  it("answers 400, 401, 403, 404, 429 and 5XX with Twilio's error body, each with a valid example", () => {
    const validateError = validator("#/components/schemas/Error");
    const codes = Object.keys(operation.responses).filter((code) => code !== "200");
    expect(codes.sort()).toEqual(["400", "401", "403", "404", "429", "5XX"]);
    for (const code of codes) {
      const response = spec.components.responses[operation.responses[code].$ref.split("/").pop()];
      const example = response.content["application/json"].example;
      expect(validateError(example), `${code}: ${JSON.stringify(validateError.errors)}`).toBe(true);
      expect(String(example.status)[0]).toBe(code[0]);
    }
    const tooMany = spec.components.responses.TooManyRequests;
    expect(Object.keys(tooMany.headers)).toContain("Retry-After");
  });
});

describe("a bad edit to the spec fails lint, naming the place", () => {
  function lint(edit: (spec: Json) => void): string {
    const broken = loadSpec();
    edit(broken);
    const file = join(mkdtempSync(join(tmpdir(), "verify-spec-")), "verify.yaml");
    writeFileSync(file, stringify(broken));
    try {
      execFileSync(
        resolve(root, "node_modules/.bin/redocly"),
        ["lint", file, "--config", resolve(root, "redocly.yaml")],
        { cwd: root, stdio: "pipe", encoding: "utf8" },
      );
    } catch (error) {
      const { stdout, stderr } = error as { stdout: string; stderr: string };
      return stdout + stderr;
    }
    throw new Error("redocly lint passed a broken spec");
  }

  it("a $ref to nowhere", () => {
    const out = lint((s) => {
      s.components.schemas.FactorListResponse.properties.meta.$ref = "#/components/schemas/Nope";
    });
    expect(out).toMatch(/no-unresolved-refs/);
    expect(out).toMatch(/FactorListResponse\/properties\/meta/);
  }, 30_000);

  it("an example that breaks its schema", () => {
    const out = lint((s) => {
      s.components.examples.PushFactorList.value.factors[0].status = "pending";
    });
    expect(out).toMatch(/no-invalid-media-type-examples/);
    expect(out).toMatch(/PushFactorList\/value\/factors\/0\/status/);
  }, 30_000);
});
