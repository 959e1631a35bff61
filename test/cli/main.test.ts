import { execFileSync } from "node:child_process";
import { createServer, type AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { OPTIONS } from "../../src/cli/flags.js";
import { auditArgs, credentials, listArgs as list, runMain as run } from "../support/cli.js";
import { ACCOUNT_SID, AUTH_TOKEN, IDENTITY, SERVICE_SID } from "../support/fake-verify.js";
import { noTlsServer } from "../support/helpers.js";
import { fakeServers } from "../support/server-pool.js";

const fake = fakeServers();

/** An error answer in Twilio's shape, its `more_info` the code's page unless given. */
const twilioFault = (status: number, code: number, message: string, more = {}) => ({
  status,
  body: JSON.stringify({
    code,
    message,
    more_info: `https://www.twilio.com/docs/errors/${code}`,
    status,
    ...more,
  }),
});

describe("a stdout that cannot be written (a full disk)", () => {
  const failed = "verify-factors: cannot write the output (ENOSPC)\n";

  it.each([
    ["page after page", ["--page-size", "1"]],
    ["as JSON", ["--page-size", "1", "-o", "json"]],
  ])("list (%s) exits 1 with one line, and asks for no more pages", async (_, more) => {
    const server = await fake({ total: 3 });
    const result = await run(list(server.url, ...more), credentials, { full: true });
    expect(result).toMatchObject({ code: 1, stderr: failed });
    expect(server.log.length).toBeLessThanOrEqual(2); // the page it could not write, and a prefetch
  });

  it("--version exits 1 with one line", async () => {
    expect(await run(["--version"], credentials, { full: true })).toMatchObject({
      code: 1,
      stderr: failed,
    });
  });
});

describe("a factor a hostile server nested deeper than JSON can be written", () => {
  it("ends list and audit with one line naming it, exit 1", async () => {
    const deep = "[".repeat(100_000) + "]".repeat(100_000);
    const body = `{"factors":[{"sid":"YF1","identity":"${IDENTITY}","config":${deep}}],"meta":{"next_page_url":null}}`;
    const server = await fake({ identities: [IDENTITY] });
    const failed = "verify-factors: factor YF1 is nested too deeply to write as JSON\n";
    server.fail({ status: 200, body });
    expect(await run(list(server.url))).toMatchObject({ code: 1, stdout: "", stderr: failed });
    server.fail({ delayMs: 0 }, { status: 200, body }); // the Entities, then that one's Factors
    expect(await run(auditArgs(server.url))).toMatchObject({ code: 1, stderr: failed });
  });
});

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
    const fault = twilioFault(404, 20404, "The requested resource was not found");
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
    [
      ["list", "--service-sid", SERVICE_SID, "--identity", "x"],
      /^verify-factors: --identity is "x" \(1 character\); it must be 8 to 64/,
    ],
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
      /^verify-factors: unknown flag --auth-token: credentials come from the environment only/,
    ],
    [["delete"], /unknown command "delete"; the commands are "list" and "audit"$/m],
    [["lst"], /unknown command "lst"; did you mean list\?$/m],
    [
      [
        "list",
        "--service-sid",
        SERVICE_SID,
        "--identity",
        IDENTITY,
        "--properties",
        "sid,friendlyName",
      ],
      /unknown property "friendlyName"; did you mean friendly_name\? \(known: sid,account_sid,/,
    ],
    [
      ["audit", "--service-sid", SERVICE_SID, "--out", "--summary", "s.json"],
      /^verify-factors: --out needs a value; --summary is a flag of its own$/m,
    ],
    [
      ["audit", "--service-sid", SERVICE_SID, "--summary", "--output=json"],
      /^verify-factors: --summary needs a value; --output=json is a flag of its own$/m,
    ],
    [
      ["audit", "--service-sid", SERVICE_SID, "--failed", "--x"],
      /^verify-factors: --failed needs a value; to give one that starts with --, write --failed=VALUE$/m,
    ],
    [
      ["list", "--service-sid", SERVICE_SID, "--identity", IDENTITY, "--properties", "-o", "tsv"],
      /^verify-factors: --properties needs a value; -o is a flag of its own$/m,
    ],
    [["Audit"], /unknown command "Audit"; did you mean audit\?$/m],
    [
      ["list", "--service-sid=", "--identity", IDENTITY],
      /^verify-factors: --service-sid is "" \(0 characters\); it must be VA followed by 32 hex digits/m,
    ],
    [
      ["list", "--service-sid", SERVICE_SID, "--identity="],
      /^verify-factors: --identity is "" \(0 characters\); it must be 8 to 64 dash-separated/m,
    ],
    [
      [
        "list",
        "--service-sid",
        SERVICE_SID,
        "--identity",
        IDENTITY,
        "--identity",
        "other-identity",
      ],
      /^verify-factors: --identity is given more than once; give it once$/m,
    ],
    [
      ["list", "--service-sid", SERVICE_SID, "--identity", IDENTITY, "-o", "json", "--output=tsv"],
      /^verify-factors: --output is given more than once; give it once$/m,
    ],
  ])("exits 2 on a usage error: %j", async (args, message) => {
    const result = await run(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe("");
  });

  it("writes the server's error text visibly on stderr: one line, no control character", async () => {
    const fresh = await fake({ total: 3 });
    fresh.fail(
      twilioFault(404, 20404, "gone\u001b]52;c;ZWNobyBoaQ==\u0007\nverify-factors: all good", {
        more_info: "https://www.twilio.com/docs/errors/20404\u001b[2J",
      }),
    );
    const result = await run(list(fresh.url));
    expect(result.code).toBe(1);
    expect(result.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    expect(result.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(result.stderr).toMatch(/gone\\u001b\]52;c;ZWNobyBoaQ==\\u0007 verify-factors: all/);
    expect(result.stderr).toMatch(/errors\/20404\\u001b\[2J/);
  });

  it("cuts a more_info link past 200 characters, as it does the message", async () => {
    const fresh = await fake({ total: 3 });
    const link = `https://example.invalid/${"l".repeat(100_000)}`;
    fresh.fail(twilioFault(404, 20404, "gone", { more_info: link }));
    const result = await run(list(fresh.url));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(` ${link.slice(0, 200)}…\n`);
    expect(result.stderr.length).toBeLessThan(1_000);
  });

  /**
   * The resume hint after a listing whose second page is named `token` fails, and the words bash
   * makes of it.
   */
  async function resumeHintFor(token: string) {
    const fresh = await fake({
      total: 30,
      nextPageUrl: (url) =>
        url && url.replace(/PageToken=PT10_1/, `PageToken=${encodeURIComponent(token)}`),
    });
    fresh.fail({ delayMs: 0 }, { status: 400 });
    const result = await run(list(fresh.url, "--page-size", "10"), { ...credentials });
    expect(result.code).toBe(1);
    const hint = /resume with (.*)\)$/.exec(result.stderr.trimEnd())![1]!;
    const words = execFileSync("bash", ["-c", `printf '%s\\0' ${hint}`], { encoding: "utf8" });
    return { hint, words: words.split("\0").slice(0, -1) };
  }

  it("quotes the resume hint for a shell: a token like PT1;echo hi runs nothing", async () => {
    const token = "PT10_1;echo 'hi' $(id)";
    const { hint, words } = await resumeHintFor(token);
    expect(hint).toBe(`--page 1 --page-token 'PT10_1;echo '\\''hi'\\'' $(id)'`);
    // What a shell makes of the hint: the flags, and the token back whole.
    expect(words).toEqual(["--page", "1", "--page-token", token]);
  });

  it("writes a token with control characters in the resume hint as escapes a shell reads back", async () => {
    const token = "PT10_1\n\u202e\\'x";
    const { hint, words } = await resumeHintFor(token);
    expect(hint).toBe(`--page 1 --page-token $'PT10_1\\x0a\\xe2\\x80\\xae\\\\\\'x'`);
    expect(words).toEqual(["--page", "1", "--page-token", token]);
  });

  it.each(["--x", "-o"])(
    "gives a token that starts with a dash (%s) inline, so the hint resumes rather than reads it as a flag",
    async (token) => {
      const { hint, words } = await resumeHintFor(token);
      expect(hint).toBe(`--page 1 --page-token=${token}`);
      const server = await fake({ total: 30 });
      await run(list(server.url, ...words), { ...credentials });
      expect(server.log.map((request) => request.query.PageToken)).toStrictEqual([token]);
    },
  );

  it("exits 2 for a --base-url with a password, and never prints the password", async () => {
    const result = await run(list("http://user:s3cret@127.0.0.1:9"));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^verify-factors: --base-url .*with a user name or password/);
    expect(result.stderr).not.toMatch(/s3cret/);
  });

  it("exits 2 for a --base-url that ends in /v2, saying what to give", async () => {
    const result = await run(list("https://verify.twilio.com/v2"));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^verify-factors: --base-url .*ending in \/v2; it must be the address before \/v2/,
    );
  });

  it("a refused connection says what to check, after its retries", async () => {
    // A port nothing listens on: bound, then closed.
    const port = await new Promise<number>((done) => {
      const probe = createServer().listen(0, "127.0.0.1", () => {
        const { port } = probe.address() as AddressInfo;
        probe.close(() => done(port));
      });
    });
    const result = await run(list(`http://127.0.0.1:${port}`));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /connection failed .*; no response after every retry: check --base-url \(or VERIFY_BASE_URL\) and the network$/m,
    );
  });

  it("a server TLS refuses says so, at once, and what to check", async () => {
    const server = await noTlsServer();
    try {
      const result = await run(list(server.url));
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(
        /^verify-factors: GET https:\/\/127\.0\.0\.1:\d+: connection failed \(.*wrong version number.*\); TLS refused the server \(a certificate not trusted, or no TLS at that address\), so it was not tried again: check --base-url \(or VERIFY_BASE_URL\) and the network\n$/,
      );
      expect(server.connections()).toBe(1);
    } finally {
      await server.close();
    }
  });

  it("a bare 404 that is not Twilio's says to check the address", async () => {
    const server = await fake({ total: 3 });
    server.fail({ status: 404, body: "Not Found", contentType: "text/plain" });
    const result = await run(list(server.url));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/not Twilio's error response: check --base-url/);
  });

  it("exits 1 with a message, not a crash, when a page holds non-objects", async () => {
    const fresh = await fake({ factors: [null, 1, "x", []] as never });
    const result = await run([...list(fresh.url), "--output", "table"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/factors\[0\] is null, not an object/);
  });

  it("sends requests to VERIFY_BASE_URL when --base-url is not given; the flag wins", async () => {
    const server = await fake({ total: 2 });
    const other = await fake({ total: 5 });
    const args = ["list", "--service-sid", SERVICE_SID, "--identity", IDENTITY];
    const fromEnv = await run(args, { ...credentials, VERIFY_BASE_URL: server.url });
    expect(fromEnv.code).toBe(0);
    expect(fromEnv.stdout.trimEnd().split("\n")).toHaveLength(2);
    const fromFlag = await run([...args, "--base-url", other.url], {
      ...credentials,
      VERIFY_BASE_URL: server.url,
    });
    expect(fromFlag.stdout.trimEnd().split("\n")).toHaveLength(5);
    const bad = await run(args, { ...credentials, VERIFY_BASE_URL: "verify.twilio.com" });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^verify-factors: VERIFY_BASE_URL is "verify.twilio.com"/);
  });

  it("reads credentials without the spaces or CR around them, and a blank one as unset", async () => {
    const server = await fake({ total: 2 });
    const padded = {
      TWILIO_ACCOUNT_SID: ` ${credentials.TWILIO_ACCOUNT_SID}\r`,
      TWILIO_AUTH_TOKEN: `${credentials.TWILIO_AUTH_TOKEN}\r\n`,
      TWILIO_API_KEY: " ",
    };
    expect((await run(list(server.url), padded)).code).toBe(0);
    const blank = await run(list(server.url), { ...padded, TWILIO_AUTH_TOKEN: " \r" });
    expect(blank.code).toBe(2);
    expect(blank.stderr).toMatch(/^verify-factors: TWILIO_AUTH_TOKEN is not set/);
  });

  it("uses TWILIO_API_KEY and TWILIO_API_SECRET alone: Verify's paths need no Account SID", async () => {
    const server = await fake({ total: 2 });
    const key = "SK" + "0".repeat(31) + "2";
    const result = await run(list(server.url), { TWILIO_API_KEY: key, TWILIO_API_SECRET: "fake" });
    expect(result.code).toBe(0);
    expect(server.log[0]!.authorization).toBe(
      "Basic " + Buffer.from(`${key}:fake`).toString("base64"),
    );
  });

  it.each([
    [["--bogus"], "unknown flag --bogus: see --help for the flags"],
    [["--page-sise", "5"], "unknown flag --page-sise: did you mean --page-size?"],
    [["--servic", "VA1"], "unknown flag --servic: did you mean --service-sid?"],
    [["--identities", "f"], '--identities is not a flag of "list"; did you mean --identity?'],
    [["--output"], "--output needs a value"],
    [["-o"], "-o needs a value"],
    [["--limit", "-1"], '--limit must be a whole number, got "-1"'],
    [["--limit=-1"], '--limit must be a whole number, got "-1"'],
    [["--page-size", "2000"], "--page-size is 2000; it must be an integer from 1 to 1000"],
    [
      ["--page-size", "99999999999999999999"],
      '--page-size must be a whole number up to 9007199254740991, got "99999999999999999999"',
    ],
    [["--page-token", "PT\uD800"], "--page-token has a lone UTF-16 surrogate"],
    [["--header", "NoColon"], "--header must be 'Name: value', with a colon after the name"],
    [["--header", "Bad Name: x"], '--header has a name that is "Bad Name" (8 characters)'],
    [
      ["--header", "X-Token: s3cret\r\nInjected: 1"],
      '--header has "X-Token" with a value holding a line break or control character',
    ],
    [["--header", "Transfer-Encoding: chunked"], '--header has "Transfer-Encoding"'],
    [
      ["--header", "authorization: Basic czNjcmV0"],
      "--header cannot set Authorization: credentials come from the environment only (see Environment in --help)",
    ],
    [
      ["--header", "X-Token: s3cret \u20ac"],
      '--header has "X-Token" with a value holding a character above U+00FF',
    ],
  ])(
    "says what is wrong with %j in its own words, naming the flag, then the help hint",
    async (extra, message) => {
      const server = await fake({ total: 1 });
      const result = await run([...list(server.url), ...extra]);
      expect(result.code).toBe(2);
      const [first, hint, ...rest] = result.stderr.split("\n");
      expect(first).toContain(`verify-factors: ${message}`);
      expect(hint).toBe("Try: verify-factors --help");
      expect(rest).toEqual([""]);
      expect(result.stderr).not.toContain("s3cret");
      expect(server.log).toHaveLength(0);
    },
  );

  it("sends each --header with every request", async () => {
    const server = await fake({ total: 5 });
    const result = await run(
      list(
        server.url,
        "--page-size",
        "2",
        "--header",
        "Prefer: example=push",
        "--header",
        "X-Trace:  t-1",
      ),
    );
    expect(result.code).toBe(0);
    expect(server.log).toHaveLength(3);
    for (const { headers } of server.log) {
      expect([headers.prefer, headers["x-trace"]]).toEqual(["example=push", "t-1"]);
    }
  });

  it("leaves valid JSON on stdout when a json listing fails part-way", async () => {
    const server = await fake({ total: 30 });
    server.fail({ delayMs: 0 }, { status: 404 });
    const result = await run(list(server.url, "--page-size", "10", "--output", "json"));
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toEqual(server.factors.slice(0, 10));
    expect(result.stderr).toMatch(/^verify-factors: error 20404/);
  });

  it.each([
    [["--page-size", "1001"], /^verify-factors: --page-size is 1001; it must be/],
    [["--page-token", ""], /^verify-factors: --page-token is "" \(0 characters\)/],
  ])("writes nothing on stdout when the listing refuses %j with -o json", async (more, message) => {
    const server = await fake({ total: 3 });
    const result = await run(list(server.url, "--output", "json", ...more));
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(message);
    expect(server.log).toHaveLength(0);
  });

  it("after a 401, names the variables to check, and quotes the request id", async () => {
    const server = await fake({ total: 3 });
    const requestId = "RQ" + "0".repeat(31) + "9";
    server.fail({ ...twilioFault(401, 20003, "Authenticate"), requestId });
    const result = await run(list(server.url));
    expect(result.code).toBe(1);
    expect(result.stderr.trimEnd()).toBe(
      `verify-factors: error 20003: Authenticate (HTTP 401) https://www.twilio.com/docs/errors/20003 [request ${requestId}]; check TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN: they were not accepted`,
    );
  });

  it("after a 403, says the credentials may not use the Service", async () => {
    const server = await fake({ total: 3 });
    server.fail({ status: 403 });
    const key = "SK" + "0".repeat(31) + "2";
    const result = await run(list(server.url), { TWILIO_API_KEY: key, TWILIO_API_SECRET: "x" });
    expect(result.stderr).toMatch(
      /the credentials in TWILIO_API_KEY and TWILIO_API_SECRET may not use this Service$/m,
    );
  });

  it("words an HTML 502 as such, once", async () => {
    const server = await fake({ total: 3 });
    const page = {
      status: 502,
      body: "<html><h1>502 Bad Gateway</h1></html>",
      contentType: "text/html",
    };
    server.fail(page, page, page);
    const result = await run(list(server.url));
    expect(result.code).toBe(1);
    expect(result.stderr.trimEnd()).toBe(
      "verify-factors: HTTP 502 Bad Gateway: an HTML page, not Twilio's JSON error",
    );
  });

  it("--log-level debug tells each request on stderr, without credentials", async () => {
    const server = await fake({ total: 3 });
    const result = await run(list(server.url, "--log-level", "debug"));
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(
      /^\[verify-factors\] GET http:\/\/127\.0\.0\.1:\d+\/v2\/.*Factors -> HTTP 200 \(attempt 1, \d+ ms, RQ[0-9a-f]{32}\)\n$/,
    );
    expect(result.stderr).not.toContain(AUTH_TOKEN);
  });

  it.each([
    [["--log-level", "loud"], {}, /^verify-factors: --log-level is "loud"/],
    [[], { VERIFY_FACTORS_LOG: "loud" }, /^verify-factors: VERIFY_FACTORS_LOG is "loud"/],
  ])(
    "refuses an unknown log level, naming where it came from: %j %j",
    async (extra, env, message) => {
      const server = await fake({ total: 1 });
      const result = await run([...list(server.url), ...extra], { ...credentials, ...env });
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(message);
    },
  );

  it("--help names every flag, every variable and the exit codes", async () => {
    const { stdout } = await run(["--help"]);
    for (const flag of Object.keys(OPTIONS)) expect(stdout).toContain(`--${flag}`);
    for (const name of [
      "VERIFY_FACTORS_LOG",
      "TWILIO_ACCOUNT_SID",
      "TWILIO_AUTH_TOKEN",
      "TWILIO_API_KEY",
      "TWILIO_API_SECRET",
      "VERIFY_BASE_URL",
    ]) {
      expect(stdout).toContain(name);
    }
    expect(stdout).toMatch(/Exit codes: 0 [^]* 1 [^]* 2 [^]*130/);
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
    expect(result.stderr).toContain("\r\x1b[K2 pages, 20 factors so far…");
    expect(result.stderr.endsWith("\r\x1b[K")).toBe(true);
  });
});
