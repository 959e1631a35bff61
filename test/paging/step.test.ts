import { execFileSync } from "node:child_process";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { VerifyPaginationError } from "../../src/index.js";
import { LoopGuard } from "../../src/paging/loop-guard.js";
import { cursorAt, pagingStep, type Position } from "../../src/paging/step.js";
import { loadSpec, root, schemaValidator } from "../support/spec.js";

const url = (query: string) =>
  `https://verify.twilio.com/v2/Services/VA/Entities/id/Factors?${query}`;
const none = { has: () => false };
const start: Position = { pageSize: 3, remaining: Infinity };

describe("pagingStep", () => {
  it("hands out the page and goes to the page next_page_url names, keeping the page size", () => {
    const step = pagingStep([1, 2, 3], url("Page=1&PageToken=PT3"), start, none);
    expect(step).toStrictEqual({
      items: [1, 2, 3],
      nextCursor: { page: 1, pageToken: "PT3" },
      next: { pageSize: 3, page: 1, pageToken: "PT3", remaining: Infinity },
    });
  });

  it("keeps the largest Page a number holds exactly", () => {
    const link = url(`Page=${Number.MAX_SAFE_INTEGER}&PageToken=x`);
    expect(pagingStep([1], link, start, none).nextCursor).toStrictEqual({
      page: Number.MAX_SAFE_INTEGER,
      pageToken: "x",
    });
  });

  it("keeps the page size it asked for, whatever the link says", () => {
    const step = pagingStep([1], url("PageSize=7&Page=1&PageToken=PT3"), start, none);
    expect(step.next).toMatchObject({ pageSize: 3, page: 1, pageToken: "PT3" });
  });

  it("relies on the link's PageToken alone: a Page that is no whole number a number holds is left out", () => {
    for (const link of [
      url("Page=1.5&PageToken=x"),
      url("Page=&PageToken=x"),
      url("PageToken=x"),
      // Past the safe integers a number is rounded: the request would name another page.
      url(`Page=${Number.MAX_SAFE_INTEGER + 2}&PageToken=x`),
    ]) {
      const step = pagingStep([1], link, start, none);
      expect(step.error).toBeUndefined();
      expect(step.nextCursor).toStrictEqual({ pageToken: "x" });
      expect(step.next).toMatchObject({ pageSize: 3, pageToken: "x" });
      expect(step.next).not.toHaveProperty("page");
    }
  });

  it("reads the query alone: a host or path no URL parser takes changes nothing", () => {
    const links = ["go{?SP}|LE:B}&PageToken=u*uW", "?E&PageToken= <,{Y_d", "https://[?PageToken=T"];
    const tokens = links.map((link) => pagingStep([1], link, start, none).nextCursor?.pageToken);
    expect(tokens).toStrictEqual(["u*uW", " <,{Y_d", "T"]);
  });

  it("takes the first PageToken that is not empty", () => {
    const step = pagingStep([1], url("PageToken=&PageToken=T2"), start, none);
    expect(step.nextCursor).toStrictEqual({ pageToken: "T2" });
  });

  it("ends on the last page", () => {
    expect(pagingStep([1], null, start, none)).toStrictEqual({
      items: [1],
      nextCursor: null,
      next: null,
    });
  });

  it("trims to what is owed and asks for nothing past the limit, though a next page exists", () => {
    const at = { remaining: 2 };
    const step = pagingStep([1, 2, 3], url("Page=1&PageToken=PT3"), at, none);
    expect(step.items).toStrictEqual([1, 2]);
    expect(step.nextCursor).toStrictEqual({ page: 1, pageToken: "PT3" });
    expect(step.next).toBeNull();
    expect(step.error).toBeUndefined();
  });

  it("counts down what is owed", () => {
    const step = pagingStep([1, 2], url("PageToken=PT2"), { remaining: 5 }, none);
    expect(step.next?.remaining).toBe(3);
  });

  it("goes on past an empty page", () => {
    const step = pagingStep([], url("Page=2&PageToken=PT0"), start, none);
    expect(step.items).toStrictEqual([]);
    expect(step.next?.pageToken).toBe("PT0");
  });

  it("hands out the page, then stops with an error, when the link repeats a page", () => {
    const visited = { has: (r: { pageToken?: string }) => r.pageToken === "PT3" };
    const step = pagingStep([1], url("Page=1&PageToken=PT3"), start, visited);
    expect(step.items).toStrictEqual([1]);
    expect(step.next).toBeNull();
    expect(step.error).toBeInstanceOf(VerifyPaginationError);
    expect(step.error?.message).toMatch(/repeats a page already listed \(Page=1, PageToken=PT3\)/);
  });

  it("names a repeated page with no Page index by its PageToken alone", () => {
    const visited = { has: (r: { pageToken?: string }) => r.pageToken === "PT3" };
    const step = pagingStep([1], url("PageToken=PT3"), start, visited);
    expect(step.error?.message).toMatch(/repeats a page already listed \(PageToken=PT3\)/);
  });

  it.each([
    ["no PageToken", url("Page=1"), /no PageToken/],
    ["an empty PageToken", url("Page=1&PageToken="), /no PageToken/],
    ["a PageToken only in its fragment", "https://x/y#?PageToken=T", /no PageToken/],
    ["no query at all", "PageToken=T", /no PageToken/],
    ["a number", 42, /next_page_url is 42, not a URL or null/],
    ["no next_page_url at all", undefined, /next_page_url is undefined, not a URL or null/],
  ])("hands out the page, then stops with an error, for a link with %s", (_name, link, message) => {
    const step = pagingStep([1], link, start, none);
    expect(step.items).toStrictEqual([1]);
    expect(step.nextCursor).toBeNull();
    expect(step.next).toBeNull();
    expect(step.error).toBeInstanceOf(VerifyPaginationError);
    expect(step.error?.message).toMatch(message);
  });

  it("ignores a broken link once the limit is met", () => {
    const step = pagingStep([1, 2], url("Page=1"), { remaining: 2 }, none);
    expect(step.items).toStrictEqual([1, 2]);
    expect(step.error).toBeUndefined();
  });

  it("reads only the link's query: another host changes nothing", () => {
    const step = pagingStep([1], "https://elsewhere.example/x?Page=4&PageToken=T", start, none);
    expect(step.next).toMatchObject({ pageSize: 3, page: 4, pageToken: "T" });
  });
});

describe("the spec and the paging step agree on next_page_url", () => {
  const spec = loadSpec();
  const { pattern } = spec.components.schemas.PageMeta.properties.next_page_url;
  const valid = schemaValidator(spec)("#/components/schemas/PageMeta/properties/next_page_url");

  it("every next_page_url the spec allows is one the listing follows", () => {
    fc.assert(
      fc.property(fc.stringMatching(new RegExp(pattern)), (link) => {
        expect(valid(link), JSON.stringify(valid.errors)).toBe(true);
        const step = pagingStep([1], link, start, none);
        expect(step.error).toBeUndefined();
        expect(step.next?.pageToken).toStrictEqual(expect.stringMatching(/^[\s\S]+$/));
      }),
      { numRuns: 2000 },
    );
  });

  it("and a link the listing refuses is one the pattern refuses too", () => {
    for (const link of [url("Page=1"), url("PageToken="), "https://x/y#?PageToken=T"]) {
      expect(new RegExp(pattern).test(link)).toBe(false);
      expect(pagingStep([1], link, start, none).error).toBeInstanceOf(VerifyPaginationError);
    }
  });
});

describe("cursorAt", () => {
  it("names the page, and what is owed only when there is a limit", () => {
    expect(cursorAt({ page: 2, pageToken: "T", pageSize: 9, remaining: Infinity })).toStrictEqual({
      page: 2,
      pageToken: "T",
    });
    expect(cursorAt({ page: 2, pageToken: "T", remaining: 4 })).toStrictEqual({
      page: 2,
      pageToken: "T",
      limit: 4,
    });
    expect("limit" in cursorAt({ remaining: Infinity })).toBe(false);
  });
});

describe("LoopGuard", () => {
  it("knows the pages added, by page and token, not page size", () => {
    const guard = new LoopGuard();
    guard.add({ page: 1, pageToken: "A", pageSize: 5 });
    expect(guard.has({ page: 1, pageToken: "A", pageSize: 50 })).toBe(true);
    expect(guard.has({ page: 2, pageToken: "A" })).toBe(false);
    expect(guard.has({ page: 1, pageToken: "B" })).toBe(false);
  });

  it("holds no token: its memory does not grow with the tokens' length", () => {
    // In a fresh process with a collector to call, as the built package: 2,000 pages with a
    // distinct 64 KiB token each would hold 128 MiB if the guard kept the tokens.
    const paging = resolve(root, "dist/esm/src/paging/loop-guard.js");
    const script = `
      import { randomBytes } from "node:crypto";
      import { LoopGuard } from ${JSON.stringify(pathToFileURL(paging).href)};
      const guard = new LoopGuard();
      gc();
      const before = process.memoryUsage().heapUsed;
      for (let page = 0; page < 2000; page++) {
        guard.add({ page, pageToken: randomBytes(32 * 1024).toString("hex") });
      }
      gc();
      console.log(process.memoryUsage().heapUsed - before);
      console.log(guard.has({ page: 7, pageToken: "not one of them" }));
    `;
    const out = execFileSync(
      process.execPath,
      ["--expose-gc", "--input-type=module", "-e", script],
      { encoding: "utf8" },
    );
    const [grown, found] = out.trim().split("\n");
    expect(Number(grown)).toBeLessThan(8 * 1024 * 1024);
    expect(found).toBe("false");
  });

  it("forgets the oldest past its size, so memory stays bounded", () => {
    const guard = new LoopGuard(3);
    for (const token of ["A", "B", "C", "D"]) guard.add({ pageToken: token });
    expect(guard.has({ pageToken: "A" })).toBe(false);
    expect(guard.has({ pageToken: "D" })).toBe(true);
    expect(guard.has({ pageToken: "B" })).toBe(true);
  });

  it("remembers the last 10,000 pages by default", () => {
    const guard = new LoopGuard();
    for (let page = 0; page <= 10_000; page++) guard.add({ page, pageToken: `T${page}` });
    expect(guard.has({ page: 0, pageToken: "T0" })).toBe(false);
    expect(guard.has({ page: 1, pageToken: "T1" })).toBe(true);
  });
});
