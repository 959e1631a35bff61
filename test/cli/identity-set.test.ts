import { describe, expect, it } from "vitest";
import { IdentitySet } from "../../src/cli/identity-set.js";

const named = (i: number) => `user-${String(i).padStart(7, "0")}`;

describe("the set of identities an audit has taken up", () => {
  it("says whether each identity is new, and holds it from then on", () => {
    const set = new IdentitySet();
    expect(set.has("user-0000001")).toBe(false);
    expect(set.add("user-0000001")).toBe(true);
    expect(set.add("user-0000001")).toBe(false);
    expect(set.has("user-0000001")).toBe(true);
    expect(set.has("user-0000002")).toBe(false);
    expect(set.size).toBe(1);
  });

  it("keeps every identity through its growth, and knows each one again", () => {
    const set = new IdentitySet();
    const count = 20_000;
    for (let i = 0; i < count; i++) expect(set.add(named(i))).toBe(true);
    expect(set.size).toBe(count);
    for (let i = 0; i < count; i++) expect(set.add(named(i))).toBe(false);
    expect(set.has(named(count))).toBe(false);
    expect(set.size).toBe(count);
  });

  it("tells apart identities that differ in length only, or in one byte", () => {
    const set = new IdentitySet();
    for (const identity of ["abc", "abcd", "ab", "abd", "", "a"]) {
      expect(set.add(identity)).toBe(true);
    }
    expect(set.size).toBe(6);
    for (const identity of ["abc", "abcd", "ab", "abd", "", "a"]) {
      expect(set.has(identity)).toBe(true);
    }
    expect(set.has("abe")).toBe(false);
  });

  it("takes long lines and text beyond ASCII as they are", () => {
    const set = new IdentitySet();
    const long = "x".repeat(10_000);
    const wide = "ü€😀".repeat(500);
    expect(set.add(long)).toBe(true);
    expect(set.add(wide)).toBe(true);
    expect(set.add(long.slice(1))).toBe(true);
    expect(set.has(long)).toBe(true);
    expect(set.has(wide)).toBe(true);
    expect(set.add(wide)).toBe(false);
    // Once the buffer it keeps them in has grown past its first size, they are still there.
    for (let i = 0; i < 1_000; i++) set.add(named(i));
    expect(set.has(long)).toBe(true);
    expect(set.has(wide)).toBe(true);
  });

  it("keeps an identity that fills a chunk to its end, one longer than a chunk, and an empty one after each", () => {
    const set = new IdentitySet();
    const chunk = 1 << 16;
    const identities = ["x".repeat(chunk), "", "y".repeat(3 * chunk), "z", "w".repeat(chunk - 1)];
    for (const identity of identities) {
      expect(set.add(identity)).toBe(true);
      expect(set.has(identity)).toBe(true);
    }
    expect(set.add("")).toBe(false);
    for (let i = 0; i < 1_000; i++) set.add(named(i));
    for (const identity of identities) expect(set.has(identity)).toBe(true);
    expect(set.has("x".repeat(chunk - 1))).toBe(false);
    expect(set.size).toBe(1_005);
  });

  it("tells apart strings with lone surrogates, which UTF-8 would make alike", () => {
    const set = new IdentitySet();
    expect(set.add("user-\uD800")).toBe(true);
    expect(set.add("user-\uDBFF")).toBe(true);
    expect(set.add("user-\uFFFD")).toBe(true);
    expect(set.add("user-\uD800")).toBe(false);
    expect(set.size).toBe(3);
  });

  it("tells apart identities that are prefixes of each other, however many share a slot's run", () => {
    const set = new IdentitySet();
    const prefixes = Array.from({ length: 2_000 }, (_, i) => "a".repeat(i + 1));
    for (const identity of prefixes) expect(set.add(identity)).toBe(true);
    for (const identity of prefixes) expect(set.add(identity)).toBe(false);
    expect(set.has("a".repeat(2_001))).toBe(false);
    expect(set.size).toBe(2_000);
  });

  it("knows a string with a lone surrogate again whatever was looked up before it", () => {
    const set = new IdentitySet();
    set.add("y".repeat(300));
    expect(set.add("user-\uD800")).toBe(true);
    set.add("z".repeat(300));
    expect(set.add("user-\uD800")).toBe(false);
    expect(set.has("user-\uD800")).toBe(true);
  });
});
