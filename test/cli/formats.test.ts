import { describe, expect, it } from "vitest";
import { createFormat } from "../../src/cli/formats.js";
import type { Factor } from "../../src/index.js";
import { makeFactor } from "../support/fake-verify.js";

const factors = [0, 1, 2].map((i) => makeFactor(i) as unknown as Factor);
const fields = ["sid", "friendly_name", "metadata"];

/** Everything a format writes for `pages`, start to end. */
function render(name: Parameters<typeof createFormat>[0], pages: Factor[][], pick = false) {
  const format = createFormat(name, fields, pick);
  return format.start() + pages.map((page) => format.page(page)).join("") + format.end();
}

describe("output formats", () => {
  it("json is one array across pages, and [] for none", () => {
    expect(JSON.parse(render("json", [factors.slice(0, 2), [], factors.slice(2)]))).toEqual(
      factors,
    );
    expect(render("json", [[]])).toBe("[]\n");
  });

  it("json and ndjson keep whole factors, or the fields picked", () => {
    const lines = render("ndjson", [factors]).trimEnd().split("\n");
    expect(lines.map((l) => JSON.parse(l))).toEqual(factors);
    const picked = JSON.parse(render("json", [factors], true));
    expect(Object.keys(picked[0])).toEqual(fields);
  });

  it("tsv has a header of field names and escapes tabs and line breaks in cells", () => {
    const odd = { ...factors[0]!, friendly_name: "a\tb\nc\rd" } as Factor;
    const text = render("tsv", [[odd]]);
    expect(text).toBe(
      `sid\tfriendly_name\tmetadata\n${odd.sid}\ta\\u0009b\\u000ac\\u000dd\t{"os":"Android"}\n`,
    );
  });

  it("tsv doubles a backslash of the value's own, so an escape it writes reads as one", () => {
    const tab = { ...factors[0]!, friendly_name: "a\tb" } as Factor;
    const spelt = { ...factors[0]!, friendly_name: "a\\u0009b", metadata: { k: 'q"\\' } } as Factor;
    const [, first, second] = render("tsv", [[tab, spelt]]).split("\n");
    expect(first).toBe(`${tab.sid}\ta\\u0009b\t{"os":"Android"}`);
    expect(second).toBe(`${spelt.sid}\ta\\\\u0009b\t{"k":"q\\\\"\\\\\\\\"}`);
  });

  // A friendly_name is set on the end user's device: it is the server's text, not ours.
  const hostile = [
    ["ESC/CSI (clear screen)", "\u001b[2J\u001b[H"],
    ["OSC 52 (clipboard write)", "\u001b]52;c;ZWNobyBoaQ==\u0007"],
    ["OSC 8 (link)", "\u001b]8;;https://example.invalid\u001b\\click\u001b]8;;\u001b\\"],
    ["a newline forging a row", "real\nYFforged  fake  verified"],
    ["a carriage return overwriting one", "real\rforged"],
    ["a C1 CSI", "\u009b2J"],
    ["a bidi override", "abc\u202edcba"],
    ["DEL and NUL", "a\u007fb\u0000c"],
  ] as const;

  it.each(hostile)("table and tsv write %s visibly, one record a line", (_name, name) => {
    const odd = { ...factors[0]!, friendly_name: name, metadata: { os: name } } as Factor;
    for (const format of ["table", "tsv"] as const) {
      const text = render(format, [[odd, factors[1]!]]);
      // Only the tabs and line ends the format makes itself.
      expect(text).not.toMatch(
        /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/,
      );
      const lines = text.split("\n").slice(0, -1);
      expect(lines).toHaveLength(3);
      const tabs = format === "tsv" ? fields.length - 1 : 0;
      expect(lines.map((line) => line.split("\t").length - 1)).toEqual([tabs, tabs, tabs]);
      expect(text).toMatch(/\\u00(1b|0a|0d|9b|7f|00)|\\u202e/);
    }
  });

  it.each(hostile)("json and ndjson keep %s exact", (_name, name) => {
    const odd = { ...factors[0]!, friendly_name: name } as Factor;
    expect(JSON.parse(render("json", [[odd]]))[0].friendly_name).toBe(name);
    expect(JSON.parse(render("ndjson", [[odd]])).friendly_name).toBe(name);
  });

  it("table titles the columns and sizes them to the first page", () => {
    const lines = render("table", [factors]).trimEnd().split("\n");
    expect(lines[0]).toMatch(/^SID {33}Friendly Name {2}Metadata$/);
    expect(lines[1]).toBe(`${factors[0]!.sid}  device 0       {"os":"Android"}`);
    expect(lines).toHaveLength(4);
  });

  it("table pads a column to 60 characters at most: a longer cell is written whole, past it", () => {
    const long = "x".repeat(100_000);
    const page = [{ ...factors[0]!, friendly_name: long } as Factor, factors[0]!];
    const lines = render("table", [page]).trimEnd().split("\n");
    expect(lines[1]).toBe(`${factors[0]!.sid}  ${long}  {"os":"Android"}`);
    expect(lines[2]).toBe(`${factors[0]!.sid}  ${"device 0".padEnd(60)}  {"os":"Android"}`);
    expect(Math.max(...lines.filter((l) => !l.includes(long)).map((l) => l.length))).toBeLessThan(
      120,
    );
  });

  it("a factor nested deeper than JSON can be written is an error naming it, in every format", () => {
    const deep = JSON.parse("[".repeat(100_000) + "]".repeat(100_000));
    const factor = { ...factors[0]!, metadata: deep } as Factor;
    for (const name of ["json", "ndjson", "tsv", "table"] as const) {
      expect(() => render(name, [[factor]])).toThrow(
        `factor ${factor.sid} is nested too deeply to write as JSON`,
      );
    }
  });

  it("names such a factor by its sid as JSON when the sid is an object String cannot convert", () => {
    const deep = JSON.parse("[".repeat(100_000) + "]".repeat(100_000));
    const factor = { ...factors[0]!, sid: { toString: 1 }, metadata: deep } as unknown as Factor;
    expect(() => render("ndjson", [[factor]])).toThrow(
      'factor {"toString":1} is nested too deeply to write as JSON',
    );
  });

  it("table writes its header once, with the first page, even an empty one", () => {
    const text = render("table", [[], factors.slice(0, 1)]);
    expect(text.match(/^SID/gm)).toHaveLength(1);
  });
});
