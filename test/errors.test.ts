import { describe, expect, it } from "vitest";
import { describe as quoted } from "../src/shown.js";
import { VerifyApiError, VerifyArgumentError, VerifyError } from "../src/index.js";
import { clientFor, rejection, target } from "./support/helpers.js";
import { fakeServers } from "./support/server-pool.js";

const fake = fakeServers();

async function errorFor(fault: Parameters<Awaited<ReturnType<typeof fake>>["fail"]>[0]) {
  const server = await fake({ total: 3 });
  server.fail(fault);
  return rejection(clientFor(server, { maxRetries: 0 }).listFactors(target).toArray());
}

describe("VerifyApiError", () => {
  it("reads Twilio's {code, message, more_info, status} body and the request id", async () => {
    const body = JSON.stringify({
      code: 20404,
      message: "The requested resource was not found",
      more_info: "https://www.twilio.com/docs/errors/20404",
      status: 404,
    });
    const error = await errorFor({ status: 404, body, requestId: "RQ" + "a".repeat(32) });
    expect(error).toBeInstanceOf(VerifyApiError);
    expect(error).toBeInstanceOf(VerifyError);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({
      name: "VerifyApiError",
      status: 404,
      code: 20404,
      message: "The requested resource was not found",
      moreInfo: "https://www.twilio.com/docs/errors/20404",
      requestId: "RQ" + "a".repeat(32),
      body,
    });
    expect(error.retryAfterMs).toBeUndefined();
  });

  it("reads an RFC 9457 problem body", async () => {
    const body = JSON.stringify({
      type: "https://example.test/problems/rate",
      title: "Too busy",
      status: 400,
      detail: "Slow down, please",
    });
    const error = await errorFor({ status: 400, body, contentType: "application/problem+json" });
    expect(error).toMatchObject({
      status: 400,
      message: "Slow down, please",
      moreInfo: "https://example.test/problems/rate",
      body,
    });
    expect(error.code).toBeUndefined();
  });

  it("reads a body that is not JSON: plain text is quoted, an HTML page is named", async () => {
    const text = await errorFor({ status: 404, body: "no such entity", contentType: "text/plain" });
    expect(text.message).toBe("HTTP 404 Not Found: no such entity");
    const body = "<html><body>Bad Gateway</body></html>";
    const error = await errorFor({ status: 404, body, contentType: "text/html" });
    expect(error.status).toBe(404);
    expect(error.body).toBe(body);
    expect(error.message).toBe("HTTP 404 Not Found: an HTML page, not Twilio's JSON error");
  });

  it("keeps Retry-After as retryAfterMs", async () => {
    const error = await errorFor({ status: 429, retryAfter: "7" });
    expect(error.retryAfterMs).toBe(7000);
  });
});

describe("VerifyApiError.fromResponse", () => {
  const response = (status: number, headers: Record<string, string> = {}, statusText = "") =>
    new Response(null, { status, headers, statusText });

  it("reads Twilio's body as openapi-fetch parsed it, and the headers", () => {
    const parsed = { code: 20429, message: "Too many requests", more_info: "https://x.test/20429" };
    const error = VerifyApiError.fromResponse(
      response(429, { "twilio-request-id": "RQ1", "retry-after": "3" }),
      parsed,
    );
    expect(error).toMatchObject({
      status: 429,
      code: 20429,
      message: "Too many requests",
      moreInfo: "https://x.test/20429",
      requestId: "RQ1",
      retryAfterMs: 3000,
      body: JSON.stringify(parsed),
    });
  });

  it("falls back from message to detail to title, and reads a problem type", () => {
    const problem = { type: "https://x.test/p", title: "T", detail: "D" };
    expect(VerifyApiError.fromResponse(response(400), problem).message).toBe("D");
    expect(VerifyApiError.fromResponse(response(400), { title: "T" }).message).toBe("T");
    expect(VerifyApiError.fromResponse(response(400), problem).moreInfo).toBe("https://x.test/p");
    expect(
      VerifyApiError.fromResponse(response(400), { type: "about:blank" }).moreInfo,
    ).toBeUndefined();
  });

  it("quotes a text body, flattened and shortened, after the status", () => {
    const text = `<html>\n${"x".repeat(300)}</html>`;
    const error = VerifyApiError.fromResponse(response(502, {}, "Bad Gateway"), text);
    expect(error.body).toBe(text);
    expect(error.message).toMatch(/^HTTP 502 Bad Gateway: <html> x+…$/);
    expect(error.message.length).toBeLessThan(160);
    expect(error.code).toBeUndefined();
  });

  it("takes a JSON body nested deeper than it can be written back", async () => {
    const server = await fake({ total: 3 });
    server.fail({ status: 500, body: "[".repeat(100_000) + "]".repeat(100_000) });
    const client = clientFor(server, { maxRetries: 0 });
    const error = await rejection(client.listFactors(target).toArray());
    expect(error).toBeInstanceOf(VerifyApiError);
    expect(error.message).toBe(
      "HTTP 500 Internal Server Error: (JSON nested too deeply to write back)",
    );
    expect(error.body).toBe("(JSON nested too deeply to write back)");
  });

  it("says (empty) for no body, and ignores a code that is not a number", () => {
    expect(VerifyApiError.fromResponse(response(500), "").message).toBe("HTTP 500: (empty)");
    expect(VerifyApiError.fromResponse(response(500), undefined).message).toBe("HTTP 500: (empty)");
    expect(VerifyApiError.fromResponse(response(500), { code: "20500" }).code).toBeUndefined();
  });

  it("names a redirect and where it points, never a password in it, unless the body has a message", () => {
    const moved = response(301, { location: "https://user:s3cret@elsewhere.test/v2" });
    const { message } = VerifyApiError.fromResponse(moved, "");
    expect(message).toBe(
      "HTTP 301: a redirect to https://…@elsewhere.test/v2, which is not followed",
    );
    expect(VerifyApiError.fromResponse(moved, { message: "Moved" }).message).toBe("Moved");
    // No Location: said as any other status is.
    expect(VerifyApiError.fromResponse(response(304), "").message).toBe("HTTP 304: (empty)");
  });
});

describe("a value quoted in an error", () => {
  it("is cut to a bounded length, with its full length said", () => {
    const huge = "x".repeat(2_000_000);
    const text = quoted(huge);
    expect(text.length).toBeLessThan(120);
    expect(text).toBe(`is "${"x".repeat(80)}…" (2000000 characters)`);
    expect(quoted("a")).toBe('is "a" (1 character)');
    expect(new VerifyArgumentError("identity", text, "shorter").message.length).toBeLessThan(200);
  });

  it.each([
    [7, "is 7"],
    [false, "is false"],
    [10n, "is 10n"],
    [null, "is null"],
    [undefined, "is undefined"],
    [[1], "is an array"],
    [{}, "is an object"],
    [() => 1, "is a function"],
    [Symbol("s"), "is a symbol"],
  ])("names what %s is, in words", (value, words) => {
    expect(quoted(value)).toBe(words);
  });
});
