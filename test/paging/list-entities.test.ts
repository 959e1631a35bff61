import { describe, expect, it } from "vitest";
import { VerifyArgumentError, type Entity } from "../../src/index.js";
import { clientFor, collect, rejection, target } from "../support/helpers.js";
import { fakeServers } from "../support/server-pool.js";

const fake = fakeServers();
const identities = Array.from({ length: 23 }, (_, i) => `user-${String(i).padStart(4, "0")}`);

describe("listEntities", () => {
  it("lists every Entity of the Service, page by page, on the same pager as factors", async () => {
    const server = await fake({ identities });
    const list = clientFor(server).listEntities({ serviceSid: target.serviceSid, pageSize: 5 });
    const entities: Entity[] = await list.toArray();
    expect(entities.map((e) => e.identity)).toStrictEqual(identities);
    expect(server.log.map((r) => r.path)).toStrictEqual(
      Array(5).fill(`/v2/Services/${target.serviceSid}/Entities`),
    );
    const pages = await collect(list.pages());
    expect(pages.map((p) => p.entities.length)).toStrictEqual([5, 5, 5, 5, 3]);
    expect(pages[0]!.nextCursor).toStrictEqual({ page: 1, pageToken: "PT5_1" });
  });

  it("resumes from a page's cursor, with a limit", async () => {
    const server = await fake({ identities });
    const client = clientFor(server);
    const first = await client
      .listEntities({ serviceSid: target.serviceSid, pageSize: 10 })
      .firstPage();
    const rest = await client
      .listEntities({ serviceSid: target.serviceSid, pageSize: 10, limit: 4, ...first.nextCursor })
      .toArray();
    expect(rest.map((e) => e.identity)).toStrictEqual(identities.slice(10, 14));
  });

  it("a page without its entities array is a VerifyPaginationError that names it", async () => {
    const server = await fake({ identities });
    server.fail({ status: 200, body: JSON.stringify({ meta: { key: "entities" } }) });
    const list = clientFor(server).listEntities({ serviceSid: target.serviceSid });
    const error = await rejection(list.toArray());
    expect(error.message).toContain('(no "entities" array or no "meta" object)');
  });

  it("checks the Service SID at the call", () => {
    const client = clientFor({ url: "http://127.0.0.1:9" });
    expect(() => client.listEntities({ serviceSid: "VA1" })).toThrow(VerifyArgumentError);
  });
});
