import { describe, expect, it } from "vitest";
import { VerifyPaginationError } from "../src/index.js";
import { cursorAt, LoopGuard, pagingStep, type Position } from "../src/paging.js";

const url = (query: string) =>
  `https://verify.twilio.com/v2/Services/VA/Entities/id/Factors?${query}`;
const none = { has: () => false };
const start: Position = { request: { pageSize: 3 }, remaining: Infinity };

describe("pagingStep", () => {
  it("hands out the page and goes to the page next_page_url names, keeping the page size", () => {
    const step = pagingStep([1, 2, 3], url("Page=1&PageToken=PT3"), start, none);
    expect(step).toEqual({
      items: [1, 2, 3],
      nextCursor: { page: 1, pageToken: "PT3" },
      next: { request: { pageSize: 3, page: 1, pageToken: "PT3" }, remaining: Infinity },
    });
  });

  it("takes the page size the link names over the one asked for", () => {
    const step = pagingStep([1], url("PageSize=7&Page=1&PageToken=PT3"), start, none);
    expect(step.next?.request.pageSize).toBe(7);
  });

  it("ends on the last page", () => {
    expect(pagingStep([1], null, start, none)).toEqual({
      items: [1],
      nextCursor: null,
      next: null,
    });
  });

  it("trims to what is owed and asks for nothing past the limit, though a next page exists", () => {
    const at = { request: {}, remaining: 2 };
    const step = pagingStep([1, 2, 3], url("Page=1&PageToken=PT3"), at, none);
    expect(step.items).toEqual([1, 2]);
    expect(step.nextCursor).toEqual({ page: 1, pageToken: "PT3" });
    expect(step.next).toBeNull();
    expect(step.error).toBeUndefined();
  });

  it("counts down what is owed", () => {
    const step = pagingStep([1, 2], url("PageToken=PT2"), { request: {}, remaining: 5 }, none);
    expect(step.next?.remaining).toBe(3);
  });

  it("goes on past an empty page", () => {
    const step = pagingStep([], url("Page=2&PageToken=PT0"), start, none);
    expect(step.items).toEqual([]);
    expect(step.next?.request.pageToken).toBe("PT0");
  });

  it("hands out the page, then stops with an error, when the link repeats a page", () => {
    const visited = { has: (r: { pageToken?: string }) => r.pageToken === "PT3" };
    const step = pagingStep([1], url("Page=1&PageToken=PT3"), start, visited);
    expect(step.items).toEqual([1]);
    expect(step.next).toBeNull();
    expect(step.error).toBeInstanceOf(VerifyPaginationError);
    expect(step.error?.message).toMatch(/repeats a page already listed \(Page=1, PageToken=PT3\)/);
  });

  it.each([
    ["no PageToken", url("Page=1"), /no PageToken/],
    ["a Page that is not a whole number", url("Page=1.5&PageToken=x"), /Page=1\.5, not a whole/],
    ["a PageSize that is not a whole number", url("PageSize=-1&PageToken=x"), /PageSize=-1/],
    ["a number", 42, /is a number, not a URL/],
    ["no URL at all", "http://[", /is not a URL/],
  ])("hands out the page, then stops with an error, for a link with %s", (_name, link, message) => {
    const step = pagingStep([1], link, start, none);
    expect(step.items).toEqual([1]);
    expect(step.nextCursor).toBeNull();
    expect(step.next).toBeNull();
    expect(step.error).toBeInstanceOf(VerifyPaginationError);
    expect(step.error?.message).toMatch(message);
  });

  it("ignores a broken link once the limit is met", () => {
    const step = pagingStep([1, 2], url("Page=1"), { request: {}, remaining: 2 }, none);
    expect(step.items).toEqual([1, 2]);
    expect(step.error).toBeUndefined();
  });

  it("reads only the link's query: another host changes nothing", () => {
    const step = pagingStep([1], "https://elsewhere.example/x?Page=4&PageToken=T", start, none);
    expect(step.next?.request).toEqual({ pageSize: 3, page: 4, pageToken: "T" });
  });
});

describe("cursorAt", () => {
  it("names the page, and what is owed only when there is a limit", () => {
    expect(
      cursorAt({ request: { page: 2, pageToken: "T", pageSize: 9 }, remaining: Infinity }),
    ).toEqual({ page: 2, pageToken: "T" });
    expect(cursorAt({ request: { page: 2, pageToken: "T" }, remaining: 4 })).toEqual({
      page: 2,
      pageToken: "T",
      limit: 4,
    });
    expect("limit" in cursorAt({ request: {}, remaining: Infinity })).toBe(false);
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

  it("forgets the oldest past its size, so memory stays bounded", () => {
    const guard = new LoopGuard(3);
    for (const token of ["A", "B", "C", "D"]) guard.add({ pageToken: token });
    expect(guard.has({ pageToken: "A" })).toBe(false);
    expect(guard.has({ pageToken: "D" })).toBe(true);
    expect(guard.has({ pageToken: "B" })).toBe(true);
  });
});
