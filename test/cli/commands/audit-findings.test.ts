import { describe, expect, it } from "vitest";
import {
  createFindings,
  DAY_MS,
  KEPT_LENGTH,
  KEPT_MESSAGE_LENGTH,
  note,
} from "../../../src/cli/commands/audit-findings.js";
import { IDENTITY_KEPT } from "../../../src/cli/terminal.js";
import { VerifyPaginationError, type Factor } from "../../../src/index.js";

const NOW = new Date("2026-06-01T00:00:00Z");
const old = new Date(NOW.getTime() - 30 * DAY_MS).toISOString();
const describeError = (error: Error) => error.message;

describe("what the report lists keeps of a server's text", () => {
  it("each field of a stale factor, cut to KEPT_LENGTH characters, an object as JSON", () => {
    const findings = createFindings(7, NOW);
    const factor = {
      sid: { toString: 1 },
      factor_type: "t".repeat(10_000),
      friendly_name: "n".repeat(KEPT_LENGTH),
      status: "unverified",
      date_created: old,
    } as unknown as Factor;
    note(findings, { identity: "user-00001", index: 0, factors: [factor] }, describeError);
    expect(findings.stale.items).toStrictEqual([
      {
        identity: "user-00001",
        sid: '{"toString":1}',
        factor_type: `${"t".repeat(KEPT_LENGTH)}…`,
        friendly_name: "n".repeat(KEPT_LENGTH),
        date_created: old,
      },
    ]);
  });

  it("a failed identity cut to IDENTITY_KEPT, its error's line to KEPT_MESSAGE_LENGTH", () => {
    const findings = createFindings(7, NOW);
    const error = new VerifyPaginationError("m".repeat(10_000));
    note(findings, { identity: "i".repeat(10_000), index: 0, error }, describeError);
    expect(findings.failures.items).toStrictEqual([
      {
        identity: `${"i".repeat(IDENTITY_KEPT)}…`,
        message: `${"m".repeat(KEPT_MESSAGE_LENGTH)}…`,
      },
    ]);
  });
});
