import { describe, expect, it } from "vitest";
import {
  VerifyAbortError,
  VerifyApiError,
  VerifyConnectionError,
  VerifyPaginationError,
  VerifyTimeoutError,
} from "../../src/index.js";
import { createRateBudget } from "../../src/http/rate-budget.js";
import { createRetryingFetch } from "../../src/http/retrying-fetch.js";
import { resolveClientOptions } from "../../src/options/resolve.js";
import {
  ACCOUNT_SID,
  AUTH_TOKEN,
  IDENTITY,
  SERVICE_SID,
  type FakeVerify,
} from "../support/fake-verify.js";
import { clientFor, noTlsServer, rejection, sleep, target, until } from "../support/helpers.js";
import { fakeServers } from "../support/server-pool.js";

const fake = fakeServers();

/** The retrying fetch alone, with a wait that records instead of sleeping. */
function recordingFetch(server: FakeVerify, maxRetries = 2) {
  const waits: number[] = [];
  const settings = resolveClientOptions({
    accountSid: ACCOUNT_SID,
    authToken: AUTH_TOKEN,
    baseUrl: server.url,
    maxRetries,
    timeoutMs: 5_000,
    maxResponseBytes: 1024 * 1024,
  });
  const fetch = createRetryingFetch(settings, createRateBudget(), async (ms) => {
    waits.push(ms);
  });
  return { fetch, waits };
}

const pageOf = (server: FakeVerify) =>
  new Request(`${server.url}/v2/Services/${SERVICE_SID}/Entities/${IDENTITY}/Factors`);

describe("retries", () => {
  it.each([429, 500, 502, 503, 504])("retries %i and then succeeds", async (status) => {
    const server = await fake({ total: 3 });
    server.fail({ status, retryAfter: "0" });
    expect(await clientFor(server).listFactors(target).toArray()).toHaveLength(3);
    expect(server.log).toHaveLength(2);
  });

  it("waits as long as Retry-After says (seconds)", async () => {
    const server = await fake({ total: 3 });
    server.fail({ status: 429, retryAfter: "1" });
    const { fetch, waits } = recordingFetch(server);
    expect((await fetch(pageOf(server))).status).toBe(200);
    expect(waits).toStrictEqual([1000]);
    expect(server.log).toHaveLength(2);
  });

  it("waits until a Retry-After HTTP date", async () => {
    const server = await fake({ total: 3 });
    // Far enough ahead that however long this machine takes to get there, the date is still
    // ahead; the wait is recorded, not waited out.
    const asked = new Date(Date.now() + 30_000);
    server.fail({ status: 503, retryAfter: asked.toUTCString() });
    const { fetch, waits } = recordingFetch(server);
    expect((await fetch(pageOf(server))).status).toBe(200);
    // HTTP dates have whole seconds, and the client reads the date when the response comes.
    expect(waits).toHaveLength(1);
    expect(waits[0]).toBeGreaterThan(20_000);
    expect(waits[0]).toBeLessThanOrEqual(30_000);
  });

  it("backs off for a Retry-After that is neither seconds nor an HTTP-date (-1, 1.5)", async () => {
    const server = await fake({ total: 3 });
    server.fail({ status: 429, retryAfter: "-1" }, { status: 503, retryAfter: "1.5" });
    const { fetch, waits } = recordingFetch(server);
    expect((await fetch(pageOf(server))).status).toBe(200);
    expect(waits).toHaveLength(2);
    expect(waits[0]).toBeGreaterThanOrEqual(375);
    expect(waits[1]).toBeGreaterThanOrEqual(750);
  });

  it("backs off exponentially without Retry-After", async () => {
    const server = await fake({ total: 3 });
    server.fail({ status: 429 }, { status: 429 });
    const { fetch, waits } = recordingFetch(server);
    expect((await fetch(pageOf(server))).status).toBe(200);
    // 0.5 s then 1 s, each with up to 25 % jitter off.
    expect(waits).toHaveLength(2);
    expect(waits[0]).toBeGreaterThanOrEqual(375);
    expect(waits[0]).toBeLessThanOrEqual(500);
    expect(waits[1]).toBeGreaterThanOrEqual(750);
    expect(waits[1]).toBeLessThanOrEqual(1000);
    expect(server.log).toHaveLength(3);
  });

  it("the client's own wait honours Retry-After in real time", async () => {
    const server = await fake({ total: 3 });
    server.fail({ status: 429, retryAfter: "1" });
    const started = Date.now();
    await clientFor(server).listFactors(target).toArray();
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(server.log).toHaveLength(2);
  });

  it("gives up after maxRetries with the last answer as a VerifyApiError", async () => {
    const server = await fake({ total: 3 });
    server.fail(
      { status: 503, retryAfter: "0" },
      { status: 503, retryAfter: "0" },
      { status: 429, retryAfter: "0", requestId: "RQ" + "f".repeat(32) },
    );
    const error = await rejection(clientFor(server).listFactors(target).toArray());
    expect(error).toBeInstanceOf(VerifyApiError);
    expect(error).toMatchObject({ status: 429, code: 20429, retryAfterMs: 0 });
    expect(error.requestId).toBe("RQ" + "f".repeat(32));
    expect(server.log).toHaveLength(3);
  });

  it("does not retry at all with maxRetries: 0", async () => {
    const server = await fake({ total: 3 });
    server.fail({ status: 500 });
    const error = await rejection(
      clientFor(server, { maxRetries: 0 }).listFactors(target).toArray(),
    );
    expect(error.status).toBe(500);
    expect(server.log).toHaveLength(1);
  });

  it.each([400, 401, 403, 404, 409, 422])("never retries %i", async (status) => {
    const server = await fake({ total: 3 });
    server.fail({ status });
    const error = await rejection(clientFor(server).listFactors(target).toArray());
    expect(error).toBeInstanceOf(VerifyApiError);
    expect(error.status).toBe(status);
    expect(server.log).toHaveLength(1);
  });

  it("retries a dropped connection, before headers and mid-body", async () => {
    const server = await fake({ total: 30 });
    server.fail({ drop: "before-headers" }, { drop: "mid-body" });
    const factors = await clientFor(server)
      .listFactors({ ...target, pageSize: 30 })
      .toArray();
    expect(factors).toHaveLength(30);
    expect(server.log).toHaveLength(3);
  });

  it("ends a connection that keeps failing with VerifyConnectionError and its cause", async () => {
    const server = await fake({ total: 3 });
    server.fail({ drop: "before-headers" }, { drop: "before-headers" });
    const error = await rejection(
      clientFor(server, { maxRetries: 1 }).listFactors(target).toArray(),
    );
    expect(error).toBeInstanceOf(VerifyConnectionError);
    expect(error).not.toBeInstanceOf(VerifyTimeoutError);
    expect(error.cause).toBeDefined();
    expect(error.cursor).toStrictEqual({ page: undefined, pageToken: undefined });
    expect(server.log).toHaveLength(2);
  });

  it("treats a status no Response can hold (here 999) as a failed connection that names it", async () => {
    const server = await fake({ total: 3 });
    server.fail({ status: 999, body: "{}" });
    const client = clientFor(server, { maxRetries: 0 });
    const error = await rejection(client.listFactors(target).toArray());
    expect(error).toBeInstanceOf(VerifyConnectionError);
    expect(error.message).toBe(
      `GET ${new URL(server.url).origin}: responded with status 999, not an HTTP status of 200 to 599`,
    );
    expect(await client.listFactors(target).toArray()).toHaveLength(3);
  });

  it("does not try again when TLS refuses the server: here, one that speaks no TLS", async () => {
    const server = await noTlsServer();
    try {
      const client = clientFor(server, { maxRetries: 2 });
      const error = await rejection(client.listFactors(target).toArray());
      expect(error).toBeInstanceOf(VerifyConnectionError);
      expect(error.message).toMatch(/connection failed \(.*wrong version number/);
      expect(server.connections()).toBe(1);
    } finally {
      await server.close();
    }
  });

  it("gives up on a connection that cannot be made", async () => {
    const server = await fake();
    const url = server.url;
    await server.close();
    const client = clientFor({ url }, { maxRetries: 0 });
    const error = await rejection(client.listFactors(target).toArray());
    expect(error).toBeInstanceOf(VerifyConnectionError);
    expect(error.message).toMatch(/connection failed/);
  });
});

describe("timeouts", () => {
  it("bounds each attempt by timeoutMs and retries the ones that run out", async () => {
    const server = await fake({ total: 3 });
    server.fail({ hang: true });
    const started = Date.now();
    const factors = await clientFor(server, { timeoutMs: 200 }).listFactors(target).toArray();
    expect(factors).toHaveLength(3);
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
    expect(server.log).toHaveLength(2);
    expect(server.log[0]!.aborted).toBe(true);
  });

  it("throws VerifyTimeoutError when every attempt runs out", async () => {
    const server = await fake({ total: 3 });
    server.fail({ hang: true }, { hang: true });
    const client = clientFor(server, { timeoutMs: 100, maxRetries: 1 });
    const error = await rejection(client.listFactors(target).toArray());
    expect(error).toBeInstanceOf(VerifyTimeoutError);
    expect(error).toBeInstanceOf(VerifyConnectionError);
    expect(error.message).toMatch(/100 ms/);
    expect(server.log).toHaveLength(2);
  });
});

describe("cancellation", () => {
  it("rejects with an AbortError when the signal aborts mid-request, and sends nothing more", async () => {
    const server = await fake({ total: 100 });
    server.fail({ hang: true });
    const controller = new AbortController();
    const list = clientFor(server).listFactors({ ...target, signal: controller.signal });
    const listing = rejection(list.toArray());
    await until(() => server.log.length === 1); // mid-request: the server has it, unanswered
    controller.abort();
    const error = await listing;
    expect(error).toBeInstanceOf(VerifyAbortError);
    expect(error.name).toBe("AbortError");
    expect(error.cause).toBe(controller.signal.reason);
    expect(error.cursor).toStrictEqual({ page: undefined, pageToken: undefined });
    await until(() => server.log[0]!.aborted);
    await sleep(50);
    expect(server.log).toHaveLength(1);
  });

  it("keeps the signal's own reason as the cause, and the raw client rejects with it", async () => {
    const server = await fake({ total: 100 });
    server.fail({ hang: true });
    const reason = new Error("user closed the page");
    const controller = new AbortController();
    const listing = rejection(
      clientFor(server)
        .listFactors({ ...target, signal: controller.signal })
        .toArray(),
    );
    await until(() => server.log.length === 1);
    controller.abort(reason);
    const error = await listing;
    expect(error.cause).toBe(reason);
    expect(error.message).toBe("the listing was aborted: user closed the page");
    const raw = await rejection(
      clientFor(server).api.GET("/v2/Services/{ServiceSid}/Entities/{Identity}/Factors", {
        params: { path: { ServiceSid: target.serviceSid, Identity: target.identity } },
        signal: AbortSignal.abort(reason),
      }),
    );
    expect(raw).toBe(reason);
  });

  it("keeps an error the response itself gave, though the signal aborted after it came", async () => {
    const server = await fake({ total: 100 });
    server.fail({ status: 404 });
    const controller = new AbortController();
    const client = clientFor(server);
    // The abort comes once the response is in hand: the listing fails for the 404, not the abort.
    client.api.use({ onResponse: () => void controller.abort() });
    const error = await rejection(
      client.listFactors({ ...target, signal: controller.signal }).toArray(),
    );
    expect(controller.signal.aborted).toBe(true);
    expect(error).toBeInstanceOf(VerifyApiError);
    expect(error.status).toBe(404);
  });

  it("gives each listing on a shared signal its own error and cursor", async () => {
    const server = await fake({ total: 100 });
    server.fail({ hang: true }, { hang: true });
    const controller = new AbortController();
    const client = clientFor(server);
    const listing = (limit: number) =>
      rejection(client.listFactors({ ...target, limit, signal: controller.signal }).toArray());
    const errors = Promise.all([listing(30), listing(40)]);
    await until(() => server.log.length === 2);
    controller.abort();
    const [a, b] = await errors;
    expect(a).not.toBe(b);
    expect(a.cause).toBe(b.cause);
    expect(a.cursor.limit).toBe(30);
    expect(b.cursor.limit).toBe(40);
  });

  it("lets many listings share one signal without a listener warning", async () => {
    const server = await fake({ total: 3 });
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on("warning", onWarning);
    try {
      const controller = new AbortController();
      const client = clientFor(server);
      // Five times the 10 listeners on one signal past which Node warns.
      const lists = Array.from({ length: 50 }, () =>
        client.listFactors({ ...target, signal: controller.signal }).toArray(),
      );
      expect((await Promise.all(lists)).every((factors) => factors.length === 3)).toBe(true);
      await sleep(10);
    } finally {
      process.off("warning", onWarning);
    }
    expect(warnings.map((w) => w.name)).not.toContain("MaxListenersExceededWarning");
  });

  it("sends nothing for an already aborted signal", async () => {
    const server = await fake({ total: 3 });
    const error = await rejection(
      clientFor(server)
        .listFactors({ ...target, signal: AbortSignal.abort() })
        .toArray(),
    );
    expect(error.name).toBe("AbortError");
    expect(server.log).toHaveLength(0);
  });

  it("cuts a Retry-After wait short", async () => {
    const server = await fake({ total: 3 });
    server.fail({ status: 429, retryAfter: "30" });
    const controller = new AbortController();
    const client = clientFor(server);
    const listing = rejection(
      client.listFactors({ ...target, signal: controller.signal }).toArray(),
    );
    await until(() => client.throttled() === 1); // the 429 is in: its 30 s wait has begun
    const aborted = Date.now();
    controller.abort(new DOMException("enough", "TimeoutError"));
    const error = await listing;
    expect(error.cause.name).toBe("TimeoutError");
    // Well short of the 30-s wait, however busy the machine.
    expect(Date.now() - aborted).toBeLessThan(10_000);
    expect(server.log).toHaveLength(1);
  });
});

describe("answers that are not a page", () => {
  it.each([
    ["an HTML 200", { html: true } as const, /not JSON \(text\/html\)/],
    ["truncated JSON", { truncated: true } as const, /not JSON/],
    [
      "JSON without factors",
      { status: 200, body: '{"meta":{}}' },
      /^HTTP 200 response is not a page of factors \(no "factors" array or no "meta" object\): \{"meta":\{\}\}$/,
    ],
    ["JSON without meta", { status: 200, body: '{"factors":[]}' }, /not a page of factors/],
    ["an empty body", { status: 200, body: "" }, /not JSON/],
    [
      "JSON nested deeper than it can be written back",
      { status: 200, body: "[".repeat(100_000) + "]".repeat(100_000) },
      /not a page of factors .*: \(JSON nested too deeply to write back\)$/,
    ],
  ])("%s is a VerifyPaginationError with a cursor", async (_name, fault, message) => {
    const server = await fake({ total: 30 });
    const client = clientFor(server);
    const first = await client.listFactors({ ...target, pageSize: 10 }).firstPage();
    server.fail(fault);
    const error = await rejection(
      client.listFactors({ ...target, pageSize: 10, ...first.nextCursor }).toArray(),
    );
    expect(error).toBeInstanceOf(VerifyPaginationError);
    expect(error.message).toMatch(message);
    expect(error.cursor).toStrictEqual({ page: 1, pageToken: "PT10_1" });
  });
});
