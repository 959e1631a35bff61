import { getEventListeners } from "node:events";
import { describe, expect, it } from "vitest";
import { VerifyError, VerifyPaginationError, type Factor } from "../../src/index.js";
import { MAX_EMPTY_PAGES } from "../../src/paging/step.js";
import { ACCOUNT_SID, AUTH_TOKEN } from "../support/fake-verify.js";
import { clientFor, collect, rejection, sleep, target, until } from "../support/helpers.js";
import { fakeServers } from "../support/server-pool.js";

const fake = fakeServers();

const sids = (factors: readonly unknown[]) => factors.map((f) => (f as Factor).sid);

describe("listing", () => {
  it("yields every factor in order, page by page, with Basic credentials", async () => {
    const server = await fake({ total: 23 });
    const factors = await collect(clientFor(server).listFactors({ ...target, pageSize: 5 }));
    expect(sids(factors)).toStrictEqual(sids(server.factors));
    expect(server.log.map((r) => r.query.Page ?? "0")).toStrictEqual(["0", "1", "2", "3", "4"]);
    const expected = "Basic " + Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString("base64");
    expect(server.log.every((r) => r.authorization === expected)).toBe(true);
    expect(server.log[0]!.path).toBe(
      `/v2/Services/${target.serviceSid}/Entities/${target.identity}/Factors`,
    );
  });

  it("sends no request until iteration starts", async () => {
    const server = await fake({ total: 3 });
    const list = clientFor(server).listFactors(target);
    await sleep(50);
    expect(server.log).toHaveLength(0);
    expect(await list.toArray()).toHaveLength(3);
    expect(server.log).toHaveLength(1);
  });

  it("gives pages with meta and a nextCursor, null on the last", async () => {
    const server = await fake({ total: 7 });
    const pages = await collect(
      clientFor(server)
        .listFactors({ ...target, pageSize: 3 })
        .pages(),
    );
    expect(pages.map((p) => p.factors.length)).toStrictEqual([3, 3, 1]);
    expect(pages.map((p) => p.meta.page)).toStrictEqual([0, 1, 2]);
    expect(pages[0]!.nextCursor).toStrictEqual({ page: 1, pageToken: "PT3_1" });
    expect(pages[2]!.nextCursor).toBeNull();
  });

  it("firstPage() sends exactly one request", async () => {
    const server = await fake({ total: 120 });
    const page = await clientFor(server).listFactors(target).firstPage();
    expect(page.factors).toHaveLength(50);
    await sleep(50);
    expect(server.log).toHaveLength(1);
  });

  it("an items iterator returned early says it is done, and stays done", async () => {
    const server = await fake({ total: 120 });
    const iterator = clientFor(server).listFactors(target)[Symbol.asyncIterator]();
    expect((await iterator.next()).done).toBe(false);
    expect(await iterator.return!()).toStrictEqual({ done: true, value: undefined });
    expect(await iterator.next()).toStrictEqual({ done: true, value: undefined });
  });

  it("an items iterator returned before its first item is done, and asks for nothing", async () => {
    const server = await fake({ total: 120 });
    const iterator = clientFor(server).listFactors(target)[Symbol.asyncIterator]();
    await iterator.return!();
    expect(await iterator.next()).toStrictEqual({ done: true, value: undefined });
    expect(server.log).toHaveLength(0);
  });

  it("an items iterator asked for several items at once gives each item once, in order", async () => {
    const server = await fake({ total: 7 });
    const iterator = clientFor(server)
      .listFactors({ ...target, pageSize: 3 })
      [Symbol.asyncIterator]();
    // The protocol lets a caller ask again before an answer comes: each call gets the next item.
    const results = await Promise.all(Array.from({ length: 9 }, () => iterator.next()));
    expect(results.map((r) => (r.done ? "done" : (r.value as Factor).sid))).toStrictEqual([
      ...sids(server.factors),
      "done",
      "done",
    ]);
  });

  it("an items iterator's call made while an earlier one waits for a page comes after it", async () => {
    const server = await fake({ total: 6 });
    let release = () => {};
    server.fail({ delayMs: 0 }, { heldUntil: new Promise<void>((done) => (release = done)) });
    const iterator = clientFor(server)
      .listFactors({ ...target, pageSize: 2 })
      [Symbol.asyncIterator]();
    const firstTwo = [iterator.next(), iterator.next()];
    const third = iterator.next(); // waits for page 2, which the server holds
    await Promise.all(firstTwo);
    await sleep(20);
    const fourth = iterator.next();
    release();
    const sid = async (result: Promise<IteratorResult<Factor>>) =>
      ((await result).value as Factor).sid;
    expect([await sid(third), await sid(fourth)]).toStrictEqual(sids(server.factors.slice(2, 4)));
  });

  it("an items iterator hands out an item already in memory within one microtask", async () => {
    const server = await fake({ total: 7 });
    const iterator = clientFor(server)
      .listFactors({ ...target, pageSize: 3 })
      [Symbol.asyncIterator]();
    /** Whether `next()` settles by the time one microtask has run, and with what. */
    const inOneTurn = async () => {
      let sid: unknown;
      void iterator.next().then((result) => (sid = (result.value as Factor).sid));
      await null;
      return sid;
    };
    // The first item of each page waits for the page; the rest are in memory by then, each
    // handed out as soon as asked, even right after a call that waited.
    const handedOut: unknown[] = [];
    for (const page of [0, 1]) {
      handedOut.push(((await iterator.next()).value as Factor).sid);
      handedOut.push(await inOneTurn(), await inOneTurn());
      expect(handedOut).toStrictEqual(sids(server.factors.slice(0, 3 * (page + 1))));
    }
  });

  it("an items iterator's call made as an earlier one is answered comes after those before it", async () => {
    const server = await fake({ total: 3 });
    const iterator = clientFor(server)
      .listFactors({ ...target, pageSize: 3 })
      [Symbol.asyncIterator]();
    const sid = (result: IteratorResult<Factor>) => (result.value as Factor).sid;
    // The third call is made the moment the first is answered, while the second still waits its
    // turn with the page in memory: it must not overtake the second.
    let third: Promise<IteratorResult<Factor>> | undefined;
    const first = iterator.next().then((result) => ((third = iterator.next()), result));
    const second = iterator.next();
    const answers = [await first, await second, await third!];
    expect(answers.map(sid)).toStrictEqual(sids(server.factors));
  });

  it("an items iterator returned while items are asked for ends after them", async () => {
    const server = await fake({ total: 7 });
    const list = clientFor(server).listFactors({ ...target, pageSize: 3 });
    // Asks for an item, returns, and asks again, all at once: the item, then done twice.
    const aroundReturn = async (iterator: AsyncIterator<Factor>) => {
      const [item, ended, after] = await Promise.all([
        iterator.next(),
        iterator.return!(),
        iterator.next(),
      ]);
      return [(item.value as Factor).sid, ended, after];
    };
    const done = { done: true, value: undefined };
    // Returned while the first page is awaited, and returned with a page in hand.
    const waiting = list[Symbol.asyncIterator]();
    expect(await aroundReturn(waiting)).toStrictEqual([server.factors[0]!.sid, done, done]);
    const holding = list[Symbol.asyncIterator]();
    await holding.next();
    expect(await aroundReturn(holding)).toStrictEqual([server.factors[1]!.sid, done, done]);
  });

  it("firstPage() lets go of the caller's signal once it has the page", async () => {
    const server = await fake({ total: 120 });
    const controller = new AbortController();
    const list = clientFor(server).listFactors({ ...target, signal: controller.signal });
    await list.firstPage();
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
  });

  it("lists an entity with no factors as one empty page", async () => {
    const server = await fake({ total: 0 });
    expect(await clientFor(server).listFactors(target).toArray()).toStrictEqual([]);
    expect(server.log).toHaveLength(1);
  });

  it("passes a factor_type or field it does not know straight through", async () => {
    const server = await fake({
      total: 2,
      factor: (f, i) => (i === 1 ? { ...f, factor_type: "passkey", config: { rp_id: "x" } } : f),
    });
    const factors = await clientFor(server).listFactors(target).toArray();
    expect(factors[1]!.factor_type).toBe("passkey");
    expect(factors[1]!.config).toStrictEqual({ rp_id: "x" });
  });
});

describe("limit", () => {
  it("asks for PageSize = limit when the limit is under 50 and no pageSize is given", async () => {
    const server = await fake({ total: 100 });
    const factors = await clientFor(server)
      .listFactors({ ...target, limit: 7 })
      .toArray();
    expect(sids(factors)).toStrictEqual(sids(server.factors.slice(0, 7)));
    expect(server.log).toHaveLength(1);
    expect(server.log[0]!.query.PageSize).toBe("7");
  });

  it("never requests a page beyond the limit, prefetch or not", async () => {
    for (const prefetch of [true, false]) {
      const server = await fake({ total: 100 });
      const list = clientFor(server).listFactors({ ...target, pageSize: 10, limit: 30, prefetch });
      expect(sids(await list.toArray())).toStrictEqual(sids(server.factors.slice(0, 30)));
      await sleep(50);
      expect(server.log).toHaveLength(3);
    }
  });

  it("trims the last page to the limit", async () => {
    const server = await fake({ total: 100 });
    const pages = await collect(
      clientFor(server)
        .listFactors({ ...target, pageSize: 10, limit: 25 })
        .pages(),
    );
    expect(pages.map((p) => p.factors.length)).toStrictEqual([10, 10, 5]);
    expect(server.log).toHaveLength(3);
  });
});

describe("prefetch and stopping early", () => {
  it("requests the next page while the caller works on the current one", async () => {
    const server = await fake({ total: 30, latencyMs: 20 });
    // The caller's work on a page that has a next one ends only once the server has that next
    // page's request: without a prefetch it never comes, and until() gives up.
    const askedDuringWork: number[] = [];
    let index = 0;
    for await (const page of clientFor(server)
      .listFactors({ ...target, pageSize: 10 })
      .pages()) {
      index++;
      if (page.nextCursor) await until(() => server.log.length > index);
      askedDuringWork.push(server.log.length);
    }
    expect(askedDuringWork).toStrictEqual([2, 3, 3]);
  });

  it("without prefetch, asks only after the caller is done with the page", async () => {
    const server = await fake({ total: 20, latencyMs: 50 });
    const list = clientFor(server).listFactors({ ...target, pageSize: 10, prefetch: false });
    for await (const page of list.pages()) {
      void page;
      await sleep(100);
    }
    expect(server.log[1]!.at - server.log[0]!.at).toBeGreaterThanOrEqual(145);
  });

  it("on break, aborts the prefetch in flight and sends nothing more", async () => {
    const server = await fake({ total: 100 });
    server.fail({ delayMs: 0 }, { hang: true }); // the prefetch is never answered
    for await (const factor of clientFor(server).listFactors({ ...target, pageSize: 10 })) {
      void factor;
      await until(() => server.log.length === 2); // the prefetch is in flight
      break;
    }
    await until(() => server.log[1]!.aborted);
    await sleep(50);
    expect(server.log).toHaveLength(2);
  });

  it("on an exception in the loop body, does the same", async () => {
    const server = await fake({ total: 100 });
    server.fail({ delayMs: 0 }, { hang: true });
    const boom = new Error("consumer failed");
    const error = await rejection(
      (async () => {
        for await (const factor of clientFor(server).listFactors({ ...target, pageSize: 10 })) {
          void factor;
          await until(() => server.log.length === 2);
          throw boom;
        }
      })(),
    );
    expect(error).toBe(boom);
    await until(() => server.log[1]!.aborted);
    await sleep(50);
    expect(server.log).toHaveLength(2);
  });

  it("without prefetch, asks for a page only when the caller wants it", async () => {
    const server = await fake({ total: 100 });
    const iterator = clientFor(server)
      .listFactors({ ...target, pageSize: 10, prefetch: false })
      [Symbol.asyncIterator]();
    for (let i = 0; i < 10; i++) await iterator.next();
    await sleep(50);
    expect(server.log).toHaveLength(1);
    await iterator.next();
    expect(server.log).toHaveLength(2);
    await iterator.return!();
  });
});

describe("following pages", () => {
  it("asks baseUrl for the page a foreign next_page_url names, and never contacts that origin", async () => {
    const foreign = await fake({ total: 100 });
    const server = await fake({ total: 12, linkOrigin: foreign.url });
    const factors = await clientFor(server)
      .listFactors({ ...target, pageSize: 5 })
      .toArray();
    expect(sids(factors)).toStrictEqual(sids(server.factors));
    expect(server.log).toHaveLength(3);
    expect(server.log[1]!.query).toMatchObject({ PageSize: "5", Page: "1", PageToken: "PT5_1" });
    expect(foreign.log).toHaveLength(0);
  });

  it("goes on past empty pages that still have a next_page_url", async () => {
    const server = await fake({ total: 6, emptyPages: [0, 1, 3] });
    const factors = await clientFor(server)
      .listFactors({ ...target, pageSize: 3 })
      .toArray();
    expect(sids(factors)).toStrictEqual(sids(server.factors));
    expect(server.log).toHaveLength(5);
  });

  it("stops with VerifyPaginationError when next_page_url repeats a cursor", async () => {
    const server = await fake({
      total: 50,
      nextPageUrl: (url, { page }) =>
        page >= 2 ? url!.replace(/Page=\d+&PageToken=PT\d+_\d+/, "Page=1&PageToken=PT5_1") : url,
    });
    const list = clientFor(server).listFactors({ ...target, pageSize: 5 });
    const seen: Factor[] = [];
    const error = await rejection(
      (async () => {
        for await (const factor of list) seen.push(factor);
      })(),
    );
    expect(error).toBeInstanceOf(VerifyPaginationError);
    expect(error.message).toMatch(/repeats/);
    expect(sids(seen)).toStrictEqual(sids(server.factors.slice(0, 15)));
    expect(server.log).toHaveLength(3);
  });

  it("stops with VerifyPaginationError when next_page_url has no PageToken", async () => {
    const server = await fake({
      total: 50,
      nextPageUrl: (url) => url && url.replace(/&PageToken=[^&]+/, ""),
    });
    const error = await rejection(
      clientFor(server)
        .listFactors({ ...target, pageSize: 5 })
        .toArray(),
    );
    expect(error).toBeInstanceOf(VerifyPaginationError);
    expect(error.message).toMatch(/no PageToken.*\(no exact place to resume from\)$/);
    // The page it came with was handed out, and no next page is known: no cursor is honest.
    expect(error.cursor).toBeUndefined();
    expect(server.log).toHaveLength(1);
  });

  it("quotes a huge next_page_url to a bounded length", async () => {
    const huge = `https://verify.twilio.com/${"x".repeat(20 * 1024 * 1024)}`;
    const server = await fake({ total: 50, nextPageUrl: () => huge });
    const error = await rejection(clientFor(server).listFactors(target).toArray());
    expect(error).toBeInstanceOf(VerifyPaginationError);
    expect(error.message.length).toBeLessThan(400);
  });

  it.each([
    [
      "null",
      [null],
      /^HTTP 200 response is not a page of factors: factors\[0\] is null, not an object$/,
    ],
    ["a number", [{ sid: "YF1" }, 1], /factors\[1\] is 1, not an object/],
    ["a string", ["x"], /factors\[0\] is "x" \(1 character\), not an object/],
    ["an array", [[]], /factors\[0\] is an array/],
  ])("a page whose factors hold %s is a VerifyPaginationError", async (_name, factors, message) => {
    const server = await fake({ factors: factors as never });
    const error = await rejection(clientFor(server).listFactors(target).toArray());
    expect(error).toBeInstanceOf(VerifyPaginationError);
    expect(error.message).toMatch(message);
    expect(error.cursor).toStrictEqual({ page: undefined, pageToken: undefined });
  });

  it("stops endless empty pages, each with a fresh token, after MAX_EMPTY_PAGES", async () => {
    const server = await fake({
      total: 10,
      emptyPages: Array.from({ length: 200 }, (_, i) => i + 1),
      nextPageUrl: (url, { page }) =>
        url &&
        url.replace(
          /Page=\d+&PageToken=PT(\d+)_\d+/,
          `Page=${page + 1}&PageToken=PT$1_${page + 1}`,
        ),
    });
    const options = { ...target, pageSize: 5, limit: 7 };
    const got: Factor[] = [];
    const error = await rejection(
      (async () => {
        for await (const factor of clientFor(server).listFactors(options)) got.push(factor);
      })(),
    );
    expect(error).toBeInstanceOf(VerifyPaginationError);
    expect(MAX_EMPTY_PAGES).toBe(50);
    expect(error.message).toMatch(new RegExp(`^${MAX_EMPTY_PAGES} empty pages in a row`));
    expect(server.log).toHaveLength(MAX_EMPTY_PAGES + 1);
    expect(got).toHaveLength(5);
    // An exact place exists (the next page), so the error names it, with what is still owed.
    expect(error.cursor).toStrictEqual({
      page: MAX_EMPTY_PAGES + 1,
      pageToken: `PT5_${MAX_EMPTY_PAGES + 1}`,
      limit: 2,
    });
  });
});

describe("resuming", () => {
  /** The README's recipe: list, and after an error with a cursor, list on from it once. */
  async function recipe(list: (cursor?: object) => AsyncIterable<Factor>) {
    const saved: Factor[] = [];
    try {
      for await (const factor of list()) saved.push(factor);
    } catch (error) {
      if (!(error instanceof VerifyError && error.cursor)) return { saved, error };
      for await (const factor of list(error.cursor)) saved.push(factor);
    }
    return { saved, error: undefined };
  }

  it.each([
    ["a 503 mid-listing", { fault: { status: 503 } }],
    ["an answer that is not JSON", { fault: { html: true } }],
    ["a dropped connection", { fault: { drop: "mid-body" } }],
    ["a broken next_page_url", { breakLinkAt: 2 }],
    ["a next_page_url that loops", { loopAt: 2 }],
  ] as const)("after %s, lists each factor at most once, in order", async (_name, how) => {
    const server = await fake({
      total: 40,
      nextPageUrl: (url, { page }) => {
        if ("breakLinkAt" in how && page === how.breakLinkAt) return "https://verify.twilio.com/";
        if ("loopAt" in how && page === how.loopAt)
          return url!.replace(/Page=.*/, "Page=1&PageToken=PT10_1");
        return url;
      },
    });
    const client = clientFor(server, { maxRetries: 0 });
    const options = { ...target, pageSize: 10 };
    let served = 0;
    const { saved, error } = await recipe((cursor) => ({
      async *[Symbol.asyncIterator]() {
        for await (const factor of client.listFactors({ ...options, ...cursor })) {
          if (++served === 15 && "fault" in how) server.fail(how.fault as never);
          yield factor;
        }
      },
    }));
    expect(new Set(sids(saved)).size).toBe(saved.length);
    expect(sids(saved)).toStrictEqual(sids(server.factors.slice(0, saved.length)));
    // Either the recipe got everything, or the error said there was no exact place to go on from.
    if (error) expect((error as VerifyError).cursor).toBeUndefined();
    else expect(saved).toHaveLength(40);
  });

  it("continues from an error's cursor with nothing lost or repeated", async () => {
    const server = await fake({ total: 40 });
    const client = clientFor(server, { maxRetries: 0 });
    const options = { ...target, pageSize: 10 };
    const got: Factor[] = [];
    const error = await rejection(
      (async () => {
        for await (const factor of client.listFactors(options)) {
          got.push(factor);
          if (got.length === 15) server.fail({ status: 503 });
        }
      })(),
    );
    expect(error.status).toBe(503);
    expect(error.cursor).toStrictEqual({ page: 2, pageToken: "PT20_2" });
    for await (const factor of client.listFactors({ ...options, ...error.cursor }))
      got.push(factor);
    expect(sids(got)).toStrictEqual(sids(server.factors));
  });

  it("with a limit, the cursor carries what is still owed", async () => {
    const server = await fake({ total: 100 });
    const client = clientFor(server, { maxRetries: 0 });
    const options = { ...target, pageSize: 10, limit: 35, prefetch: false };
    const got: Factor[] = [];
    const error = await rejection(
      (async () => {
        for await (const factor of client.listFactors(options)) {
          got.push(factor);
          if (got.length === 10) server.fail({ status: 500 });
        }
      })(),
    );
    expect(error.cursor).toStrictEqual({ page: 1, pageToken: "PT10_1", limit: 25 });
    got.push(...(await client.listFactors({ ...options, ...error.cursor }).toArray()));
    expect(sids(got)).toStrictEqual(sids(server.factors.slice(0, 35)));
  });

  it("continues from a page's nextCursor", async () => {
    const server = await fake({ total: 25 });
    const client = clientFor(server);
    const first = await client.listFactors({ ...target, pageSize: 10 }).firstPage();
    const rest = await client
      .listFactors({ ...target, pageSize: 10, ...first.nextCursor })
      .toArray();
    expect(sids([...first.factors, ...rest])).toStrictEqual(sids(server.factors));
  });
});
