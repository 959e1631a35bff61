import { describe, expect, it } from "vitest";
import { USAGE } from "../../src/cli/usage.js";

const section = (title: string) => {
  const start = USAGE.indexOf(`${title}:`);
  const end = USAGE.indexOf("\n", USAGE.indexOf("\n  -h, --help", start));
  return USAGE.slice(
    start,
    USAGE.indexOf("\nOptions (", start + 1) > 0 ? USAGE.indexOf("\nOptions (", start + 1) : end,
  );
};

describe("--help", () => {
  it("lists the flags both commands take under both, not under audit alone", () => {
    const both = section("Options (both)");
    expect(both).toContain("--header 'N: V'");
    expect(both).toContain("--log-level LEVEL");
    expect(
      section("Options (audit; also --page-size, --output, --properties, --base-url)"),
    ).not.toContain("--header");
  });
});
