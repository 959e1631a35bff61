import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import {
  entityExamples,
  examples,
  fixture,
  fixtureNames,
  loadSpec,
  root,
  schemaValidator,
  type Json,
} from "./support/spec.js";
import { tempDir } from "./support/temp-dir.js";

const spec = loadSpec();
const validator = schemaValidator(spec);
const validateList = validator("#/components/schemas/FactorListResponse");
const operation = spec.paths["/v2/Services/{ServiceSid}/Entities/{Identity}/Factors"].get;
const ok = operation.responses["200"];

function errorsOf(body: Json): string[] {
  validateList(body);
  return (validateList.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

describe("the examples", () => {
  it.each(fixtureNames)("%s validates against FactorListResponse", (name) => {
    expect(errorsOf(fixture(name))).toEqual([]);
  });

  it("are the 200 response's named examples, value for value", () => {
    const named = ok.content["application/json"].examples;
    const value = (name: string) =>
      spec.components.examples[named[name].$ref.split("/").pop()].value;
    expect(Object.keys(named).sort()).toEqual(Object.keys(examples).sort());
    for (const [name, file] of Object.entries(examples)) {
      expect(value(name), name).toEqual(fixture(file));
    }
  });

  it("show a passkeys factor with its whole config", () => {
    const [factor] = fixture("passkeys").factors;
    expect(factor.factor_type).toBe("passkeys");
    const validateConfig = validator("#/components/schemas/PasskeysFactorConfig");
    expect(validateConfig(factor.config)).toBe(true);
    expect(validateConfig({ ...factor.config, relying_party: { id: "example.com" } })).toBe(false);
  });
});

describe("List Entities", () => {
  const list = spec.paths["/v2/Services/{ServiceSid}/Entities"].get;
  const validateEntities = validator("#/components/schemas/EntityListResponse");

  it("has Twilio's two examples, value for value, and each validates", () => {
    const named = list.responses["200"].content["application/json"].examples;
    for (const [name, file] of Object.entries(entityExamples)) {
      const value = spec.components.examples[named[name].$ref.split("/").pop()].value;
      expect(value, name).toEqual(fixture(file));
      expect(validateEntities(value), JSON.stringify(validateEntities.errors)).toBe(true);
    }
  });

  it("takes the same paging parameters as List Factors, and answers errors alike", () => {
    const refs = list.parameters.map((p: Json) => p.$ref.split("/").pop());
    expect(refs).toEqual(["ServiceSid", "PageSize", "Page", "PageToken"]);
    expect(Object.keys(list.responses).sort()).toEqual(Object.keys(operation.responses).sort());
  });

  it("rejects an Entity SID with the wrong prefix, and accepts fields Twilio adds", () => {
    const body = structuredClone(fixture("entities"));
    body.entities[0].sid = "YF" + "a".repeat(32);
    expect(validateEntities(body)).toBe(false);
    const added = structuredClone(fixture("entities"));
    added.entities[0].new_field = 1;
    expect(validateEntities(added)).toBe(true);
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

  it("while fields the spec does not list (Twilio adding one) pass, wherever they appear", () => {
    const body = push();
    body.factors[0].binding = { alg: "ES256" };
    body.factors[0].config.new_setting = true;
    body.meta.total = 1;
    body.links = {};
    expect(errorsOf(body)).toEqual([]);
    const passkeys = fixture("passkeys");
    passkeys.factors[0].config.relying_party.icon = "https://example.com/icon.png";
    expect(errorsOf(passkeys)).toEqual([]);
  });
});

describe("every example value has a source", () => {
  /** Every scalar under `value`, with where it is. */
  function scalars(value: Json, at: string, out: [string, unknown][] = []) {
    if (value !== null && typeof value === "object") {
      for (const [key, inner] of Object.entries(value)) scalars(inner, `${at}/${key}`, out);
    } else out.push([at, value]);
    return out;
  }
  /** The `example` and `examples` in the spec, outside the named 200 examples checked above. */
  function exampleValues(node: Json, at: string, out: [string, unknown][] = []) {
    if (node === null || typeof node !== "object") return out;
    for (const [key, inner] of Object.entries(node)) {
      if (key === "example" || key === "examples") scalars(inner, `${at}/${key}`, out);
      else exampleValues(inner, `${at}/${key}`, out);
    }
    return out;
  }

  // Every value of the example bodies, and the one header example Twilio's OpenAPI description
  // gives (`Access-Control-Allow-Origin: *`).
  const known = new Set<unknown>([
    "*",
    ...[...fixtureNames, ...Object.values(entityExamples)].flatMap((name) =>
      scalars(fixture(name), "").map(([, value]) => value),
    ),
  ]);
  function unsourced(edited: Json) {
    const { examples: _named, ...components } = edited.components;
    return exampleValues({ ...edited, components }, "#").filter(
      ([at, value]) => !at.endsWith("/$ref") && !known.has(value),
    );
  }

  // Twilio's error pages (twilio.com/docs/errors/CODE): each one's title and HTTP status.
  const errorPages: Record<string, [number, string, number]> = {
    InvalidRequestError: [60306, "Invalid Request", 400],
    PermissionDeniedError: [20003, "Permission Denied", 401],
    ForbiddenError: [20403, "403 Forbidden", 403],
    NotFoundError: [20404, "Not Found", 404],
    TooManyRequestsError: [20429, "Too Many Requests", 429],
    InternalServerError: [20500, "Internal Server Error", 500],
    ServiceUnavailableError: [20503, "Service unavailable", 503],
  };

  it("is a value of the example bodies, or the one header example Twilio gives", () => {
    expect(Object.keys(spec.components.examples)).toHaveLength(
      fixtureNames.length + Object.keys(entityExamples).length + Object.keys(errorPages).length,
    );
    expect(unsourced(spec)).toEqual([]);
  });

  it("an error example is its Twilio error page's code, title and status", () => {
    const errors = Object.entries(spec.components.examples as Record<string, Json>).filter(
      ([name]) => name.endsWith("Error"),
    );
    expect(
      Object.fromEntries(errors.map(([name, example]) => [name, example.value])),
    ).toStrictEqual(
      Object.fromEntries(
        Object.entries(errorPages).map(([name, [code, message, status]]) => [
          name,
          { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status },
        ]),
      ),
    );
    // Each is the example of the response for its status.
    const { responses } = spec.components;
    for (const [name, [, , status]] of Object.entries(errorPages)) {
      const owner = Object.values(responses).find((response: Json) =>
        (Object.values(response.content["application/json"].examples ?? {}) as Json[]).some(
          (example) => example.$ref === `#/components/examples/${name}`,
        ),
      ) as Json;
      expect(owner?.description, name).toMatch(
        status >= 500 ? /20500|20503/ : String(errorPages[name]![0]),
      );
    }
  });

  it("so a made-up example is caught", () => {
    const edited = loadSpec();
    edited.components.parameters.PageToken.example = "PTaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    expect(unsourced(edited)).toEqual([
      ["#/components/parameters/PageToken/example", "PTaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"],
    ]);
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

  it("answers 400, 401, 403, 404, 429 and 5XX with Twilio's error body", () => {
    const codes = Object.keys(operation.responses).filter((code) => code !== "200");
    expect(codes.sort()).toEqual(["400", "401", "403", "404", "429", "5XX"]);
    for (const code of codes) {
      const response = spec.components.responses[operation.responses[code].$ref.split("/").pop()];
      expect(response.content["application/json"].schema.$ref, code).toBe(
        "#/components/schemas/Error",
      );
    }
    const tooMany = spec.components.responses.TooManyRequests;
    expect(Object.keys(tooMany.headers)).toContain("Retry-After");
  });
});

describe("a bad edit to the spec fails lint, naming the place", () => {
  function lint(edit: (spec: Json) => void): string {
    const broken = loadSpec();
    edit(broken);
    const file = join(tempDir("verify-spec-"), "verify.yaml");
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
