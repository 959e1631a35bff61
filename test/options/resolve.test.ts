// The checks each call makes of its options are the spec's constraints, read from the spec here:
// a constraint changed there (a new maximum, a pattern) fails this test until the code follows.
import { describe, expect, it } from "vitest";
import { createVerifyClient, VerifyArgumentError } from "../../src/index.js";
import { DEFAULTS } from "../../src/options/defaults.js";
import { ACCOUNT_SID, AUTH_TOKEN, IDENTITY, SERVICE_SID } from "../support/fake-verify.js";
import { loadSpec, schemaValidator, type Json } from "../support/spec.js";

const spec = loadSpec();
const validator = schemaValidator(spec);
// Never sent: a listing makes no request until it is iterated.
const client = createVerifyClient({
  accountSid: ACCOUNT_SID,
  authToken: AUTH_TOKEN,
  baseUrl: "http://127.0.0.1:9",
});

/** Whether `listFactors` takes `value` for `option` at the call. */
function taken(option: string, value: unknown): boolean {
  try {
    client.listFactors({ serviceSid: SERVICE_SID, identity: IDENTITY, [option]: value });
    return true;
  } catch (error) {
    if (error instanceof VerifyArgumentError && error.parameter === option) return false;
    throw error;
  }
}

/** Values at and around each bound the spec gives a parameter, and its example. */
function samples(schema: Json): unknown[] {
  const values: unknown[] = schema.example === undefined ? [] : [schema.example];
  for (const bound of [schema.minimum, schema.maximum]) {
    if (bound !== undefined) values.push(bound - 1, bound, bound + 1);
  }
  for (const length of [schema.minLength, schema.maxLength]) {
    if (length === undefined) continue;
    for (const n of [length - 1, length, length + 1]) {
      values.push("a".repeat(n), `VA${"f".repeat(Math.max(n - 2, 0))}`);
    }
  }
  return values;
}

// Strings the patterns must judge alike, at lengths each pattern allows.
const tricky = [
  `VA${"0123456789abcdef".repeat(2)}`,
  `VA${"0123456789ABCDEF".repeat(2)}`,
  `VA${"g".repeat(32)}`,
  `va${"0".repeat(32)}`,
  `XX${"0".repeat(32)}`,
  "user-1234",
  "user--1234",
  "-user1234",
  "user1234-",
  "user_1234",
  "user 1234",
  "usér-1234",
  "........",
  "a-b-c-d-e",
];

describe("each option checked at the call is checked as the spec's parameter", () => {
  const parameters = spec.paths["/v2/Services/{ServiceSid}/Entities/{Identity}/Factors"].get
    .parameters as { $ref: string }[];
  const options: Record<string, string> = {
    ServiceSid: "serviceSid",
    Identity: "identity",
    PageSize: "pageSize",
    Page: "page",
    PageToken: "pageToken",
  };

  it("covers every parameter of the operation", () => {
    const names = parameters.map((p) => p.$ref.split("/").pop()!);
    expect(names.sort()).toStrictEqual(Object.keys(options).sort());
  });

  it.each(Object.entries(options))("%s, as %s", (name, option) => {
    const schema = spec.components.parameters[name].schema;
    const valid = validator(`#/components/parameters/${name}/schema`);
    const values = [...samples(schema), ...(schema.type === "string" ? tricky : [])];
    const disagree = values
      .filter((value) => valid(value) !== taken(option, value))
      .map(
        (value) => `${JSON.stringify(value)}: spec ${valid(value)}, client ${taken(option, value)}`,
      );
    expect(disagree).toStrictEqual([]);
  });

  it("is stricter than the spec only where a value could not name a place", () => {
    // An empty token names no page; past 2^53 a number is rounded and would name another one.
    expect([taken("pageToken", ""), taken("page", 2 ** 53)]).toStrictEqual([false, false]);
    expect(validator("#/components/parameters/PageToken/schema")("")).toBe(true);
    expect(validator("#/components/parameters/Page/schema")(2 ** 53)).toBe(true);
  });
});

describe("the defaults the spec states are the client's", () => {
  it("baseUrl is the spec's server, pageSize the spec's default PageSize", () => {
    expect(DEFAULTS.baseUrl).toBe(spec.servers[0].url);
    expect(DEFAULTS.pageSize).toBe(spec.components.parameters.PageSize.schema.default);
  });
});
