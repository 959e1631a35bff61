import { afterEach } from "vitest";
import { startFakeVerify, type FakeOptions, type FakeVerify } from "./fake-verify.js";

/** Fake servers that close after each test. */
export function fakeServers() {
  let servers: FakeVerify[] = [];
  afterEach(async () => {
    await Promise.all(servers.map((s) => s.close()));
    servers = [];
  });
  return async (options: FakeOptions = {}) => {
    const server = await startFakeVerify(options);
    servers.push(server);
    return server;
  };
}
