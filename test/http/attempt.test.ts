import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_MAX_RESPONSE_BYTES,
  VerifyApiError,
  VerifyConnectionError,
  VerifyResponseTooLargeError,
  type Factor,
} from "../../src/index.js";
import { clientFor, rawServer, rejection, target } from "../support/helpers.js";
import { fakeServers } from "../support/server-pool.js";

const fake = fakeServers();
const MiB = 1024 * 1024;

describe("an answer larger than maxResponseBytes", () => {
  it("that never ends stops at the limit with VerifyResponseTooLargeError, not retried", async () => {
    const server = await fake({ total: 30 });
    server.fail({ endless: true });
    const client = clientFor(server, { maxResponseBytes: MiB, maxRetries: 2 });
    const before = process.memoryUsage().rss;
    const error = await rejection(client.listFactors(target).toArray());
    expect(error).toBeInstanceOf(VerifyResponseTooLargeError);
    expect(error.maxResponseBytes).toBe(MiB);
    expect(error.message).toMatch(
      /HTTP 200 response is larger than maxResponseBytes \(1048576 bytes\)/,
    );
    expect(error.cursor).toStrictEqual({ page: undefined, pageToken: undefined });
    expect(server.log).toHaveLength(1);
    expect(process.memoryUsage().rss - before).toBeLessThan(64 * MiB);
  });

  it("is counted after decompression: a small gzip bomb is caught", async () => {
    const server = await fake({ total: 3 });
    server.fail({ gzipOf: 64 * MiB });
    const error = await rejection(
      clientFor(server, { maxResponseBytes: MiB }).listFactors(target).toArray(),
    );
    expect(error).toBeInstanceOf(VerifyResponseTooLargeError);
  });

  it("holds for error answers too", async () => {
    const server = await fake({ total: 3 });
    server.fail({ status: 500, body: " ".repeat(2 * MiB) });
    const error = await rejection(
      clientFor(server, { maxResponseBytes: MiB, maxRetries: 0 }).listFactors(target).toArray(),
    );
    expect(error).toBeInstanceOf(VerifyResponseTooLargeError);
    expect(error.message).toMatch(/HTTP 500 response/);
  });

  it("by default stops at DEFAULT_MAX_RESPONSE_BYTES, 32 MiB", async () => {
    const server = await fake({ total: 3 });
    server.fail({ endless: true });
    const error = await rejection(clientFor(server).listFactors(target).toArray());
    expect(DEFAULT_MAX_RESPONSE_BYTES).toBe(32 * MiB);
    expect(error.maxResponseBytes).toBe(DEFAULT_MAX_RESPONSE_BYTES);
  });

  it("a page within the limit lists as before, however close", async () => {
    const server = await fake({ total: 1000 });
    const page = await clientFor(server)
      .listFactors({ ...target, pageSize: 1000 })
      .firstPage();
    const size = new TextEncoder().encode(JSON.stringify(page)).byteLength;
    const exact = clientFor(server, { maxResponseBytes: size + 100 });
    const factors = await exact.listFactors({ ...target, pageSize: 1000 }).toArray();
    expect(factors.map((f: Factor) => f.sid)).toStrictEqual(server.factors.map((f) => f.sid));
  });
});

describe("a reason phrase", () => {
  it("in UTF-8 beyond Latin-1, as a proxy may send, is kept in the error's message", async () => {
    // Node writes a status message as Latin-1: these are the phrase's UTF-8 bytes, one a character.
    const phrase = Buffer.from("見つかりません").toString("latin1");
    const server = createServer((_request, response) => response.writeHead(404, phrase).end());
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const client = clientFor({ url: `http://127.0.0.1:${port}` }, { maxRetries: 0 });
      const error = await rejection(client.listFactors(target).toArray());
      expect(error).toBeInstanceOf(VerifyApiError);
      expect(error.message).toBe("HTTP 404 見つかりません: (empty)");
    } finally {
      server.close();
    }
  });
});

describe("a status line Node's HTTP client cannot parse", () => {
  it("is a failed connection whose message says so, not only the client's assertion", async () => {
    const server = await rawServer("HTTP/1.1 0 Nothing\r\nContent-Length: 0\r\n\r\n");
    try {
      const client = clientFor(server, { maxRetries: 0 });
      const error = await rejection(client.listFactors(target).toArray());
      expect(error).toBeInstanceOf(VerifyConnectionError);
      expect(error.message).toMatch(
        /^GET http:\/\/127\.0\.0\.1:\d+: connection failed \(a response Node's HTTP client could not parse: .+\)$/,
      );
      expect(server.connections()).toBe(1);
    } finally {
      await server.close();
    }
  });
});
