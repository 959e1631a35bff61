// Tracing with openapi-fetch middleware: what `verify.api.use(...)` sees of a listing.
import { describe, expect, it } from "vitest";
import type { Middleware } from "openapi-fetch";
import { VerifyPaginationError } from "../src/index.js";
import { clientFor, rejection, target } from "./support/helpers.js";
import { fakeServers } from "./support/server-pool.js";

const fake = fakeServers();

describe("middleware registered with verify.api.use", () => {
  it("sees each logical request of a listing once, its final answer, and not the retries", async () => {
    const server = await fake({ total: 5 });
    server.fail({ status: 503, retryAfter: "0" });
    const attempts: string[] = [];
    const client = clientFor(server, {
      // A fetch of one's own sees every attempt, retries included.
      fetch: async (request) => {
        attempts.push(new URL(request.url).search);
        return fetch(request);
      },
    });
    const seen: string[] = [];
    const tracer: Middleware = {
      onRequest({ request }) {
        seen.push(`request ${new URL(request.url).search}`);
      },
      onResponse({ response }) {
        seen.push(`response ${response.status} ${response.headers.get("twilio-request-id")}`);
      },
    };
    client.api.use(tracer);
    const factors = await client.listFactors({ ...target, pageSize: 2, prefetch: false }).toArray();
    expect(factors).toHaveLength(5);
    expect(seen).toStrictEqual([
      "request ?PageSize=2",
      expect.stringMatching(/^response 200 RQ[0-9a-f]{32}$/),
      "request ?PageSize=2&Page=1&PageToken=PT2_1",
      expect.stringMatching(/^response 200 /),
      "request ?PageSize=2&Page=2&PageToken=PT4_2",
      expect.stringMatching(/^response 200 /),
    ]);
    expect(attempts).toHaveLength(4);
    expect(attempts[0]).toBe(attempts[1]);
  });

  it("sees the response as fetch gave it: its URL, type and redirected flag", async () => {
    const server = await fake({ total: 1 });
    const client = clientFor(server);
    const seen: unknown[] = [];
    client.api.use({
      onResponse({ request, response }) {
        seen.push([response.url === request.url, response.url, response.type, response.redirected]);
      },
    });
    await client.listFactors(target).toArray();
    const url = `${server.url}/v2/Services/${target.serviceSid}/Entities/${target.identity}/Factors`;
    expect(seen).toStrictEqual([[true, url, "basic", false]]);
  });

  it("a response a middleware puts in place that is not JSON is a VerifyPaginationError", async () => {
    const server = await fake({ total: 5 });
    const client = clientFor(server);
    client.api.use({
      onResponse: () => new Response("<html>", { headers: { "content-type": "application/json" } }),
    });
    const error = await rejection(client.listFactors(target).toArray());
    expect(error).toBeInstanceOf(VerifyPaginationError);
    expect(error.message).toMatch(/^response is not JSON: /);
  });

  it.each([
    ["no content type", {}, "no content type"],
    ["text/plain", { "content-type": "text/plain" }, "text/plain"],
    ["a blank content type", { "content-type": " " }, "no content type"],
    [
      "a content type of 505 characters",
      { "content-type": `text/${"x".repeat(500)}` },
      `text/${"x".repeat(75)}…`,
    ],
  ])(
    "an empty 200 a middleware puts in place (%s) is a VerifyPaginationError naming its type, cut short",
    async (_name, headers, type) => {
      const server = await fake({ total: 5 });
      const client = clientFor(server);
      client.api.use({
        onResponse: () =>
          new Response(null, { status: 200, headers: { "content-length": "0", ...headers } }),
      });
      const error = await rejection(client.listFactors(target).toArray());
      expect(error).toBeInstanceOf(VerifyPaginationError);
      expect(error.message).toBe(`HTTP 200 response is not JSON (${type}): (empty)`);
    },
  );
});
