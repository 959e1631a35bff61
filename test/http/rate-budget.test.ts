import { execFile } from "node:child_process";
import { resolve } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { ACCOUNT_SID, AUTH_TOKEN } from "../support/fake-verify.js";
import { clientFor, gate, target, until } from "../support/helpers.js";
import { fakeServers } from "../support/server-pool.js";

const fake = fakeServers();

describe("one client's shared budget", () => {
  it("the first 429s find what the server takes: only the refused wait out Retry-After", async () => {
    const server = await fake({ total: 3, maxInFlight: 4, retryAfter: "2", latencyMs: 100 });
    const first = gate(); // the first four stay in flight until the two others are refused
    server.fail(...Array.from({ length: 4 }, () => ({ heldUntil: first.opened })));
    const client = clientFor(server);
    const burst = Array.from({ length: 6 }, () => client.listFactors(target).toArray());
    await until(() => client.throttled() === 2); // the two refused wait 2 s
    const later = Array.from({ length: 4 }, () => client.listFactors(target).toArray());
    first.open();
    const results = await Promise.all([...burst, ...later]);
    expect(results.every((factors) => factors.length === 3)).toBe(true);
    expect(server.stats.throttled).toBe(2);
    expect(server.stats.peakInFlight).toBeLessThanOrEqual(6);
    // Sent since the burst: the four later listings as the first four end, then the two retries
    // after 2 s.
    const since = server.log.slice(6).map((r) => r.at - server.log[0]!.at);
    expect(since.filter((ms) => ms < 1_000)).toHaveLength(4);
    expect(since.filter((ms) => ms >= 1_950)).toHaveLength(2);
  });

  it("a 429 with no more out than the server took holds back every new request until Retry-After", async () => {
    const server = await fake({ total: 3, latencyMs: 20 });
    server.fail({ status: 429, retryAfter: "1" });
    const client = clientFor(server);
    const started = Date.now();
    const refused = client.listFactors(target).toArray();
    await until(() => client.throttled() === 1); // the one request out was refused
    const held = Array.from({ length: 3 }, () => client.listFactors(target).toArray());
    const results = await Promise.all([refused, ...held]);
    expect(results.every((factors) => factors.length === 3)).toBe(true);
    const since = server.log.slice(1).map((r) => r.at - server.log[0]!.at);
    expect(since).toHaveLength(4);
    expect(since.every((ms) => ms >= 950)).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
  });

  it("then keeps no more in flight than the server took, so no 429 follows", async () => {
    const server = await fake({ total: 3, maxInFlight: 4, retryAfter: "0", latencyMs: 50 });
    const first = gate(); // four stay in flight until the other four are refused, however busy the machine
    server.fail(...Array.from({ length: 4 }, () => ({ heldUntil: first.opened })));
    const client = clientFor(server);
    const eight = Promise.all(
      Array.from({ length: 8 }, () => client.listFactors(target).toArray()),
    );
    await until(() => server.stats.throttled === 4);
    first.open();
    await eight; // the refused retry only as the held end: the budget learnt that four is what it takes
    expect(server.stats.throttled).toBe(4);
    server.stats.peakInFlight = 0;
    await Promise.all(Array.from({ length: 12 }, () => client.listFactors(target).toArray()));
    expect(server.stats.throttled).toBe(4);
    expect(server.stats.peakInFlight).toBeLessThanOrEqual(4);
  });

  it("a request waiting out a hold keeps the process alive, with nothing else pending", async () => {
    // In a process of its own, whose only handle during the hold is the hold's timer: the first
    // listing ends at its 429 (no retry, so no retry's timer), the second waits out Retry-After.
    const server = await fake({ total: 3 });
    server.fail({ status: 429, retryAfter: "1" });
    const dist = resolve(import.meta.dirname, "../../dist/esm/src/index.js");
    const script = `
      const { createVerifyClient } = await import(${JSON.stringify(dist)});
      const verify = createVerifyClient(${JSON.stringify({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, baseUrl: server.url })});
      const target = ${JSON.stringify(target)};
      const first = await verify.listFactors({ ...target, maxRetries: 0 }).toArray().catch((e) => e.status);
      const second = await verify.listFactors(target).toArray();
      console.log(first, second.length);`;
    const { stdout } = await promisify(execFile)(process.execPath, [
      "--input-type=module",
      "-e",
      script,
    ]);
    expect(stdout.trim()).toBe("429 3");
  });

  it("is per client: another client's 429 holds nothing back", async () => {
    const server = await fake({ total: 3 });
    server.fail({ status: 429, retryAfter: "60" });
    const first = clientFor(server);
    await expect(first.listFactors({ ...target, maxRetries: 0 }).toArray()).rejects.toMatchObject({
      status: 429,
    });
    // The refused client holds its next listing back for a minute, past the test's timeout;
    // another client lists meanwhile.
    const stop = new AbortController();
    const held = first
      .listFactors({ ...target, signal: stop.signal })
      .toArray()
      .catch((e) => e);
    expect(await clientFor(server).listFactors(target).toArray()).toHaveLength(3);
    expect(server.log).toHaveLength(2);
    stop.abort();
    expect(await held).toMatchObject({ name: "AbortError" });
    expect(server.log).toHaveLength(2);
  });

  it("an aborted wait for a place ends at once, with the listing's abort error", async () => {
    const server = await fake({ total: 3 });
    server.fail({ status: 429, retryAfter: "5" });
    const client = clientFor(server);
    const everything = new AbortController();
    const held = client
      .listFactors({ ...target, signal: everything.signal })
      .toArray()
      .catch((e) => e);
    await until(() => client.throttled() === 1); // it was refused: the client holds back 5 s
    const started = Date.now();
    const aborted = client.listFactors({ ...target, signal: AbortSignal.timeout(100) }).toArray();
    await expect(aborted).rejects.toMatchObject({ name: "AbortError" });
    // Well short of the 5-s hold, however busy the machine.
    expect(Date.now() - started).toBeLessThan(4_000);
    expect(server.log).toHaveLength(1);
    everything.abort();
    await held;
  });
});

describe("a client's maxConcurrency", () => {
  it("keeps no more requests in flight than it says, listings together", async () => {
    const server = await fake({ total: 3, latencyMs: 30 });
    const client = clientFor(server, { maxConcurrency: 2 });
    await Promise.all(Array.from({ length: 8 }, () => client.listFactors(target).toArray()));
    expect(server.stats.peakInFlight).toBe(2);
    expect(server.log).toHaveLength(8);
  });

  it.each([0, 1001, 1.5, "2"])("is refused at the call when it is %j", (maxConcurrency) => {
    expect(() =>
      clientFor(
        { url: "http://127.0.0.1:9" },
        {
          maxConcurrency: maxConcurrency as never,
        },
      ),
    ).toThrow(/^maxConcurrency /);
  });
});
