import { getEventListeners } from "node:events";
import { describe, expect, it } from "vitest";
import {
  VerifyApiError,
  VerifyArgumentError,
  VerifyConnectionError,
  VerifyPaginationError,
  type AuditResult,
} from "../../src/index.js";
import { MAX_FACTORS_PER_ENTITY } from "../../src/audit/entity-factors.js";
import { makeFactor } from "../support/fake-verify.js";
import {
  clientFor,
  collect,
  gate,
  noTlsServer,
  rejection,
  signalsKeptBy,
  sleep,
  target,
  until,
} from "../support/helpers.js";
import { fakeServers } from "../support/server-pool.js";

const fake = fakeServers();
const { serviceSid } = target;
const names = (n: number) =>
  Array.from({ length: n }, (_, i) => `user-${String(i).padStart(5, "0")}`);
/** Each identity's own factors: as many as its number modulo 4, their SIDs telling whose. */
const factorsFor = (identity: string) =>
  Array.from({ length: Number(identity.slice(-5)) % 4 }, (_, i) => ({
    ...makeFactor(i),
    identity,
    friendly_name: `${identity}/${i}`,
  }));

const byIdentity = (results: AuditResult[]) =>
  Object.fromEntries(results.map((r) => [r.identity, r.factors?.map((f) => f.friendly_name)]));

const PROTOCOL = "an iterable whose iterator has a next() that gives { done, value } objects";

describe("auditFactors", () => {
  it("fails alone an Entity past MAX_FACTORS_PER_ENTITY factors, its listing stopped; one at it passes", async () => {
    // Two identities: the first has the bound, the second twice as many.
    const factors = Array.from({ length: 2 * MAX_FACTORS_PER_ENTITY }, (_, i) => makeFactor(i));
    const server = await fake({
      factorsFor: (identity) =>
        factors.slice(0, MAX_FACTORS_PER_ENTITY * (1 + Number(identity.slice(-1)))),
    });
    const audit = clientFor(server).auditFactors({
      serviceSid,
      identities: names(2),
      pageSize: 1000,
      concurrency: 1,
    });
    const [atBound, pastIt] = await collect(audit);
    expect(atBound!.factors).toHaveLength(MAX_FACTORS_PER_ENTITY);
    expect(pastIt!.error).toBeInstanceOf(VerifyPaginationError);
    expect(pastIt!.error!.message).toBe(
      `the Entity has more than ${MAX_FACTORS_PER_ENTITY} factors, the most an audit holds for one; list them with listFactors`,
    );
    // The page with the factor past the bound is its 11th; a 12th may have been prefetched.
    const asked = server.log.filter((r) => r.path.includes("user-00001")).length;
    expect([11, 12]).toContain(asked);
  });

  it("lists each identity's factors once, for an array of identities", async () => {
    const server = await fake({ factorsFor });
    const identities = names(30);
    const results = await collect(clientFor(server).auditFactors({ serviceSid, identities }));
    expect(results).toHaveLength(30);
    expect(byIdentity(results)).toStrictEqual(
      Object.fromEntries(identities.map((id) => [id, factorsFor(id).map((f) => f.friendly_name)])),
    );
  });

  it("without identities, audits every Entity of the Service", async () => {
    const identities = names(12);
    const server = await fake({ identities, factorsFor });
    const results = await collect(
      clientFor(server).auditFactors({ serviceSid, pageSize: 5, concurrency: 3 }),
    );
    expect(results.map((r) => r.identity).sort()).toStrictEqual(identities);
    expect(server.log.filter((r) => r.path.endsWith("/Entities"))).toHaveLength(3);
  });

  it("hands results out as they complete, not in input order", async () => {
    const server = await fake({ factorsFor });
    // The first request is answered only after the three others' results are out; handed out in
    // input order, it would wait for them for ever, so it is let go after a while either way.
    const first = gate();
    server.fail({ heldUntil: first.opened });
    const fallback = setTimeout(first.open, 2_000);
    const order: string[] = [];
    for await (const result of clientFor(server).auditFactors({
      serviceSid,
      identities: names(4),
      concurrency: 4,
    })) {
      order.push(result.identity);
      if (order.length === 3) first.open();
    }
    clearTimeout(fallback);
    const held = decodeURIComponent(server.log[0]!.path.split("/")[5]!);
    expect(order).toHaveLength(4);
    expect(order.at(-1)).toBe(held);
  });

  it("reads identities as it needs them, never more than `concurrency` ahead", async () => {
    const server = await fake({ factorsFor, latencyMs: 20 });
    let pulled = 0;
    async function* identities() {
      for (const identity of names(40)) {
        pulled++;
        yield identity;
      }
    }
    const audit = clientFor(server).auditFactors({
      serviceSid,
      identities: identities(),
      concurrency: 5,
    });
    const seen: number[] = [];
    for await (const _result of audit) seen.push(pulled);
    expect(seen[0]).toBeLessThanOrEqual(6);
    expect(Math.max(...seen.map((p, i) => p - i))).toBeLessThanOrEqual(6);
    expect(server.stats.peakInFlight).toBeLessThanOrEqual(5);
  });

  it("an identity that is not a string fails alone, named as what it is, and sends nothing", async () => {
    const server = await fake({ factorsFor });
    // null is what the spec allows an Entity's identity to be, so the type takes it; the rest
    // are what a JavaScript caller may pass anyway.
    const identities = [undefined, 12345678, null, "user-00001"] as unknown as string[];
    const results = await collect(
      clientFor(server).auditFactors({ serviceSid, identities, concurrency: 1 }),
    );
    expect(results.map((r) => [r.index, r.identity, r.error?.message])).toStrictEqual([
      [0, "", expect.stringMatching(/^identity is undefined; it must be a string of 8 to 64/)],
      [1, "", expect.stringMatching(/^identity is 12345678; it must be a string of 8 to 64/)],
      [2, "", expect.stringMatching(/^identity is null; it must be a string of 8 to 64/)],
      [3, "user-00001", undefined],
    ]);
    expect(server.log.map((r) => r.path.split("/")[5])).toStrictEqual(["user-00001"]);
  });

  it("gives a bad identity and a failing one their error results, and goes on", async () => {
    const server = await fake({ factorsFor });
    server.fail({ status: 404 });
    const results = await collect(
      clientFor(server).auditFactors({
        serviceSid,
        identities: ["short", "user-00001", "user-00002"],
        concurrency: 1,
        pageSize: 2,
      }),
    );
    expect(results[0]!.error).toBeInstanceOf(VerifyArgumentError);
    expect(results[1]!.error).toBeInstanceOf(VerifyApiError);
    expect(results[1]!.error!.cursor).toStrictEqual({ page: undefined, pageToken: undefined });
    expect(results[2]!.factors).toHaveLength(2);
  });

  it("asking more concurrency than the server takes is slower, not failed", async () => {
    const server = await fake({ factorsFor, maxInFlight: 5, retryAfter: "1", latencyMs: 20 });
    const results = await collect(
      clientFor(server).auditFactors({ serviceSid, identities: names(60), concurrency: 20 }),
    );
    expect(results.filter((r) => r.error)).toStrictEqual([]);
    expect(results).toHaveLength(60);
    expect(server.stats.throttled).toBeGreaterThan(0);
    expect(server.stats.throttled).toBeLessThan(20);
  });

  it("stops the requests in flight when the caller stops early", async () => {
    const server = await fake({ factorsFor });
    // The first answers at once; the four others never do.
    server.fail({ delayMs: 0 }, ...Array(4).fill({ hang: true }));
    for await (const _result of clientFor(server).auditFactors({
      serviceSid,
      identities: names(10),
      concurrency: 5,
    })) {
      break;
    }
    await until(() => server.log.filter((r) => r.aborted).length >= 4);
    await sleep(50);
    expect(server.log.length).toBeLessThanOrEqual(5);
  });

  it("rejects with the abort when its signal aborts", async () => {
    const server = await fake({ factorsFor, latencyMs: 200 });
    const audit = clientFor(server).auditFactors({
      serviceSid,
      identities: names(10),
      signal: AbortSignal.timeout(50),
    });
    const error = await rejection(collect(audit));
    expect(error.name).toBe("AbortError");
  });

  it("keeps nothing on a long-lived signal: no signal made from it, no listener left", async () => {
    const control = new AbortController();
    AbortSignal.any([control.signal]);
    expect(signalsKeptBy(control.signal)).toBe(1); // the count reads Node's bookkeeping
    const server = await fake({ factorsFor });
    const app = new AbortController();
    const client = clientFor(server);
    for (let round = 0; round < 3; round++) {
      const audit = client.auditFactors({
        serviceSid,
        identities: names(40),
        concurrency: 20,
        signal: app.signal,
      });
      for await (const _result of audit) {
        expect(getEventListeners(app.signal, "abort").length).toBeLessThanOrEqual(2);
      }
    }
    expect(signalsKeptBy(app.signal)).toBe(0);
    expect(getEventListeners(app.signal, "abort")).toHaveLength(0);
  });

  it.each([
    [{ serviceSid: "VA1" }, "serviceSid"],
    [{ serviceSid, concurrency: 0 }, "concurrency"],
    [{ serviceSid, identities: 5 }, "identities"],
    [{ serviceSid, identities: "user-00001" }, "identities"],
    [{ serviceSid, pageSize: 0 }, "pageSize"],
    [{ serviceSid, signal: "x" }, "signal"],
    [{ serviceSid, signal: { aborted: false, addEventListener() {} } }, "signal"],
    [{ serviceSid, maxRetries: -1 }, "maxRetries"],
    [{ serviceSid, timeoutMs: 0 }, "timeoutMs"],
  ])("checks %j at the call", (options, parameter) => {
    const client = clientFor({ url: "http://127.0.0.1:9" });
    try {
      client.auditFactors(options as never);
      throw new Error("no error");
    } catch (error) {
      expect(error).toBeInstanceOf(VerifyArgumentError);
      expect((error as VerifyArgumentError).parameter).toBe(parameter);
    }
  });
});

describe("auditFactors under faults", () => {
  /** The results an audit hands out, and the error it ends with. */
  async function untilFailure(audit: AsyncIterable<AuditResult>) {
    const results: AuditResult[] = [];
    try {
      for await (const result of audit) results.push(result);
    } catch (error) {
      return { results, error };
    }
    throw new Error("the audit did not fail");
  }

  it("an identity source that throws rejects the audit once the identities it gave have their results", async () => {
    const server = await fake({ factorsFor, latencyMs: 50 });
    async function* identities() {
      yield* names(3);
      throw new Error("source broke");
    }
    const audit = clientFor(server).auditFactors({ serviceSid, identities: identities() });
    const { results, error } = await untilFailure(audit);
    expect(error).toMatchObject({ message: "source broke" });
    expect(byIdentity(results)).toStrictEqual(
      byIdentity(
        await collect(clientFor(server).auditFactors({ serviceSid, identities: names(3) })),
      ),
    );
  });

  /** An audit of 50 identities, 3 at a time, that ends with the first few: how it ended. */
  async function auditEndingEarly(server: { url: string }) {
    const identities = names(50);
    const outcome = await untilFailure(
      clientFor(server).auditFactors({ serviceSid, identities, concurrency: 3 }),
    );
    // The identities taken when the first failed have their results; none after them is asked.
    expect(outcome.results.length).toBeGreaterThanOrEqual(1);
    expect(outcome.results.length).toBeLessThanOrEqual(3);
    return outcome;
  }

  it.each([
    [401, 20003, "Authenticate"],
    [403, 20403, "Forbidden"],
  ])(
    "an HTTP %i, which every identity would meet, ends the audit after the identities in flight",
    async (status, code, message) => {
      const server = await fake({ factorsFor });
      const body = JSON.stringify({ code, message, status });
      server.fail(...Array.from({ length: 50 }, () => ({ status, body })));
      const { results, error } = await auditEndingEarly(server);
      expect(error).toBeInstanceOf(VerifyApiError);
      expect(error).toMatchObject({ status, code });
      expect(results.every((r) => r.error instanceof VerifyApiError)).toBe(true);
      expect(server.log).toHaveLength(results.length);
    },
  );

  it("a server TLS refuses ends the audit after the identities in flight, each tried once", async () => {
    const server = await noTlsServer();
    try {
      const { results, error } = await auditEndingEarly(server);
      expect(error).toBeInstanceOf(VerifyConnectionError);
      expect(server.connections()).toBe(results.length);
    } finally {
      await server.close();
    }
  });

  it("an HTTP 404 for one identity is that identity's result, and the audit goes on", async () => {
    const server = await fake({ factorsFor });
    server.fail({ status: 404, body: JSON.stringify({ code: 20404, status: 404 }) });
    const results = await collect(
      clientFor(server).auditFactors({ serviceSid, identities: names(5), concurrency: 1 }),
    );
    const status = (r: AuditResult) => (r.error instanceof VerifyApiError ? r.error.status : 200);
    expect(results.map(status)).toStrictEqual([404, 200, 200, 200, 200]);
  });

  it("an identities iterator that breaks the protocol rejects the audit, naming identities", async () => {
    const server = await fake({ factorsFor });
    for (const result of [5, null]) {
      const broken = { [Symbol.iterator]: () => ({ next: () => result }) };
      const audit = clientFor(server).auditFactors({ serviceSid, identities: broken as never });
      const error = await rejection(collect(audit));
      expect(error).toBeInstanceOf(VerifyArgumentError);
      expect(error.message).toBe(
        `identities gave a next() result that is ${result}; it must be ${PROTOCOL}`,
      );
    }
    expect(server.log).toHaveLength(0);
  });

  it("an identities iterable whose iterator is no iterator rejects the audit, naming identities", async () => {
    const server = await fake({ factorsFor });
    const broken: [unknown, string][] = [
      [{ [Symbol.asyncIterator]: () => null }, "is null"],
      [{ [Symbol.asyncIterator]: () => ({}) }, "is an object"],
      [{ [Symbol.iterator]: () => 7 }, "is 7"],
      [{ [Symbol.iterator]: () => ({ next: "soon" }) }, "is an object"],
    ];
    for (const [identities, what] of broken) {
      const audit = clientFor(server).auditFactors({ serviceSid, identities: identities as never });
      const error = await rejection(collect(audit));
      expect(error).toBeInstanceOf(VerifyArgumentError);
      expect(error.message).toBe(
        `identities gave an iterator that ${what}; it must be ${PROTOCOL}`,
      );
    }
    expect(server.log).toHaveLength(0);
  });

  it("a source whose return() throws leaves the audit's outcome as it was", async () => {
    const server = await fake({ factorsFor });
    const ids = names(3);
    let closed = 0;
    const source: Iterable<string> = {
      [Symbol.iterator]: () => ({
        next: (): IteratorResult<string> =>
          ids.length ? { done: false, value: ids.shift()! } : { done: true, value: undefined },
        return() {
          closed++;
          throw new Error("cannot close");
        },
      }),
    };
    const results = [];
    for await (const result of clientFor(server).auditFactors({ serviceSid, identities: source })) {
      results.push(result);
      break;
    }
    expect(results).toHaveLength(1);
    await until(() => closed === 1);
  });

  it("an Entities listing that fails on page 2 rejects the audit with that error", async () => {
    const server = await fake({ identities: names(12), factorsFor });
    server.fail({ delayMs: 0 }, { status: 404 });
    const audit = clientFor(server).auditFactors({ serviceSid, pageSize: 5, concurrency: 2 });
    const error = await rejection(collect(audit));
    expect(error).toBeInstanceOf(VerifyApiError);
  });

  it("an Entities listing that breaks after page 1 rejects the audit after page 1's results", async () => {
    // Page 1 names no page token to go on with: its Entities are good, the listing ends there.
    const nextPageUrl = (url: string | null) => url && url.replace(/PageToken=[^&]*&?/, "");
    const server = await fake({ identities: names(12), factorsFor, nextPageUrl });
    const audit = clientFor(server).auditFactors({ serviceSid, pageSize: 5, concurrency: 2 });
    const { results, error } = await untilFailure(audit);
    expect(error).toMatchObject({ message: expect.stringMatching(/has no PageToken/) });
    expect(results.map((result) => result.identity).sort()).toStrictEqual(names(5));
  });

  it("hands out finished results while a slow source is still waiting for its next identity", async () => {
    const server = await fake({ factorsFor });
    const source = gate(); // the source's third identity comes only once it is opened
    async function* identities() {
      yield* names(2);
      await source.opened;
      yield "user-00002";
    }
    const results: string[] = [];
    const audit = clientFor(server).auditFactors({ serviceSid, identities: identities() });
    const collecting = (async () => {
      for await (const result of audit) results.push(result.identity);
    })();
    await until(() => results.length === 2);
    expect(results.sort()).toStrictEqual(["user-00000", "user-00001"]);
    source.open();
    await collecting;
    expect(results).toHaveLength(3);
  });

  it("an abort while the source waits ends the audit at once, with nothing after it", async () => {
    const server = await fake({ factorsFor });
    async function* identities() {
      yield "user-00001";
      await new Promise(() => {}); // a pipe that never closes
    }
    const controller = new AbortController();
    const results: string[] = [];
    const audit = clientFor(server).auditFactors({
      serviceSid,
      identities: identities(),
      signal: controller.signal,
    });
    const collecting = (async () => {
      for await (const result of audit) results.push(result.identity);
    })();
    await until(() => results.length === 1); // now the source is waiting
    const aborted = Date.now();
    controller.abort();
    await expect(collecting).rejects.toMatchObject({ name: "AbortError" });
    // Not waiting on the source, which never ends; the bound is loose for a busy machine.
    expect(Date.now() - aborted).toBeLessThan(5_000);
    expect(results).toStrictEqual(["user-00001"]);
  });
});

describe("auditFactors results", () => {
  it("carry each identity's place in the input, whatever order they complete in", async () => {
    const server = await fake({ factorsFor });
    server.fail({ delayMs: 200 });
    const identities = names(6);
    const results = await collect(
      clientFor(server).auditFactors({ serviceSid, identities, concurrency: 6 }),
    );
    expect(results[0]!.index).not.toBe(0);
    expect(
      results.map((r) => [r.index, r.identity]).sort((a, b) => Number(a[0]) - Number(b[0])),
    ).toStrictEqual(identities.map((identity, index) => [index, identity]));
  });
});
