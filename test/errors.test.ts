import { describe, expect, it } from "vitest";
import { VerifyApiError, VerifyError } from "../src/index.js";
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

  it("reads a body that is not JSON", async () => {
    const body = "<html><body>Bad Gateway</body></html>";
    const error = await errorFor({ status: 404, body, contentType: "text/html" });
    expect(error.status).toBe(404);
    expect(error.body).toBe(body);
    expect(error.message).toMatch(/^HTTP 404/);
    expect(error.message).toContain("Bad Gateway");
  });

  it("keeps Retry-After as retryAfterMs", async () => {
    const error = await errorFor({ status: 429, retryAfter: "7" });
    expect(error.retryAfterMs).toBe(7000);
  });
});
