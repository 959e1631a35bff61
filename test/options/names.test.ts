import { describe, expect, it } from "vitest";
import { createVerifyClient, type VerifyClient } from "../../src/index.js";
import { ACCOUNT_SID, AUTH_TOKEN, SERVICE_SID } from "../support/fake-verify.js";
import { argumentError, clientFor, target } from "../support/helpers.js";
import { fakeServers } from "../support/server-pool.js";

const fake = fakeServers();
const good = { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN };

describe("an option no entry point takes is refused at the call, with the name it is closest to", () => {
  const calls: [string, string, string, (client: VerifyClient) => unknown][] = [
    [
      "createVerifyClient",
      "timeoutMS",
      "timeoutMs",
      () => createVerifyClient({ ...good, timeoutMS: 5 } as never),
    ],
    ["listFactors", "limt", "limit", (c) => c.listFactors({ ...target, limt: 5 } as never)],
    [
      "listEntities",
      "pagesize",
      "pageSize",
      (c) => c.listEntities({ serviceSid: SERVICE_SID, pagesize: 5 } as never),
    ],
    [
      "auditFactors",
      "concurency",
      "concurrency",
      (c) => c.auditFactors({ serviceSid: SERVICE_SID, concurency: 5 } as never),
    ],
  ];

  it.each(calls)("%s, given %s", async (entry, given, meant, call) => {
    const server = await fake({ total: 3, identities: ["fake-identity-0001"] });
    const error = argumentError(() => call(clientFor(server)));
    expect(error.parameter).toBe("options");
    expect(error.message).toMatch(
      new RegExp(
        `^options has "${given}", which ${entry} does not take \\(did you mean "${meant}"\\?\\); it must be an object of these options only: `,
      ),
    );
    expect(server.log).toHaveLength(0);
  });

  it("names every option the call takes", () => {
    const client = createVerifyClient(good);
    expect(argumentError(() => client.listFactors({ ...target, limt: 5 } as never)).message).toBe(
      'options has "limt", which listFactors does not take (did you mean "limit"?); it must be an ' +
        "object of these options only: serviceSid, identity, signal, maxRetries, timeoutMs, " +
        "headers, pageSize, limit, page, pageToken, prefetch",
    );
  });

  it("guesses nothing for a name close to none, and quotes a long one cut short", () => {
    const client = createVerifyClient(good);
    const far = argumentError(() => client.listFactors({ ...target, colour: "red" } as never));
    expect(far.message).toMatch(/^options has "colour", which listFactors does not take; it must/);
    const long = argumentError(() =>
      client.listFactors({ ...target, ["x".repeat(10_000)]: 1 } as never),
    );
    expect(long.message).toMatch(/^options has "x{40}…", which/);
    expect(long.message.length).toBeLessThan(300);
  });

  it("takes an option given as undefined, and a cursor spread in", async () => {
    const server = await fake({ total: 3 });
    const client = clientFor(server);
    const page = await client.listFactors({ ...target, pageSize: 2, limit: undefined }).firstPage();
    const rest = await client.listFactors({ ...target, pageSize: 2, ...page.nextCursor }).toArray();
    expect(rest).toHaveLength(1);
  });
});
