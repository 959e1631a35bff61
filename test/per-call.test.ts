// Options a listing sets for its own requests only: maxRetries, timeoutMs, headers.
import { describe, expect, it } from "vitest";
import { VerifyArgumentError, VerifyTimeoutError } from "../src/index.js";
import { AUTH_TOKEN, ACCOUNT_SID } from "./support/fake-verify.js";
import { clientFor, rejection, target } from "./support/helpers.js";
import { fakeServers } from "./support/server-pool.js";

const fake = fakeServers();

describe("per-call options", () => {
  it("maxRetries overrides the client's for that listing only", async () => {
    const server = await fake({ total: 3 });
    const client = clientFor(server, { maxRetries: 0 });
    server.fail({ status: 503, retryAfter: "0" });
    expect(await client.listFactors({ ...target, maxRetries: 1 }).toArray()).toHaveLength(3);
    server.fail({ status: 503, retryAfter: "0" });
    expect((await rejection(client.listFactors(target).toArray())).status).toBe(503);
  });

  it("timeoutMs overrides the client's for that listing only", async () => {
    const server = await fake({ total: 3 });
    const client = clientFor(server, { timeoutMs: 10_000, maxRetries: 0 });
    server.fail({ hang: true });
    const started = Date.now();
    const error = await rejection(client.listFactors({ ...target, timeoutMs: 100 }).toArray());
    expect(error).toBeInstanceOf(VerifyTimeoutError);
    expect(error.message).toMatch(/100 ms/);
    // Well short of the client's 10 s, however busy the machine.
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("headers go with each request of that listing, not with others, and never as credentials", async () => {
    const server = await fake({ total: 5 });
    const client = clientFor(server);
    await client
      .listFactors({
        ...target,
        pageSize: 2,
        headers: { "X-Trace": "t-1", Authorization: "Basic stolen" },
      })
      .toArray();
    await client.listFactors(target).toArray();
    const credentials = "Basic " + Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString("base64");
    expect(server.log.map((r) => r.headers["x-trace"])).toStrictEqual([
      "t-1",
      "t-1",
      "t-1",
      undefined,
    ]);
    expect(server.log.every((r) => r.authorization === credentials)).toBe(true);
  });

  it.each([
    [{ maxRetries: -1 }, "maxRetries"],
    [{ timeoutMs: 0 }, "timeoutMs"],
    [{ headers: "X-Trace: 1" }, "headers"],
  ])("%j is refused at the call", async (bad, parameter) => {
    const server = await fake({ total: 1 });
    try {
      clientFor(server).listFactors({ ...target, ...bad } as never);
      throw new Error("no error");
    } catch (error) {
      expect(error).toBeInstanceOf(VerifyArgumentError);
      expect((error as VerifyArgumentError).parameter).toBe(parameter);
    }
  });
});

describe("headers, checked at the call", () => {
  const client = clientFor({ url: "http://127.0.0.1:9" });
  const refused = (headers: unknown) => {
    try {
      client.listFactors({ ...target, headers: headers as never });
    } catch (error) {
      if (error instanceof VerifyArgumentError) return error;
      throw error;
    }
    throw new Error("not refused");
  };

  it.each([
    [
      { "X-Token": "s3cret\u0001" },
      'headers has "X-Token" with a value holding a line break or control character',
    ],
    [[["X-Token", "s3cret\r\nX: 1"]], 'headers has "X-Token" with a value holding a line break'],
    [{ "X-Token": "s3cret\u20ac" }, 'headers has "X-Token" with a value holding a character above'],
    [
      { "Transfer-Encoding": "chunked" },
      'headers has "Transfer-Encoding"; it must be free of the headers fetch sets',
    ],
    [{ "Bad Name": "x" }, 'headers has a name that is "Bad Name"'],
    [{ "X-Count": null }, 'headers has "X-Count" with a value that is null'],
    ["X: y", 'headers is "X: y"'],
    [[["X-Token", "s3cret", "X-Other"]], "headers has a pair of 3 items"],
    [["X-Token: s3cret"], "headers has a pair that is a string"],
  ])("refuses %j before any request, never repeating a value", (headers, message) => {
    const error = refused(headers);
    expect(error.message).toContain(message);
    expect(error.message).not.toContain("s3cret");
  });

  it.each([
    "Connection",
    "Content-Length",
    "Expect",
    "Host",
    "Keep-Alive",
    "TE",
    "Trailer",
    "Transfer-Encoding",
    "Upgrade",
  ])("refuses %s, a header fetch sets itself or refuses", (name) => {
    expect(refused({ [name]: "x" }).message).toBe(
      `headers has "${name}"; it must be free of the headers fetch sets itself (Connection, Content-Length, Host, Transfer-Encoding...)`,
    );
  });

  it("takes a Headers object, pairs, a record, and numbers as values", () => {
    for (const headers of [
      new Headers({ "X-A": "1" }),
      [["X-A", "1"]],
      { "X-A": 1 },
      { "X-A": "caf\u00e9" },
    ]) {
      expect(() => client.listFactors({ ...target, headers: headers as never })).not.toThrow();
    }
  });
});
