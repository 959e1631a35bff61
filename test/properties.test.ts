import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import type { Factor } from "../src/index.js";
import { startFakeVerify, type FakeVerify } from "./support/fake-verify.js";
import { clientFor, collect, target } from "./support/helpers.js";

// One server per total keeps each run's request log to itself.
const servers = new Map<number, FakeVerify>();
async function serverWith(total: number) {
  let server = servers.get(total);
  if (!server) {
    server = await startFakeVerify({ total });
    servers.set(total, server);
  }
  server.log.length = 0;
  return server;
}
afterAll(async () => {
  await Promise.all([...servers.values()].map((s) => s.close()));
});

const sids = (factors: readonly unknown[]) => factors.map((f) => (f as Factor).sid);

describe("properties of a listing", () => {
  it("yields the server's factors in order, without duplicates, in the fewest requests", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 120 }),
        fc.option(fc.integer({ min: 1, max: 40 }), { nil: undefined }),
        fc.option(fc.integer({ min: 1, max: 150 }), { nil: undefined }),
        fc.boolean(),
        async (total, pageSize, limit, prefetch) => {
          const server = await serverWith(total);
          const list = clientFor(server).listFactors({ ...target, pageSize, limit, prefetch });
          const got = sids(await list.toArray());
          const wanted = Math.min(total, limit ?? Infinity);
          expect(got).toEqual(sids(server.factors.slice(0, wanted)));
          expect(new Set(got).size).toBe(got.length);
          const size = pageSize ?? (limit !== undefined && limit < 50 ? limit : 50);
          expect(server.log).toHaveLength(Math.max(1, Math.ceil(wanted / size)));
        },
      ),
      { numRuns: 120 },
    );
  }, 60_000);

  it("resuming from any page's nextCursor yields exactly the rest", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 120 }),
        fc.integer({ min: 1, max: 30 }),
        fc.nat(),
        async (total, pageSize, pick) => {
          const server = await serverWith(total);
          const client = clientFor(server);
          const pages = await collect(client.listFactors({ ...target, pageSize }).pages());
          const at = pick % pages.length;
          const before = pages.slice(0, at + 1).flatMap((p) => p.factors);
          const cursor = pages[at]!.nextCursor;
          const rest = cursor
            ? await client.listFactors({ ...target, pageSize, ...cursor }).toArray()
            : [];
          expect(sids([...before, ...rest])).toEqual(sids(server.factors));
        },
      ),
      { numRuns: 80 },
    );
  }, 60_000);
});
