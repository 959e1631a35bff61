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

  it("tsv has a header of field names and flattens tabs and newlines in cells", () => {
    const odd = { ...factors[0]!, friendly_name: "a\tb\nc" } as Factor;
    const text = render("tsv", [[odd]]);
    expect(text).toBe(`sid\tfriendly_name\tmetadata\n${odd.sid}\ta b c\t{"os":"Android"}\n`);
  });

  it("table titles the columns and sizes them to the first page", () => {
    const lines = render("table", [factors]).trimEnd().split("\n");
    expect(lines[0]).toMatch(/^SID {33}Friendly Name {2}Metadata$/);
    expect(lines[1]).toBe(`${factors[0]!.sid}  device 0       {"os":"Android"}`);
    expect(lines).toHaveLength(4);
  });

  it("table writes its header once, with the first page, even an empty one", () => {
    const text = render("table", [[], factors.slice(0, 1)]);
    expect(text.match(/^SID/gm)).toHaveLength(1);
  });
});
