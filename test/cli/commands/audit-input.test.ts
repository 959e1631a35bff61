// How an audit reads its identities from a file or stdin: line by line, in bounded memory.
import { describe, expect, it } from "vitest";
import { eachOnce, linesOf } from "../../../src/cli/commands/audit-input.js";
import { IdentitySet } from "../../../src/cli/identity-set.js";
import { IDENTITY_KEPT } from "../../../src/cli/terminal.js";
import { UsageError } from "../../../src/cli/usage-error.js";

async function lines(chunks: (string | Buffer)[]) {
  const out: string[] = [];
  for await (const line of linesOf(chunks.values() as unknown as AsyncIterable<Buffer>)) {
    out.push(line);
  }
  return out;
}

describe("linesOf", () => {
  it("splits on LF, CRLF and CR, trims each line and leaves out empty ones", async () => {
    expect(await lines(["a-1\nb-2\r\nc-3\rd-4\n\n  e-5  \n"])).toStrictEqual([
      "a-1",
      "b-2",
      "c-3",
      "d-4",
      "e-5",
    ]);
  });

  it("joins a line, a CRLF and a UTF-8 character that chunks cut in two", async () => {
    const bytes = Buffer.from("user-é1\r\nuser-2");
    const cuts = [bytes.subarray(0, 6), bytes.subarray(6, 9), bytes.subarray(9)];
    expect(await lines(cuts)).toStrictEqual(["user-é1", "user-2"]);
  });

  it.each(["utf-16le", "utf-16be"] as const)(
    "reads %s, as a byte order mark says (Windows PowerShell writes it), and UTF-8 with one",
    async (encoding) => {
      const text = "\ufeffuser-1\r\nuser-é2\r\n";
      const le = Buffer.from(text, "utf16le");
      const bytes = encoding === "utf-16le" ? le : Buffer.from(le).swap16();
      const cuts = [bytes.subarray(0, 5), bytes.subarray(5, 11), bytes.subarray(11)];
      expect(await lines(cuts)).toStrictEqual(["user-1", "user-é2"]);
      expect(await lines([Buffer.from(text)])).toStrictEqual(["user-1", "user-é2"]);
    },
  );

  it("gives the last line without a line break after it", async () => {
    expect(await lines(["a-1\n", "b-2"])).toStrictEqual(["a-1", "b-2"]);
  });

  it("refuses a line of more than 4096 characters without reading it whole", async () => {
    const endless = (async function* () {
      for (;;) yield Buffer.alloc(1024, "x");
    })();
    const reading = (async () => {
      for await (const _ of linesOf(endless)) return "a line";
    })();
    await expect(reading).rejects.toThrow(UsageError);
    await expect(reading).rejects.toThrow(
      "--identities has a line longer than 4096 characters: an identity is at most 64",
    );
  });
});

describe("eachOnce", () => {
  const each = async (identities: (string | null)[], taken = new IdentitySet()) => {
    const out: (string | null)[] = [];
    for await (const identity of eachOnce(identities.values() as never, taken)) out.push(identity);
    return out;
  };

  it("gives each identity once, and each one that is not a string", async () => {
    expect(await each(["user-00001", null, "user-00002", "user-00001", null])).toStrictEqual([
      "user-00001",
      null,
      "user-00002",
      null,
    ]);
  });

  it("knows an identity past IDENTITY_KEPT characters by its first IDENTITY_KEPT, not whole", async () => {
    // A server's: megabytes long, and never valid (none past 64 characters is).
    const [a, b] = ["a", "b"].map((end) => `${"x".repeat(IDENTITY_KEPT)}${end.repeat(1_000_000)}`);
    const taken = new IdentitySet();
    expect(await each([a!, b!, a!], taken)).toStrictEqual([a]);
    expect(taken.has(`${"x".repeat(IDENTITY_KEPT)}…`)).toBe(true);
    expect(taken.has(a!)).toBe(false);
  });
});
