import { describe, expect, it } from "vitest";
import { factorKeys, MAX_WORD_LENGTH } from "../../../src/cli/commands/audit-summary.js";
import type { Factor } from "../../../src/index.js";

const keyOf = (factor_type: unknown, status: unknown) =>
  factorKeys([{ factor_type, status } as Factor])[0];

describe("the counts' type/status keys", () => {
  it("keep a type or status up to MAX_WORD_LENGTH characters whole", () => {
    const longest = "x".repeat(MAX_WORD_LENGTH);
    expect(keyOf(longest, "verified")).toBe(`${longest}/verified`);
  });

  it("cut a longer one there, with an ellipsis, so a server's words are not held whole", () => {
    const type = "t".repeat(10_000);
    const status = "s".repeat(MAX_WORD_LENGTH + 1);
    expect(keyOf(type, status)).toBe(
      `${"t".repeat(MAX_WORD_LENGTH)}…/${"s".repeat(MAX_WORD_LENGTH)}…`,
    );
  });

  it("never cut between the halves of a surrogate pair, nor through an escape", () => {
    const emoji = `${"x".repeat(MAX_WORD_LENGTH - 1)}\u{1F600}rest`;
    expect(keyOf(emoji, "verified")).toBe(`${"x".repeat(MAX_WORD_LENGTH - 1)}…/verified`);
    const slashes = "/".repeat(MAX_WORD_LENGTH + 5);
    expect(keyOf(slashes, "verified")).toBe(`${"%2F".repeat(MAX_WORD_LENGTH)}…/verified`);
  });
});
