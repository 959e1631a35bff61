import { describe, expect, it } from "vitest";
import { VerifyArgumentError } from "../../src/errors.js";
import { strictPathSerializer } from "../../src/http/path-serializer.js";

const path = "/v2/Services/{ServiceSid}/Entities/{Identity}/Factors";

function refusal(params: unknown): VerifyArgumentError {
  try {
    strictPathSerializer(path, params as Record<string, unknown>);
  } catch (error) {
    if (error instanceof VerifyArgumentError) return error;
    throw error;
  }
  throw new Error("not refused");
}

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
    [{ ServiceSid: true, Identity: "x" }, "ServiceSid", "is boolean"],
    [undefined, "ServiceSid", "is undefined"],
  ])("refuses a missing or non-text value %j, naming the parameter", (params, name, what) => {
    const error = refusal(params);
    expect(error.message).toContain(name);
    expect(error.message).toContain(what);
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
