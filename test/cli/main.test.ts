import { describe, expect, it } from "vitest";
import { credentials, listArgs as list, runMain as run } from "../support/cli.js";
import { ACCOUNT_SID, AUTH_TOKEN, IDENTITY, SERVICE_SID } from "../support/fake-verify.js";
import { fakeServers } from "../support/server-pool.js";

const fake = fakeServers();

describe("verify-factors list", () => {
  it("streams NDJSON, one factor a line, when piped", async () => {
    const server = await fake({ total: 7 });
    const result = await run(list(server.url, "--page-size", "3"));
    expect(result.code).toBe(0);
    const lines = result.stdout
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(lines).toEqual(server.factors);
    expect(result.stderr).toBe("");
    expect(server.log[0]!.authorization).toBe(
      "Basic " + Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString("base64"),
    );
  });

  it("prints one JSON array with --output json", async () => {
    const server = await fake({ total: 4 });
    const result = await run(list(server.url, "--output", "json", "--limit", "3"));
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(server.factors.slice(0, 3));
    expect(server.log[0]!.query.PageSize).toBe("3");
  });

  it("prints [] for an entity with no factors", async () => {
    const server = await fake({ total: 0 });
    const result = await run(list(server.url, "--output", "json"));
    expect(JSON.parse(result.stdout)).toEqual([]);
  });

  it("prints twilio-cli's columns as a table, or the ones asked for", async () => {
    const server = await fake({ total: 2 });
    const table = await run(list(server.url, "--output", "table"));
    const [header, first] = table.stdout.split("\n");
    expect(header!.split(/\s{2,}/)).toEqual(["SID", "Friendly Name", "Status", "Factor Type"]);
    expect(first!.split(/\s{2,}/)).toEqual([
      server.factors[0]!.sid,
      "device 0",
      "verified",
      "push",
    ]);
    const tsv = await run(list(server.url, "--output", "tsv", "--properties", "sid,metadata"));
    expect(tsv.stdout.split("\n").slice(0, 2)).toEqual([
      "sid\tmetadata",
      `${server.factors[0]!.sid}\t{"os":"Android"}`,
    ]);
  });

  it("uses an API key and secret with the account SID", async () => {
    const server = await fake({ total: 1 });
    const key = "SK" + "0".repeat(31) + "9";
    const result = await run(list(server.url), {
      TWILIO_ACCOUNT_SID: ACCOUNT_SID,
      TWILIO_API_KEY: key,
      TWILIO_API_SECRET: "fake_secret",
    });
    expect(result.code).toBe(0);
    expect(server.log[0]!.authorization).toBe(
      "Basic " + Buffer.from(`${key}:fake_secret`).toString("base64"),
    );
  });

  it("fails with exit 1 and one readable line: code, message, link and where to resume", async () => {
    const fault = {
      status: 404,
      body: JSON.stringify({
        code: 20404,
        message: "The requested resource was not found",
        more_info: "https://www.twilio.com/docs/errors/20404",
        status: 404,
      }),
    };
    const fresh = await fake({ total: 30 });
    fresh.fail({ delayMs: 0 }, fault);
    const result = await run(list(fresh.url, "--page-size", "10"));
    expect(result.code).toBe(1);
    const lines = result.stderr.trimEnd().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toBe(
      "verify-factors: error 20404: The requested resource was not found (HTTP 404) https://www.twilio.com/docs/errors/20404 (stopped part-way; resume with --page 1 --page-token PT10_1)",
    );
    expect(result.stdout.trimEnd().split("\n")).toHaveLength(10);
  });

  it.each([
    [["list", "--identity", IDENTITY], /--service-sid is required/],
    [["list", "--service-sid", SERVICE_SID, "--identity", "x"], /^verify-factors: identity is "x"/],
    [
      ["list", "--service-sid", SERVICE_SID, "--identity", IDENTITY, "--limit", "ten"],
      /--limit must be a whole number/,
    ],
    [
      ["list", "--service-sid", SERVICE_SID, "--identity", IDENTITY, "--output", "xml"],
      /--output must be one of/,
    ],
    [
      ["list", "--service-sid", SERVICE_SID, "--identity", IDENTITY, "--properties", "nope"],
      /unknown property "nope"/,
    ],
    [
      ["list", "--service-sid", SERVICE_SID, "--identity", IDENTITY, "--auth-token", "x"],
      /Unknown option '--auth-token'/,
    ],
    [["delete"], /unknown command "delete"/],
  ])("exits 2 on a usage error: %j", async (args, message) => {
    const result = await run(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe("");
  });

  it("exits 2 without credentials, naming the variables", async () => {
    const result = await run(["list", "--service-sid", SERVICE_SID, "--identity", IDENTITY], {});
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/TWILIO_ACCOUNT_SID/);
  });

  it("prints --help and --version", async () => {
    const help = await run(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: verify-factors list/);
    const version = await run(["--version"]);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it("on a terminal, prints a table and a progress line on stderr that it wipes", async () => {
    const server = await fake({ total: 30 });
    const result = await run(list(server.url, "--page-size", "10"), credentials, { tty: true });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^SID\s+Friendly Name\s+Status\s+Factor Type/);
    expect(result.stdout.match(/YF[0-9a-f]{32}/g)).toHaveLength(30);
    expect(result.stderr).toContain("\r2 pages, 20 factors so far…");
    expect(result.stderr.endsWith("\r\x1b[K")).toBe(true);
  });
});
