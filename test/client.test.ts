import { describe, expect, it } from "vitest";
import {
  createVerifyClient,
  VerifyAbortError,
  VerifyArgumentError,
  VerifyTimeoutError,
} from "../src/index.js";
import { ACCOUNT_SID, AUTH_TOKEN, IDENTITY, SERVICE_SID } from "./support/fake-verify.js";
import { argumentError, clientFor, gate, rejection, target, until } from "./support/helpers.js";
import { fakeServers } from "./support/server-pool.js";

const fake = fakeServers();
const PATH = "/v2/Services/{ServiceSid}/Entities/{Identity}/Factors";

describe("createVerifyClient checks its options", () => {
  const good = { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN };
  it.each([
    ["accountSid", { ...good, accountSid: "" }, /non-empty string/],
    ["authToken", { ...good, authToken: undefined }, /non-empty string/],
    ["baseUrl", { ...good, baseUrl: "verify.twilio.com" }, /absolute http\(s\) URL/],
    ["baseUrl", { ...good, baseUrl: "ftp://example.test" }, /absolute http\(s\) URL/],
    ["maxRetries", { ...good, maxRetries: -1 }, /integer/],
    ["maxRetries", { ...good, maxRetries: 1.5 }, /integer/],
    ["timeoutMs", { ...good, timeoutMs: 0 }, /integer/],
    ["fetch", { ...good, fetch: "fetch" }, /function/],
  ])("%s: %j", (parameter, options, rule) => {
    const error = argumentError(() => createVerifyClient(options as never));
    expect(error.parameter).toBe(parameter);
    expect(error.message).toMatch(new RegExp(`^${parameter} `));
    expect(error.message).toMatch(rule);
  });

  it.each([
    ["a password", "http://user:s3cret-pass@127.0.0.1:1", /with a user name or password/],
    ["a user name", "https://admin@verify.twilio.com", /with a user name or password/],
    ["a query", "https://verify.twilio.com/?region=ie1", /with a query or fragment/],
    ["an empty query", "https://verify.twilio.com/?", /with a query or fragment/],
    ["a fragment", "https://verify.twilio.com/#top", /with a query or fragment/],
  ])("baseUrl with %s is refused, and no secret is repeated", (_name, baseUrl, problem) => {
    const error = argumentError(() => createVerifyClient({ ...good, baseUrl }));
    expect(error.parameter).toBe("baseUrl");
    expect(error.message).toMatch(problem);
    expect(error.message).toMatch(/without user name, password, query or fragment/);
    for (const text of [error.message, String(error.stack), String(error.cause)]) {
      expect(text).not.toMatch(/s3cret|admin/);
    }
  });

  it.each([
    "https://verify.twilio.com/v2",
    "http://127.0.0.1:4010/v2/",
    "https://proxy.example/twilio/V2",
  ])("baseUrl %s, ending in /v2, is refused with what to give instead", (baseUrl) => {
    const error = argumentError(() => createVerifyClient({ ...good, baseUrl }));
    expect(error.parameter).toBe("baseUrl");
    expect(error.message).toMatch(/ending in \/v2; it must be the address before \/v2/);
  });

  it("a baseUrl with a path of its own before the API's is kept", () => {
    expect(() =>
      createVerifyClient({ ...good, baseUrl: "https://proxy.example/twilio" }),
    ).not.toThrow();
  });

  it("a URL that does not parse is not repeated past its host either", () => {
    const error = argumentError(() =>
      createVerifyClient({ ...good, baseUrl: "http://u:s3cret@[" }),
    );
    expect(error.message).not.toMatch(/s3cret/);
  });

  it.each(["accountSid", "authToken"])("%s with a lone surrogate is refused, unquoted", (name) => {
    const error = argumentError(() => createVerifyClient({ ...good, [name]: "secret\uD800value" }));
    expect(error.parameter).toBe(name);
    expect(error.message).toMatch(/lone UTF-16 surrogate; it must be a well-formed string/);
    expect(error.message).not.toMatch(/secret/);
  });

  it("an accountSid with a colon is refused: HTTP Basic would split it there", () => {
    const error = argumentError(() => createVerifyClient({ ...good, accountSid: "AC:123" }));
    expect(error.parameter).toBe("accountSid");
    expect(error.message).toBe(
      'accountSid is "AC:123" (6 characters); it must be free of colons (an Account or API Key SID)',
    );
  });

  it.each(["baseUrl", "logger"])("%s: null is refused like any other wrong value", (name) => {
    const error = argumentError(() => createVerifyClient({ ...good, [name]: null }));
    expect(error.parameter).toBe(name);
    expect(error.message).toMatch(new RegExp(`^${name} is null; it must be `));
  });

  it("refuses no options at all", () => {
    expect(argumentError(() => createVerifyClient(undefined as never)).parameter).toBe("options");
  });
});

describe("listFactors checks its options before any request", () => {
  it.each([
    ["serviceSid", { serviceSid: "VA123" }],
    ["serviceSid", { serviceSid: "XX" + "a".repeat(32) }],
    ["serviceSid", { serviceSid: undefined }],
    ["identity", { identity: "short" }],
    ["identity", { identity: "a".repeat(65) }],
    ["identity", { identity: "has space-12345" }],
    ["identity", { identity: "double--dash" }],
    ["identity", { identity: "../../../Services" }],
    ["identity", { identity: "........" }],
    ["pageSize", { pageSize: 0 }],
    ["pageSize", { pageSize: 1001 }],
    ["pageSize", { pageSize: 2.5 }],
    ["pageSize", { pageSize: "50" }],
    ["page", { page: -1 }],
    // Past 2^53 a number prints as 1e+21, or as another integer: no Page the spec allows.
    ["page", { page: 1e21 }],
    ["page", { page: Number.MAX_SAFE_INTEGER + 3 }],
    ["limit", { limit: 0 }],
    ["limit", { limit: Number.NaN }],
    ["pageToken", { pageToken: "" }],
    ["signal", { signal: {} }],
    // Half a signal: without removeEventListener its listener could never be let go.
    ["signal", { signal: { aborted: false, addEventListener() {} } }],
    ["prefetch", { prefetch: "yes" }],
    ["prefetch", { prefetch: null }],
  ])("%s: %j", async (parameter, bad) => {
    const server = await fake({ total: 3 });
    const client = clientFor(server);
    const error = argumentError(() => client.listFactors({ ...target, ...bad } as never));
    expect(error.parameter).toBe(parameter);
    expect(error.message.startsWith(`${parameter} is `)).toBe(true);
    expect(error.message).toMatch(/; it must be /);
    expect(server.log).toHaveLength(0);
  });

  it.each(["\uD800", "PT\uDC00x", "PT\uD83D"])(
    "pageToken %j (a lone surrogate) fails at the call, not later with a URIError",
    async (pageToken) => {
      const server = await fake({ total: 3 });
      const error = argumentError(() => clientFor(server).listFactors({ ...target, pageToken }));
      expect(error.parameter).toBe("pageToken");
      expect(server.log).toHaveLength(0);
    },
  );

  it("names the rule, the value and its problem", () => {
    const client = createVerifyClient({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });
    const error = argumentError(() => client.listFactors({ ...target, identity: "abc" }));
    expect(error.message).toBe(
      'identity is "abc" (3 characters); it must be 8 to 64 dash-separated alphanumeric characters',
    );
  });
});

describe("verify.api: the typed openapi-fetch client", () => {
  it("calls the endpoint with auth installed", async () => {
    const server = await fake({ total: 4 });
    const { data, error } = await clientFor(server).api.GET(PATH, {
      params: { path: { ServiceSid: SERVICE_SID, Identity: IDENTITY }, query: { PageSize: 2 } },
    });
    expect(error).toBeUndefined();
    expect(data?.factors.map((f) => f.sid)).toStrictEqual(
      server.factors.slice(0, 2).map((f) => f.sid),
    );
    expect(server.log[0]!.authorization).toMatch(/^Basic /);
  });

  it("percent-encodes path parameters", async () => {
    const server = await fake();
    await clientFor(server).api.GET(PATH, {
      params: { path: { ServiceSid: SERVICE_SID, Identity: "a/b?c d#e" } },
    });
    expect(server.log[0]!.path).toBe(
      `/v2/Services/${SERVICE_SID}/Entities/a%2Fb%3Fc%20d%23e/Factors`,
    );
  });

  it.each([
    ["Identity", { path: { ServiceSid: SERVICE_SID, Identity: "user\uD800" } }],
    [
      "PageToken",
      { path: { ServiceSid: SERVICE_SID, Identity: IDENTITY }, query: { PageToken: "\uDC00" } },
    ],
  ])("refuses a lone surrogate in %s, naming it, sending nothing", async (parameter, params) => {
    const server = await fake();
    const error = await rejection(clientFor(server).api.GET(PATH, { params }));
    expect(error).toBeInstanceOf(VerifyArgumentError);
    expect(error.parameter).toBe(parameter);
    expect(server.log).toHaveLength(0);
  });

  it.each(["..", ".", "%2e%2E", ""])(
    "refuses %j as a path segment, sending nothing",
    async (identity) => {
      const server = await fake();
      const error = await rejection(
        clientFor(server).api.GET(PATH, {
          params: { path: { ServiceSid: SERVICE_SID, Identity: identity } },
        }),
      );
      expect(error).toBeInstanceOf(VerifyArgumentError);
      expect(error.parameter).toBe("Identity");
      expect(server.log).toHaveLength(0);
    },
  );

  it.each([
    ["no options", []],
    ["no params", [{}]],
    ["a query but no path", [{ params: { query: { PageSize: 2 } } }]],
  ])(
    "refuses a call with %s, naming the first path parameter, sending nothing",
    async (_name, rest) => {
      const server = await fake();
      // Plain JavaScript: the types require params.path.
      const get = clientFor(server).api.GET as (
        path: string,
        ...rest: unknown[]
      ) => Promise<unknown>;
      const error = await rejection(get(PATH, ...rest));
      expect(error).toBeInstanceOf(VerifyArgumentError);
      expect(error.message).toBe("ServiceSid is undefined; it must be given");
      expect(server.log).toHaveLength(0);
    },
  );

  it("sends credentials to baseUrl's origin only", async () => {
    const server = await fake({ total: 1 });
    const other = await fake({ total: 1 });
    await clientFor(server).api.GET(PATH, {
      baseUrl: other.url,
      params: { path: { ServiceSid: SERVICE_SID, Identity: IDENTITY } },
    });
    expect(other.log).toHaveLength(1);
    expect(other.log[0]!.authorization).toBeUndefined();
  });

  it("does not follow redirects, so credentials cannot travel with one", async () => {
    const { createServer } = await import("node:http");
    const other = await fake({ total: 1 });
    const redirector = createServer((_req, res) => {
      res.writeHead(307, { location: `${other.url}${_req.url}` });
      res.end();
    });
    await new Promise<void>((resolve) => redirector.listen(0, "127.0.0.1", resolve));
    const { port } = redirector.address() as import("node:net").AddressInfo;
    try {
      const client = createVerifyClient({
        accountSid: ACCOUNT_SID,
        authToken: AUTH_TOKEN,
        baseUrl: `http://127.0.0.1:${port}`,
        maxRetries: 0,
      });
      const error = await rejection(client.listFactors(target).toArray());
      expect(error.status).toBe(307);
      expect(error.message).toBe(
        `HTTP 307 Temporary Redirect: a redirect to ${other.url}/v2/Services/${target.serviceSid}/Entities/${target.identity}/Factors, which is not followed`,
      );
      expect(other.log).toHaveLength(0);
    } finally {
      redirector.close();
    }
  });
});

describe("a fetch of one's own that ignores the signal it is given", () => {
  // Sends the request again without its signal, as a wrapper that passes on only the URL and
  // headers does; the fake never answers it.
  const deaf = (request: Request) => fetch(request.url, { headers: request.headers });

  it("still ends each attempt at timeoutMs", async () => {
    const server = await fake({ total: 1 });
    server.fail({ hang: true });
    const client = clientFor(server, { fetch: deaf, timeoutMs: 100, maxRetries: 0 });
    const error = await rejection(client.listFactors(target).toArray());
    expect(error).toBeInstanceOf(VerifyTimeoutError);
    expect(server.log).toHaveLength(1);
  });

  it("gives up the body of a response that comes after the attempt ended, unread", async () => {
    const server = await fake({ total: 120 });
    const held = gate();
    server.fail({ heldUntil: held.opened });
    let [cancelled, readToEnd] = [false, false];
    // Deaf, and watching what the attempt does with the body it resolves to.
    const watching = async (request: Request) => {
      const received = await deaf(request);
      const reader = received.body!.getReader();
      const body = new ReadableStream<Uint8Array>({
        async pull(controller) {
          const step = await reader.read();
          if (step.done) [readToEnd] = [true, controller.close()];
          else controller.enqueue(step.value);
        },
        cancel: (reason) => ((cancelled = true), reader.cancel(reason)),
      });
      return new Response(body, received);
    };
    const client = clientFor(server, { fetch: watching, timeoutMs: 100, maxRetries: 0 });
    expect(await rejection(client.listFactors(target).toArray())).toBeInstanceOf(
      VerifyTimeoutError,
    );
    held.open();
    await until(() => cancelled || readToEnd);
    expect([cancelled, readToEnd]).toStrictEqual([true, false]);
  });

  it.each([
    ["reading a body that is still coming", { endless: true } as const],
    ["waiting for a body that stalls", { stalled: true } as const],
  ])("stops %s when the attempt ends, and lets its connection go", async (_what, fault) => {
    const server = await fake({ total: 1 });
    server.fail(fault);
    const client = clientFor(server, {
      fetch: deaf,
      timeoutMs: 200,
      maxRetries: 0,
      maxResponseBytes: Number.MAX_SAFE_INTEGER,
    });
    expect(await rejection(client.listFactors(target).toArray())).toBeInstanceOf(
      VerifyTimeoutError,
    );
    // The deaf fetch's connection is the attempt's to close: the server sees the client go.
    await until(() => server.log[0]?.aborted === true, 5_000);
  });

  it("still ends the listing at once when the caller aborts", async () => {
    const server = await fake({ total: 1 });
    server.fail({ hang: true });
    const controller = new AbortController();
    const client = clientFor(server, { fetch: deaf, timeoutMs: 60_000 });
    const listing = rejection(
      client.listFactors({ ...target, signal: controller.signal }).toArray(),
    );
    await until(() => server.log.length === 1);
    controller.abort();
    expect(await listing).toBeInstanceOf(VerifyAbortError);
  });
});

/** How a listing ends when the client's own fetch resolves to `made()`, and how often it was called. */
async function withOwnFetch(made: () => unknown) {
  let calls = 0;
  const client = createVerifyClient({
    accountSid: ACCOUNT_SID,
    authToken: AUTH_TOKEN,
    fetch: async () => {
      calls++;
      return made() as Response;
    },
  });
  const error = await rejection(client.listFactors(target).toArray());
  return { error, calls };
}

/** A page's Response whose body someone has read, or holds a reader of. */
function read() {
  const response = new Response('{"factors":[],"meta":{"next_page_url":null}}');
  void response.text();
  return response;
}
function reading() {
  const response = new Response('{"factors":[],"meta":{"next_page_url":null}}');
  response.body!.getReader();
  return response;
}

describe("a fetch of one's own that resolves to something that is not a Response", () => {
  const notAResponse = "resolved to an object that is not a Response";
  const cases: [string, unknown, string][] = [
    ["an object", {}, notAResponse],
    ["null", null, "resolved to a value that is null"],
    ["a string", "ok", 'resolved to a value that is "ok" (2 characters)'],
    ["a body that is no stream", { status: 200, headers: new Headers(), body: {} }, notAResponse],
    ["no body at all", { status: 200, headers: new Headers() }, notAResponse],
    ["no headers", { status: 200, body: null }, notAResponse],
    ["headers that cannot be read", { status: 200, headers: {}, body: null }, notAResponse],
    ["a Response already read", read(), "resolved to a Response whose body was read"],
    ["a Response being read", reading(), "resolved to a Response whose body was read"],
  ];
  it.each(cases)(
    "%s: VerifyArgumentError naming fetch, at its first call, not retried",
    async (_n, value, problem) => {
      const { error, calls } = await withOwnFetch(() => value);
      expect(error).toBeInstanceOf(VerifyArgumentError);
      expect(error.parameter).toBe("fetch");
      expect(error.message).toBe(
        `fetch ${problem}; it must be a fetch function resolving to a Response (status, headers, and a body stream or null)`,
      );
      expect(calls).toBe(1);
    },
  );

  it.each([
    ["String", '{"factors":[],"meta":{"next_page_url":null}}'],
    ["ArrayBuffer", new TextEncoder().encode("{}").buffer],
  ])(
    "a body whose chunk is of type %s: VerifyArgumentError naming fetch, not retried",
    async (type, chunk) => {
      const body = () => new ReadableStream({ start: (c) => (c.enqueue(chunk), c.close()) });
      const { error, calls } = await withOwnFetch(() => new Response(body()));
      expect(error).toBeInstanceOf(VerifyArgumentError);
      expect(error.message).toBe(
        `fetch resolved to a Response whose body gave a chunk of type ${type}; it must be a fetch function whose body streams give Uint8Array chunks`,
      );
      expect(calls).toBe(1);
    },
  );
});
