import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { VerifyApiError, createVerifyClient, type Cursor, type FactorPage } from "../src/index.js";
import {
  ACCOUNT_SID,
  AUTH_TOKEN,
  IDENTITY,
  SERVICE_SID,
  startFakeVerify,
  type FakeVerify,
} from "./support/fake-verify.js";
import { listArgs, runMain } from "./support/cli.js";
import { collect, rejection } from "./support/helpers.js";
import { startPrism, type Prism } from "./support/prism.js";
import { examples, fixture } from "./support/spec.js";

// With `Prefer: dynamic=true` (or `-d`) Prism makes up every answer from the schemas, at random:
// each run meets different factors, configs, extra properties and next_page_url values, as the
// spec allows them.
const RUNS = 20;
/** Dynamic listings in a row that must each list every factor asked for. */
const LISTINGS = 60;

const target = { serviceSid: "VA" + "a".repeat(32), identity: "ff483d1ff591898a9942916050d2ca3f" };

/** A page as the loop guard tells pages apart. */
const key = (cursor: Cursor | null) => `${cursor?.page ?? ""}\u0000${cursor?.pageToken ?? ""}`;

/** A fetch that asks Prism for one named example or status, and keeps the answers' headers. */
function preferring(prefer: string, seen: Headers[] = []) {
  return async (request: Request) => {
    request.headers.set("Prefer", prefer);
    const response = await fetch(request);
    seen.push(response.headers);
    return response;
  };
}

describe("against `prism mock openapi/verify.yaml`", () => {
  let prism: Prism;
  beforeAll(async () => {
    prism = await startPrism(["mock", "openapi/verify.yaml"]);
  }, 40_000);
  afterAll(() => prism?.stop());

  const client = (prefer: string, seen?: Headers[]) =>
    createVerifyClient({
      accountSid: ACCOUNT_SID,
      authToken: AUTH_TOKEN,
      baseUrl: prism.url,
      maxRetries: 0,
      fetch: preferring(prefer, seen),
    });

  it.each(Object.entries(examples))(
    "the client's requests pass validation and the %s example parses",
    async (example, file) => {
      const seen: Headers[] = [];
      const list = client(`example=${example}`, seen).listFactors({ ...target, pageSize: 20 });
      const [page] = await collect(list.pages());
      expect(seen[0]!.get("sl-violations")).toBeNull();
      const { response, ...rest } = page!;
      expect(rest).toEqual({ ...fixture(file), nextCursor: null });
      expect([response.status, response.attempts]).toEqual([200, 1]);
    },
  );

  it(`pages through answers made up from the spec (Prefer: dynamic=true), ${LISTINGS} listings in a row`, async () => {
    // Made-up PageTokens follow the spec's pattern (8 or more characters), so none repeats and
    // the loop guard never has to end a listing: every one of them lists all 9 factors.
    for (let run = 0; run < LISTINGS; run++) {
      const seen: Headers[] = [];
      const listing = client("dynamic=true", seen).listFactors({
        ...target,
        pageSize: 7,
        limit: 9,
      });
      const pages: FactorPage[] = [];
      for await (const page of listing.pages()) pages.push(page);
      expect(pages.flatMap((page) => page.factors)).toHaveLength(9);
      const asked = [null, ...pages.map((page) => page.nextCursor)].map(key);
      expect(new Set(asked).size).toBe(asked.length);
      expect(seen.map((headers) => headers.get("sl-violations"))).toStrictEqual(
        seen.map(() => null),
      );
    }
  }, 120_000);

  const dynamic = ["--header", "Prefer: dynamic=true"];
  it(`answers made up from the spec are ones the command lists without error, ${RUNS} of ${RUNS} runs`, async () => {
    const runs = [];
    for (let run = 0; run < RUNS; run++) {
      runs.push(
        await runMain(listArgs(prism.url, "--limit", "12", "--output", "ndjson", ...dynamic)),
      );
    }
    expect(runs.filter((r) => r.code !== 0).map((r) => r.stderr)).toStrictEqual([]);
    for (const { stdout } of runs) {
      const rows = stdout
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line));
      expect(rows).toHaveLength(12);
      expect(rows.every((row) => typeof row.sid === "string" || row.sid === null)).toBe(true);
    }
  }, 120_000);

  it("lists Entities, and audits them from the command line, as the README shows", async () => {
    const entities = await client("example=entities")
      .listEntities({ serviceSid: target.serviceSid })
      .toArray();
    expect(entities).toEqual(fixture("entities").entities);
    const result = await runMain([
      "audit",
      "--service-sid",
      target.serviceSid,
      "--base-url",
      prism.url,
      "--output",
      "tsv",
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      "identity\tsid\tfriendly_name\tstatus\tfactor_type\n" +
        "ff483d1ff591898a9942916050d2ca3f\tYFaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\tfriendly_name\tunverified\tpush\n",
    );
    expect(result.stderr).toMatch(
      /1 entity: 0 with a verified factor, 1 with only unverified factors, 0 with no factors, 0 failed; factors by type\/status: push\/unverified 1/,
    );
  });

  it.each([
    ["code=400", 400, 60306, "Invalid Request"],
    ["code=401", 401, 20003, "Permission Denied"],
    ["code=403", 403, 20403, "403 Forbidden"],
    ["code=404", 404, 20404, "Not Found"],
    ["code=429", 429, 20429, "Too Many Requests"],
    ["code=500", 500, 20500, "Internal Server Error"],
    ["code=503, example=serviceUnavailable", 503, 20503, "Service unavailable"],
  ])(
    "`Prefer: %s` answers with Twilio's error body for it",
    async (prefer, status, code, message) => {
      const error = await rejection(client(prefer).listFactors(target).toArray());
      expect(error).toBeInstanceOf(VerifyApiError);
      expect([error.status, error.code, error.message, error.moreInfo]).toStrictEqual([
        status,
        code,
        message,
        `https://www.twilio.com/docs/errors/${code}`,
      ]);
    },
  );

  it("a request that breaks the spec is caught by Prism (so the check above can fail)", async () => {
    const seen: Headers[] = [];
    const { response } = await client("code=200", seen).api.GET(
      "/v2/Services/{ServiceSid}/Entities/{Identity}/Factors",
      { params: { path: { ServiceSid: "VA123", Identity: "x" }, query: { PageSize: 5000 } } },
    );
    expect(response.status).toBe(400);
    expect(seen[0]!.get("sl-violations")).toMatch(/pagesize/i);
  });

  it.each([400, 401, 403, 404, 429, 500])(
    "a %i answer in Twilio's error shape becomes a VerifyApiError",
    async (status) => {
      const error = await rejection(client(`code=${status}`).listFactors(target).toArray());
      expect(error).toBeInstanceOf(VerifyApiError);
      expect(error.status).toBe(status);
      expect(error.code).toEqual(expect.any(Number));
      expect(error.moreInfo).toEqual(expect.any(String));
    },
  );
});

describe("the fake server seen through `prism proxy --errors`", () => {
  let fake: FakeVerify;
  let proxy: Prism;
  beforeAll(async () => {
    // Meta URLs as Twilio writes them (https); the client never follows their host anyway.
    const linkOrigin = "https://verify.twilio.com";
    // Its PageTokens ("PT10_1") lengthened to the 8 or more characters the spec's pattern asks.
    const nextPageUrl = (url: string | null) =>
      url?.replace(/(PageToken=PT\d+_\d+)/, "$1_long") ?? null;
    fake = await startFakeVerify({ total: 25, emptyPages: [1], linkOrigin, nextPageUrl });
    proxy = await startPrism(["proxy", "openapi/verify.yaml", fake.url, "--errors"]);
  }, 60_000);
  afterAll(async () => {
    await Promise.all([proxy?.stop(), fake?.close()]);
  });

  const through = (prism: Prism) =>
    createVerifyClient({
      accountSid: ACCOUNT_SID,
      authToken: AUTH_TOKEN,
      baseUrl: prism.url,
      maxRetries: 0,
    });

  it("answers every page in the spec's shape", async () => {
    const factors = await through(proxy)
      .listFactors({ serviceSid: SERVICE_SID, identity: IDENTITY, pageSize: 10 })
      .toArray();
    expect(factors.map((f) => f.sid)).toEqual(fake.factors.map((f) => f.sid));
    expect(fake.log.length).toBe(4);
  });

  it("answers its errors in the spec's shape", async () => {
    fake.fail({
      status: 404,
      body: JSON.stringify({
        code: 20404,
        message: "Not found",
        more_info: "https://www.twilio.com/docs/errors/20404",
        status: 404,
      }),
    });
    const error = await rejection(
      through(proxy).listFactors({ serviceSid: SERVICE_SID, identity: IDENTITY }).toArray(),
    );
    expect(error.status).toBe(404);
    expect(error.code).toBe(20404);
  });

  it("would be caught drifting: a factor status outside the enum is a violation", async () => {
    // The fake's own first page, with one status the spec does not have.
    const path = `/v2/Services/${SERVICE_SID}/Entities/${IDENTITY}/Factors?PageSize=3`;
    const page = await (
      await fetch(new URL(path, fake.url), {
        headers: { authorization: `Basic ${btoa(`${ACCOUNT_SID}:${AUTH_TOKEN}`)}` },
      })
    ).json();
    page.factors[0].status = "pending";
    fake.fail({ status: 200, body: JSON.stringify(page) });
    const error = await rejection(
      through(proxy).listFactors({ serviceSid: SERVICE_SID, identity: IDENTITY }).toArray(),
    );
    expect(error).toBeInstanceOf(VerifyApiError);
    expect(error.status).toBe(500);
    expect(error.body).toMatch(/status/);
  });
});
