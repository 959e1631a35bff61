// What each page's answer said besides its body, and each error's: correct under concurrency.
import { describe, expect, it } from "vitest";
import { VerifyApiError } from "../src/index.js";
import { clientFor, collect, rejection, target } from "./support/helpers.js";
import { fakeServers } from "./support/server-pool.js";

const fake = fakeServers();

describe("response metadata", () => {
  it("each page carries its own status, request id, headers and attempts", async () => {
    const server = await fake({ total: 5 });
    server.fail({ delayMs: 0 }, { status: 503, retryAfter: "0" });
    const pages = await collect(
      clientFor(server)
        .listFactors({ ...target, pageSize: 2, prefetch: false })
        .pages(),
    );
    expect(pages.map((p) => [p.response.status, p.response.attempts])).toStrictEqual([
      [200, 1],
      [200, 2],
      [200, 1],
    ]);
    const ids = pages.map((p) => p.response.requestId);
    expect(new Set(ids).size).toBe(3);
    expect(ids.every((id) => /^RQ[0-9a-f]{32}$/.test(id!))).toBe(true);
    expect(pages[0]!.response.headers.get("content-type")).toBe("application/json");
  });

  it("under concurrency, each listing's pages carry their own answers", async () => {
    const server = await fake({ total: 4 });
    const client = clientFor(server);
    const listings = await Promise.all(
      Array.from({ length: 8 }, () =>
        collect(client.listFactors({ ...target, pageSize: 2 }).pages()),
      ),
    );
    const ids = listings.flat().map((p) => p.response.requestId);
    expect(ids).toHaveLength(16);
    expect(new Set(ids).size).toBe(16);
  });

  it("an error carries the answer's headers too", async () => {
    const server = await fake({ total: 3 });
    server.fail({ status: 404, requestId: "RQ" + "1".repeat(32) });
    const error = await rejection(clientFor(server).listFactors(target).toArray());
    expect(error).toBeInstanceOf(VerifyApiError);
    expect(error.headers.get("twilio-request-id")).toBe("RQ" + "1".repeat(32));
  });
});
