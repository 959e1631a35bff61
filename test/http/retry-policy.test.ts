import { describe, expect, it } from "vitest";
import { VerifyConnectionError, VerifyResponseTooLargeError } from "../../src/index.js";
import {
  backoffMs,
  MAX_RETRY_AFTER_MS,
  refusedByTls,
  retryDelayMs,
  shouldRetry,
} from "../../src/http/retry-policy.js";
import { parseRetryAfter } from "../../src/http/retry-after.js";

const answer = (status: number, headers: Record<string, string> = {}) =>
  new Response(null, { status, headers });

describe("shouldRetry", () => {
  it.each([429, 500, 502, 503, 504])("retries %i", (status) => {
    expect(shouldRetry(answer(status))).toBe(true);
  });
  it.each([200, 301, 307, 400, 401, 403, 404, 409, 422, 501])("does not retry %i", (status) => {
    expect(shouldRetry(answer(status))).toBe(false);
  });
  it("retries a failed connection", () => {
    expect(shouldRetry(new VerifyConnectionError("refused"))).toBe(true);
  });
  /** A failed connection as Node's fetch gives it: "fetch failed", its cause carrying a code. */
  const failedWith = (code: string) =>
    new VerifyConnectionError("connection failed", {
      cause: new TypeError("fetch failed", { cause: Object.assign(new Error(code), { code }) }),
    });
  it.each([
    "DEPTH_ZERO_SELF_SIGNED_CERT",
    "CERT_HAS_EXPIRED",
    "ERR_TLS_CERT_ALTNAME_INVALID",
    "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
    "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
    "ERR_SSL_WRONG_VERSION_NUMBER",
  ])("does not retry a connection TLS refused (%s): the next meets the same server", (code) => {
    expect(refusedByTls(failedWith(code))).toBe(true);
    expect(shouldRetry(failedWith(code))).toBe(false);
  });
  it.each(["ECONNRESET", "ECONNREFUSED", "UND_ERR_SOCKET", "EAI_AGAIN"])(
    "retries a connection that failed with %s",
    (code) => {
      expect(refusedByTls(failedWith(code))).toBe(false);
      expect(shouldRetry(failedWith(code))).toBe(true);
    },
  );
  it("reads the code of the cause and of its cause, no deeper", () => {
    const coded = Object.assign(new Error("expired"), { code: "CERT_HAS_EXPIRED" });
    const at = (depth: number) => {
      let cause: Error = coded;
      for (let i = 0; i < depth; i++) cause = new Error(`wrapper ${i}`, { cause });
      return new VerifyConnectionError("connection failed", { cause });
    };
    expect([0, 1, 2].map((depth) => refusedByTls(at(depth)))).toStrictEqual([true, true, false]);
  });
  it("takes a code that is not a string, as a fetch of one's own may give, for no TLS refusal", () => {
    // String() throws on an object whose own toString is not a function.
    for (const code of [{ toString: 1 }, 60, null]) {
      const cause = Object.assign(new Error("odd"), { code });
      expect(refusedByTls(new VerifyConnectionError("connection failed", { cause }))).toBe(false);
    }
  });
  it("does not retry an answer too large: the next would be as large", () => {
    expect(shouldRetry(new VerifyResponseTooLargeError("too large", 10))).toBe(false);
  });
});

describe("parseRetryAfter", () => {
  it("reads seconds and HTTP dates, and ignores junk", () => {
    const now = Date.parse("Wed, 25 Nov 2026 12:00:00 GMT");
    expect(parseRetryAfter("3", now)).toBe(3000);
    expect(parseRetryAfter(" 3 ", now)).toBe(3000);
    expect(parseRetryAfter("Wed, 25 Nov 2026 12:00:05 GMT", now)).toBe(5000);
    expect(parseRetryAfter("Wed, 25 Nov 2026 11:00:00 GMT", now)).toBe(0);
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });

  it("reads the two obsolete HTTP-date forms RFC 9110 still asks recipients to accept", () => {
    const now = Date.parse("Wed, 25 Nov 2026 12:00:00 GMT");
    expect(parseRetryAfter("Wednesday, 25-Nov-26 12:00:07 GMT", now)).toBe(7000);
    expect(parseRetryAfter("Wed Nov 25 12:00:09 2026", now)).toBe(9000);
    expect(parseRetryAfter("Wed Nov  4 12:00:00 2026", now)).toBe(0);
  });

  it.each([
    "-1",
    "1.5",
    "+3",
    "1e3",
    "0x10",
    "3 s",
    "2026-11-25T12:00:05Z",
    "25 Nov 2026 12:00:05 GMT",
    "wed, 25 nov 2026 12:00:05 gmt",
    "Wed, 31 Feb 2026 12:00:05 GMT",
    "Wed, 25 Nov 2026 25:00:05 GMT",
    "Wed, 25 Nov 2026 12:00:05 +0000",
  ])("ignores %j: neither delta-seconds nor an HTTP-date", (value) => {
    const now = Date.parse("Wed, 25 Nov 2026 12:00:00 GMT");
    expect(parseRetryAfter(value, now)).toBeUndefined();
  });
});

describe("backoffMs", () => {
  it("doubles from 0.5 s up to 8 s, with up to a quarter of jitter off", () => {
    expect([0, 1, 2, 3, 4, 5, 9].map((n) => backoffMs(n, 1))).toStrictEqual([
      500, 1000, 2000, 4000, 8000, 8000, 8000,
    ]);
    expect(backoffMs(0, 0)).toBe(375);
    expect(backoffMs(2, 0.5)).toBe(1750);
  });
});

describe("retryDelayMs", () => {
  it("waits what Retry-After asks", () => {
    expect(retryDelayMs(answer(429, { "retry-after": "2" }), 0)).toBe(2000);
    expect(retryDelayMs(answer(503, { "retry-after": "0" }), 3)).toBe(0);
  });

  it("backs off without Retry-After, or for a failed connection", () => {
    const first = retryDelayMs(answer(429), 0);
    expect(first).toBeGreaterThanOrEqual(375);
    expect(first).toBeLessThanOrEqual(500);
    const third = retryDelayMs(new VerifyConnectionError("dropped"), 2);
    expect(third).toBeGreaterThanOrEqual(1500);
    expect(third).toBeLessThanOrEqual(2000);
  });

  it("backs off instead of waiting out a Retry-After longer than the cap", () => {
    const seconds = String(MAX_RETRY_AFTER_MS / 1000 + 1);
    expect(retryDelayMs(answer(429, { "retry-after": seconds }), 0)).toBeLessThanOrEqual(500);
    const capped = String(MAX_RETRY_AFTER_MS / 1000);
    expect(retryDelayMs(answer(429, { "retry-after": capped }), 0)).toBe(MAX_RETRY_AFTER_MS);
  });

  it("reads an HTTP date against the clock given", () => {
    const now = Date.parse("Wed, 25 Nov 2026 12:00:00 GMT");
    const late = answer(503, { "retry-after": "Wed, 25 Nov 2026 12:00:04 GMT" });
    expect(retryDelayMs(late, 0, now)).toBe(4000);
  });
});
