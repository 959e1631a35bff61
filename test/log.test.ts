// What the client logs, at each level, and that no credential appears at any.
import { afterEach, describe, expect, it } from "vitest";
import { VerifyArgumentError, type Logger, type LogLevel } from "../src/index.js";
import { ACCOUNT_SID, AUTH_TOKEN } from "./support/fake-verify.js";
import { clientFor, rejection, strayErrors, target } from "./support/helpers.js";
import { fakeServers } from "./support/server-pool.js";

const fake = fakeServers();

/** A logger that keeps each line with its level. */
function recorder() {
  const lines: [string, string][] = [];
  const logger = Object.fromEntries(
    ["debug", "info", "warn", "error"].map((level) => [
      level,
      (m: string) => lines.push([level, m]),
    ]),
  ) as unknown as Logger;
  return { lines, logger };
}

async function listWithRetry(logLevel?: LogLevel) {
  const server = await fake({ total: 3 });
  server.fail({ status: 503, retryAfter: "0", requestId: "RQ" + "5".repeat(32) });
  const { lines, logger } = recorder();
  await clientFor(server, { logger, logLevel })
    .listFactors({ ...target, pageSize: 2 })
    .toArray();
  return { lines, server };
}

const saved = process.env.VERIFY_FACTORS_LOG;
afterEach(() => {
  if (saved === undefined) delete process.env.VERIFY_FACTORS_LOG;
  else process.env.VERIFY_FACTORS_LOG = saved;
});

describe("logging", () => {
  it("at debug, tells each attempt: method, URL with query, status, attempt, time, request id", async () => {
    const { lines, server } = await listWithRetry("debug");
    const attempts = lines.filter(([level]) => level === "debug").map(([, m]) => m);
    expect(attempts).toHaveLength(3);
    expect(attempts[0]).toMatch(
      new RegExp(
        `^\\[verify-factors\\] GET ${server.url}/v2/Services/${target.serviceSid}/Entities/${target.identity}/Factors\\?PageSize=2 -> HTTP 503 \\(attempt 1, \\d+ ms, RQ5{32}\\)$`,
      ),
    );
    expect(attempts[1]).toMatch(/-> HTTP 200 \(attempt 2, \d+ ms, RQ[0-9a-f]{32}\)$/);
    // The time of that attempt alone, not a clock reading.
    const ms = attempts.map((line) => Number(/, (\d+) ms/.exec(line)![1]));
    expect(Math.max(...ms)).toBeLessThan(10_000);
  });

  it("at debug, names no request id for a response that has none", async () => {
    const server = await fake({ total: 1 });
    server.fail({ status: 503, retryAfter: "0" });
    const { lines, logger } = recorder();
    await clientFor(server, { logger, logLevel: "debug" }).listFactors(target).toArray();
    expect(lines[0]).toStrictEqual([
      "debug",
      expect.stringMatching(/Factors -> HTTP 503 \(attempt 1, \d+ ms\)$/),
    ]);
  });

  it("at info, tells each retry with its reason and wait, and no attempt", async () => {
    const { lines } = await listWithRetry("info");
    expect(lines).toStrictEqual([
      [
        "info",
        expect.stringMatching(
          /GET .*Factors\?PageSize=2: HTTP 503; retrying in 0 ms \(retry 1 of 2\)$/,
        ),
      ],
    ]);
  });

  it("says nothing at the default level, warn, when the listing succeeds", async () => {
    const { lines } = await listWithRetry();
    expect(lines).toStrictEqual([]);
  });

  it("takes VERIFY_FACTORS_LOG when no level is given, in any case, and refuses a logLevel it does not know", async () => {
    for (const value of ["debug", " DEBUG "]) {
      process.env.VERIFY_FACTORS_LOG = value;
      const { lines } = await listWithRetry();
      expect(lines.filter(([level]) => level === "debug")).toHaveLength(3);
    }
    expect(() => clientFor({ url: "http://127.0.0.1:9" }, { logLevel: "all" as never })).toThrow(
      VerifyArgumentError,
    );
  });

  it("never lets VERIFY_FACTORS_LOG break an app: empty is unset, anything else is warned of once", async () => {
    process.env.VERIFY_FACTORS_LOG = "";
    expect((await listWithRetry()).lines).toStrictEqual([]);
    process.env.VERIFY_FACTORS_LOG = "loud";
    const warned: [string, string][] = [];
    for (let i = 0; i < 2; i++) {
      const { lines, logger } = recorder();
      const server = await fake({ total: 1 });
      await clientFor(server, { logger }).listFactors(target).toArray();
      warned.push(...lines);
    }
    expect(warned).toStrictEqual([
      [
        "warn",
        '[verify-factors] VERIFY_FACTORS_LOG is "loud" (4 characters), not one of off, error, warn, info, debug; using warn',
      ],
    ]);
  });

  it("never logs a credential, at any level, on success, retry or failure", async () => {
    const server = await fake({ total: 3 });
    server.fail({ status: 429, retryAfter: "0" }, { status: 401 });
    const { lines, logger } = recorder();
    const client = clientFor(server, { logger, logLevel: "debug", maxRetries: 1 });
    await rejection(client.listFactors(target).toArray());
    await client.listFactors(target).toArray();
    const text = lines.map(([, m]) => m).join("\n");
    expect(lines.length).toBeGreaterThan(2);
    const basic = Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString("base64");
    for (const secret of [AUTH_TOKEN, basic, "Authorization", "authorization"]) {
      expect(text).not.toContain(secret);
    }
  });
});

describe("a logger that throws", () => {
  const throwing = {
    debug: () => {
      throw new Error("logger down");
    },
    info: () => {
      throw new Error("logger down");
    },
    warn: () => {
      throw new Error("logger down");
    },
    error: () => {
      throw new Error("logger down");
    },
  };

  it("changes nothing the client does: retries happen and the listing completes", async () => {
    const server = await fake({ total: 5 });
    server.fail({ status: 503, retryAfter: "0" });
    const client = clientFor(server, { logger: throwing, logLevel: "debug" });
    const factors = await client.listFactors({ ...target, pageSize: 2 }).toArray();
    expect(factors).toHaveLength(5);
    expect(server.log).toHaveLength(4);
  });

  it("never keeps a place of the rate budget: after 429s, later listings still run", async () => {
    const server = await fake({ total: 3, maxInFlight: 1, retryAfter: "0", latencyMs: 20 });
    const client = clientFor(server, { logger: throwing, logLevel: "debug" });
    // Each attempt logs (and throws) while it holds a place; none may be lost.
    const runs = Array.from({ length: 6 }, () => client.listFactors(target).toArray());
    expect((await Promise.all(runs)).every((f) => f.length === 3)).toBe(true);
    expect(server.stats.throttled).toBeGreaterThan(0);
    const later = await Promise.race([
      client.listFactors(target).toArray(),
      new Promise((resolve) => setTimeout(() => resolve("hung"), 5_000)),
    ]);
    expect(later).toHaveLength(3);
  });
});

describe("an async logger whose promise rejects", () => {
  it("leaves no unhandled rejection, which would end a Node app", async () => {
    const rejecting = Object.fromEntries(
      ["debug", "info", "warn", "error"].map((level) => [
        level,
        () => Promise.reject(new Error(`${level} sink down`)),
      ]),
    ) as unknown as Logger;
    const server = await fake({ total: 3 });
    server.fail({ status: 503, retryAfter: "0" });
    const client = clientFor(server, { logger: rejecting, logLevel: "debug" });
    const stray = await strayErrors(async () => {
      expect(await client.listFactors({ ...target, pageSize: 2 }).toArray()).toHaveLength(3);
    }, 20);
    expect(stray).toStrictEqual([]);
  });
});
