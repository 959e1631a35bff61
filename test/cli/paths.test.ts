import { linkSync, mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { sameFile, whereLeads } from "../../src/cli/paths.js";
import { tempDir } from "../support/temp-dir.js";

describe("sameFile", () => {
  it("takes a link left dangling for the file it points at, not made yet", () => {
    const dir = tempDir("paths-");
    symlinkSync("rows.ndjson", join(dir, "link"));
    expect(sameFile(join(dir, "link"), join(dir, "rows.ndjson"))).toBe(true);
    expect(sameFile(join(dir, "rows.ndjson"), join(dir, "link"))).toBe(true);
  });

  it("follows a chain of links, relative and absolute", () => {
    const dir = tempDir("paths-");
    symlinkSync(join(dir, "second"), join(dir, "first"));
    symlinkSync("rows.ndjson", join(dir, "second"));
    expect(sameFile(join(dir, "first"), join(dir, "rows.ndjson"))).toBe(true);
  });

  it("follows a link to a folder on the way to a file not made yet", () => {
    const dir = tempDir("paths-");
    mkdirSync(join(dir, "real"));
    symlinkSync("real", join(dir, "alias"));
    expect(sameFile(join(dir, "alias", "rows.ndjson"), join(dir, "real", "rows.ndjson"))).toBe(
      true,
    );
    expect(whereLeads(join(dir, "alias", "rows.ndjson"))).toBe(
      whereLeads(join(dir, "real", "rows.ndjson")),
    );
  });

  it("tells apart two files not made yet, and a link to one from the other", () => {
    const dir = tempDir("paths-");
    symlinkSync("summary.json", join(dir, "link"));
    expect(sameFile(join(dir, "rows.ndjson"), join(dir, "summary.json"))).toBe(false);
    expect(sameFile(join(dir, "link"), join(dir, "rows.ndjson"))).toBe(false);
  });

  it("ends at links that point at each other, without throwing", () => {
    const dir = tempDir("paths-");
    symlinkSync("b", join(dir, "a"));
    symlinkSync("a", join(dir, "b"));
    expect(sameFile(join(dir, "a"), join(dir, "rows.ndjson"))).toBe(false);
  });

  it("takes a hard link for the file it shares", () => {
    const dir = tempDir("paths-");
    writeFileSync(join(dir, "ids"), "alice-0001\n");
    linkSync(join(dir, "ids"), join(dir, "also"));
    expect(sameFile(join(dir, "also"), join(dir, "ids"))).toBe(true);
  });

  it("takes a device that both names reach, such as a terminal, for no clash", () => {
    const dir = tempDir("paths-");
    symlinkSync("/dev/null", join(dir, "null"));
    expect(sameFile(join(dir, "null"), "/dev/null")).toBe(false);
  });
});
