import { describe, expect, it } from "vitest";
import { VerifyArgumentError } from "../../src/errors.js";
import {
  checkPathFilled,
  strictPathSerializer,
  strictQuerySerializer,
} from "../../src/http/serializers.js";
import { argumentError } from "../support/helpers.js";

const path = "/v2/Services/{ServiceSid}/Entities/{Identity}/Factors";

const refusal = (params: unknown) =>
  argumentError(() => strictPathSerializer(path, params as Record<string, unknown>));

describe("strictPathSerializer", () => {
  it("fills each path parameter, encoded, and takes numbers", () => {
    expect(strictPathSerializer(path, { ServiceSid: "VA1", Identity: "a b" })).toBe(
      "/v2/Services/VA1/Entities/a%20b/Factors",
    );
    expect(strictPathSerializer(path, { ServiceSid: 7, Identity: "x" })).toBe(
      "/v2/Services/7/Entities/x/Factors",
    );
  });

  it.each([
    [{ ServiceSid: "VA1" }, "Identity", "is undefined"],
    [{ ServiceSid: "VA1", Identity: null }, "Identity", "is null"],
    [{ ServiceSid: true, Identity: "x" }, "ServiceSid", "is true"],
    [undefined, "ServiceSid", "is undefined"],
  ])("refuses a missing or non-text value %j, naming the parameter", (params, name, what) => {
    expect(refusal(params).message).toBe(`${name} ${what}; it must be given`);
  });

  it.each([".", "..", "%2e", "%2E%2e", ""])(
    "refuses %j: it is not a path segment of its own",
    (identity) => {
      const error = refusal({ ServiceSid: "VA1", Identity: identity });
      expect(error.message).toContain(`Identity is ${JSON.stringify(identity)}`);
      expect(error.message).toContain("a path segment of its own");
    },
  );

  it("takes values that only look like dots", () => {
    expect(strictPathSerializer(path, { ServiceSid: "VA1", Identity: "..." })).toContain(
      "/Entities/.../",
    );
  });
});

const unpaired =
  "has a lone UTF-16 surrogate; it must be a well-formed string (no unpaired surrogate)";

describe("a value with a lone surrogate, which percent-encoding cannot encode", () => {
  it.each(["\uD800", "a\uDC00b", "x\uD83D"])("in the path, %j, is refused by name", (identity) => {
    expect(refusal({ ServiceSid: "VA1", Identity: identity }).message).toBe(`Identity ${unpaired}`);
  });

  it.each([{ PageToken: "\uD800" }, { PageToken: ["ok", "\uDC00"] }, { Deep: { key: "\uD83D" } }])(
    "in the query, %j, is refused by name",
    (query) => {
      const name = Object.keys(query)[0]!;
      expect(() => strictQuerySerializer(query)).toThrow(
        new VerifyArgumentError(
          name,
          "has a lone UTF-16 surrogate",
          "a well-formed string (no unpaired surrogate)",
        ),
      );
    },
  );

  it("leaves null and undefined values to openapi-fetch's serializer, which leaves them out", () => {
    expect(strictQuerySerializer({ PageToken: null, Page: undefined, PageSize: 5 })).toBe(
      "PageSize=5",
    );
  });

  it("leaves the rest to openapi-fetch's serializer: pairs, arrays, and no query at all", () => {
    expect(strictQuerySerializer({ PageToken: "😀", PageSize: [1, 2] })).toBe(
      "PageToken=%F0%9F%98%80&PageSize=1&PageSize=2",
    );
    expect(strictQuerySerializer({})).toBe("");
  });
});

describe("checkPathFilled", () => {
  const base = "https://verify.example.invalid/v2/Services";
  it.each([
    [`${base}/%7BServiceSid%7D/Entities/%7BIdentity%7D/Factors`, "ServiceSid"],
    [`${base}/%7BServiceSid%7D`, "ServiceSid"],
    [`${base}/VA1/Entities/%7bIdentity%7d?PageSize=2`, "Identity"],
    [`${base}/VA1/Entities/%7BIdentity%7D#top`, "Identity"],
  ])("refuses %s, naming %s", (url, name) => {
    const error = argumentError(() => checkPathFilled(url));
    expect(error.message).toBe(`${name} is undefined; it must be given`);
  });

  it.each([
    `${base}/VA1/Entities/user-0001/Factors`,
    `${base}/VA1/Entities/a%7BIdentity%7D/Factors`,
    `${base}/VA1/Entities/%7BIdentity%7Dz/Factors`,
    `${base}/VA1/Entities/%7B%7D/Factors`,
    `${base}/VA1/Entities?PageToken=/%7BIdentity%7D`,
    `${base}/VA1/Entities#/%7BIdentity%7D`,
  ])("takes %s", (url) => {
    expect(() => checkPathFilled(url)).not.toThrow();
  });
});
