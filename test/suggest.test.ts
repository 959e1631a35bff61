import { describe, expect, it } from "vitest";
import { closest, editDistance } from "../src/suggest.js";

describe("editDistance", () => {
  it.each([
    ["", "", 0],
    ["", "abc", 3],
    ["abc", "", 3],
    ["identity", "identity", 0],
    ["identity", "identities", 3],
    ["page-sise", "page-size", 1],
    ["kitten", "sitting", 3],
    ["ab", "ba", 2],
  ])("from %j to %j is %i", (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance);
    expect(editDistance(b, a)).toBe(distance);
  });
});

describe("closest", () => {
  const flags = ["identity", "identities", "page-size", "page", "status"];

  it("names the nearest known name", () => {
    expect(closest("identites", flags)).toBe("identities");
    expect(closest("idenity", flags)).toBe("identity");
    expect(closest("statu", flags)).toBe("status");
  });

  it("does not count case: a name in capitals is the same name", () => {
    expect(closest("PAGE-SIZE", flags)).toBe("page-size");
    expect(closest("Statsu", flags)).toBe("status");
  });

  it("allows a third of the name's length, and at least two edits", () => {
    expect(closest("pgae", flags)).toBe("page");
    expect(closest("paxxxxxxx", flags)).toBeUndefined();
    expect(closest("sxxxus", flags)).toBeUndefined();
    expect(closest("xyz", flags)).toBeUndefined();
  });

  it("names the one known name that begins with a shortened one, from 3 characters on", () => {
    expect(closest("identit", flags)).toBe("identity");
    expect(closest("sta", ["service-sid", "status"])).toBe("status");
    expect(closest("servic", ["service-sid", "status"])).toBe("service-sid");
    expect(closest("SERVIC", ["service-sid", "status"])).toBe("service-sid");
  });

  it("names none when a shortened name begins several, or is under 3 characters", () => {
    expect(closest("ident", ["identity-file", "identities-file"])).toBeUndefined();
    expect(closest("se", ["service-sid"])).toBeUndefined();
  });
});
