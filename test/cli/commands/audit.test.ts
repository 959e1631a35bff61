import { spawn, type ChildProcess } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  truncateSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { auditArgs, bin, credentials, runMain as run, spawnBin } from "../../support/cli.js";
import {
  makeFactor,
  SERVICE_SID,
  type FakeOptions,
  type FakeVerify,
} from "../../support/fake-verify.js";
import { until } from "../../support/helpers.js";
import { fakeServers } from "../../support/server-pool.js";
import { tempDir } from "../../support/temp-dir.js";

const fake = fakeServers();
const names = (n: number) =>
  Array.from({ length: n }, (_, i) => `user-${String(i).padStart(5, "0")}`);
/** Each identity's own factors: push verified, totp unverified, push unverified, by its number. */
const factorsFor = (identity: string) =>
  Array.from({ length: Number(identity.slice(-5)) % 4 }, (_, i) => ({
    ...makeFactor(i),
    sid: `YF${identity.slice(-5)}${String(i).padStart(27, "0")}`,
    identity,
    factor_type: i % 2 === 0 ? "push" : "totp",
    status: i === 0 ? "verified" : "unverified",
  }));
/** How many factors, so rows unfiltered, these identities have between them. */
const factorCount = (identities: string[]) =>
  identities.reduce((n, id) => n + factorsFor(id).length, 0);

function identitiesFile(identities: string[]): string {
  const file = join(tempDir("audit-"), "identities.txt");
  writeFileSync(file, identities.join("\n") + "\n");
  return file;
}

const audit = (server: FakeVerify, ...more: string[]) => auditArgs(server.url, ...more);

/**
 * An audit of `identities` read from a file, writing its rows to --out with a --checkpoint, both
 * in a folder of its own; `args(...more)` is the command with any further flags.
 */
function checkpointed(server: FakeVerify, identities: string[]) {
  const dir = tempDir("audit-checkpointed-");
  const paths = { dir, out: join(dir, "out.ndjson"), checkpoint: join(dir, "cp") };
  const input = identitiesFile(identities);
  const args = (...more: string[]) =>
    audit(
      server,
      "--identities",
      input,
      "--out",
      paths.out,
      "--checkpoint",
      paths.checkpoint,
      ...more,
    );
  return { paths, args };
}

const rowsOf = (stdout: string) =>
  stdout
    .trimEnd()
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line));

/** The Entities a checkpoint has recorded (its lines, less the binding and the end). */
const recordsIn = (checkpoint: string) =>
  existsSync(checkpoint) ? readFileSync(checkpoint, "utf8").split("\n").length - 2 : 0;

/** A child's exit code, once it has closed. */
const exitOf = (child: ChildProcess) =>
  new Promise<number | null>((done) => child.on("close", (code) => done(code)));

/**
 * Starts an audit and kills it without warning (-9) once `checkpoint` holds `more` Entities than
 * before it started (however slow the machine is to start it); its exit code.
 */
async function killedOnceRecorded(start: () => ChildProcess, checkpoint: string, more: number) {
  const before = recordsIn(checkpoint);
  const child = start();
  const ended = exitOf(child);
  let exited = false;
  void ended.then(() => (exited = true));
  await until(() => exited || recordsIn(checkpoint) >= before + more);
  child.kill("SIGKILL");
  return ended;
}

describe("verify-factors audit", () => {
  it("writes one row per factor with its identity, for every identity of a file", async () => {
    const server = await fake({ factorsFor });
    const identities = names(20);
    const result = await run(audit(server, "--identities", identitiesFile(identities)));
    expect(result.code).toBe(0);
    const rows = rowsOf(result.stdout);
    expect(rows.map((r) => r.sid).sort()).toEqual(
      identities.flatMap((id) => factorsFor(id).map((f) => f.sid)).sort(),
    );
    // Whole factors, as `list` writes them: each carries its identity.
    expect(rows.every((r) => identities.includes(r.identity))).toBe(true);
    expect(result.stderr).toMatch(
      /^verify-factors: 20 entities: 15 with a verified factor, 0 with only unverified factors, 5 with no factors, 0 failed; factors by type\/status: .*push\/verified 15.*; 30 rows written\n$/,
    );
  });

  it("without --identities, audits every Entity of the Service", async () => {
    const server = await fake({ factorsFor, identities: names(7) });
    const result = await run(audit(server, "--output", "tsv", "--properties", "identity,sid"));
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split("\n");
    expect(lines[0]).toBe("identity\tsid");
    expect(lines).toHaveLength(1 + factorCount(names(7)));
  });

  it("keeps only the factors asked for by --status and --factor-type", async () => {
    const server = await fake({ factorsFor });
    const file = identitiesFile(names(12));
    const result = await run(
      audit(
        server,
        "--identities",
        file,
        "--status",
        "unverified",
        "--factor-type",
        "push,passkeys",
      ),
    );
    const rows = rowsOf(result.stdout);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.status === "unverified" && r.factor_type === "push")).toBe(true);
  });

  it("reports an Entity that fails on stderr, goes on with the rest, and exits 1", async () => {
    const server = await fake({ factorsFor });
    server.fail({ status: 404 });
    const result = await run(
      audit(
        server,
        "--identities",
        identitiesFile(["not-valid!", ...names(3)]),
        "--concurrency",
        "1",
      ),
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/verify-factors: not-valid!: identity is "not-valid!"/);
    expect(result.stderr).toMatch(/verify-factors: user-00000: error 20404/);
    expect(result.stderr).toMatch(/4 entities: .*, 2 failed;/);
    // Not a terminal: plain lines, no cursor movement.
    expect(result.stderr).not.toMatch(/[\r\x1b]/);
    expect(rowsOf(result.stdout)).toHaveLength(3);
  });

  it.each([
    [["--checkpoint", "cp"], /--checkpoint needs --out/],
    [
      ["--out", "o", "--checkpoint", "cp", "--output", "json"],
      /--checkpoint needs --output ndjson or tsv/,
    ],
    [["--status", "pending"], /--status must be one of unverified, verified/],
    [["--factor-type", "sms"], /--factor-type must be among push, totp, passkeys, got "sms"/],
    [["--concurrency", "0"], /--concurrency must be from 1 to 1000/],
    [["--identity", "x"], /--identity is not a flag of "audit"; did you mean --identities\?/],
  ])("exits 2 for %j", async (more, message) => {
    const server = await fake({ factorsFor });
    const result = await run(audit(server, ...more));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });

  it.each([
    ["--identities", "--out"],
    ["--out", "--checkpoint"],
    ["--identities", "--checkpoint"],
  ])("refuses %s and %s naming one file, before opening either", async (first, second) => {
    const file = identitiesFile(names(3));
    const before = readFileSync(file, "utf8");
    const flags = { "--identities": "x", "--out": "y", "--checkpoint": "z" } as Record<
      string,
      string
    >;
    const dir = tempDir("audit-same-");
    const args = Object.entries(flags).flatMap(([flag]) => [
      flag,
      flag === first
        ? file
        : flag === second
          ? join(dirname(file), ".", "identities.txt")
          : flag === "--identities"
            ? identitiesFile(names(1))
            : join(dir, flag.slice(2)),
    ]);
    const server = await fake({ factorsFor });
    const result = await run(audit(server, ...args));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${first} and ${second} name the same file; give each its own`);
    expect(readFileSync(file, "utf8")).toBe(before);
    expect(server.log).toHaveLength(0);
  });

  it.each([
    [
      "a --summary that is a link to the --out file not made yet",
      (dir: string) => {
        symlinkSync("rows.ndjson", join(dir, "summary.json"));
        return ["--summary", join(dir, "summary.json")];
      },
      "--out and --summary",
    ],
    [
      "a --summary of the checkpoint's lock, which a resume would delete as one left behind",
      (dir: string) => ["--checkpoint", join(dir, "cp"), "--summary", join(dir, "cp.lock")],
      "--summary and the lock of --checkpoint",
    ],
    [
      "a --failed of the --out file's lock, which a resume would delete as one left behind",
      (dir: string) => ["--checkpoint", join(dir, "cp"), "--failed", join(dir, "rows.ndjson.lock")],
      "--failed and the lock of --out",
    ],
  ])("refuses %s, sending and writing nothing", async (_name, more, flags) => {
    const dir = tempDir("audit-clash-");
    const server = await fake({ factorsFor });
    const input = identitiesFile(names(3));
    const out = join(dir, "rows.ndjson");
    const result = await run(audit(server, "--identities", input, "--out", out, ...more(dir)));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${flags} name the same file; give each its own`);
    expect(server.log).toHaveLength(0);
    expect(existsSync(out)).toBe(false);
  });

  it.each(["--out", "--checkpoint"])(
    "with --checkpoint, refuses a %s that is no regular file, which a resume cannot cut back",
    async (flag) => {
      const server = await fake({ factorsFor });
      const dir = tempDir("audit-device-");
      const paths: Record<string, string> = {
        "--out": join(dir, "out.ndjson"),
        "--checkpoint": join(dir, "cp"),
        [flag]: "/dev/null",
      };
      const input = identitiesFile(names(3));
      const result = await run(
        audit(server, "--identities", input, ...Object.entries(paths).flat()),
      );
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(
        `verify-factors: ${flag} "/dev/null": not a regular file; with --checkpoint it must be one, since a resume cuts it back to what was recorded\n`,
      );
      expect(readdirSync(dir)).toStrictEqual([]);
      expect(server.log).toHaveLength(0);
    },
  );

  it("writes --out as ndjson when no --output is given, even from a terminal", async () => {
    const server = await fake({ factorsFor });
    const out = join(tempDir("audit-out-"), "t.txt");
    const result = await run(
      audit(server, "--identities", identitiesFile(names(3)), "--out", out),
      credentials,
      {
        tty: true,
      },
    );
    expect(result.code).toBe(0);
    const lines = readFileSync(out, "utf8").trim().split("\n");
    expect(lines.map((line) => JSON.parse(line).identity)).toHaveLength(3);
  });

  it("on a terminal that shows rows too, each row starts on a line of its own", async () => {
    const server = await fake({ factorsFor });
    const result = await run(
      audit(server, "--identities", identitiesFile(names(8)), "--output", "ndjson"),
      credentials,
      { tty: true },
    );
    expect(result.code).toBe(0);
    // What a person sees: the progress line is wiped before each row is written over it.
    for (const row of result.stdout.trimEnd().split("\n")) {
      const at = result.screen.indexOf(row);
      expect(result.screen.slice(0, at)).toMatch(/(^|\n|\r\x1b\[K)$/);
    }
  });

  it("on a terminal, draws progress on stderr: entities, factors, rate and 429s", async () => {
    const server = await fake({ factorsFor, maxInFlight: 2, retryAfter: "0" });
    const result = await run(
      audit(server, "--identities", identitiesFile(names(8)), "--output", "ndjson"),
      credentials,
      { tty: true },
    );
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/\r\x1b\[K8 of 8 entities, 12 factors, \d+\/s, \d+ 429s/);
    expect(result.stderr.trimEnd().split("\r\x1b[K").at(-1)).toMatch(
      /^verify-factors: 8 entities: /,
    );
  });

  it("reads identities from stdin with --identities -", async () => {
    const server = await fake({ factorsFor });
    const child = spawn(process.execPath, [bin, ...audit(server, "--identities", "-")], {
      env: { PATH: process.env.PATH!, ...credentials },
    });
    let stdout = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stdin.end(names(6).join("\n"));
    const code = await exitOf(child);
    expect(code).toBe(0);
    expect(rowsOf(stdout)).toHaveLength(factorCount(names(6)));
  });

  it("reads identities from a pipe named as a file (as <(command) gives), with a checkpoint too", async () => {
    const server = await fake({ factorsFor });
    const dir = tempDir("audit-pipe-");
    const flags = audit(server, "--out", join(dir, "out.ndjson"), "--checkpoint", "cp");
    const quoted = [process.execPath, bin, ...flags].map((arg) => JSON.stringify(arg)).join(" ");
    const command = `cd ${JSON.stringify(dir)} && ${quoted} --identities <(printf '%s\\n' ${names(6).join(" ")})`;
    const { code, stderr } = await spawnBin([], { argv: ["bash", "--norc", "-c", command] }).done;
    expect(stderr).toMatch(/^verify-factors: 6 entities: /);
    expect(code).toBe(0);
    const rows = rowsOf(readFileSync(join(dir, "out.ndjson"), "utf8"));
    expect(rows).toHaveLength(factorCount(names(6)));
  });

  it.each([
    [
      "stdin is a folder, which would read as empty",
      () => tempDir("audit-stdin-"),
      "--identities -: stdin is a folder; give the identities on a pipe",
    ],
    [
      "stdin has no line break in sight (/dev/zero)",
      () => "/dev/zero",
      "--identities has a line longer than 4096 characters: an identity is at most 64",
    ],
  ])("refuses --identities - when %s, in one line, exit 2", async (_name, stdin, message) => {
    const server = await fake({ factorsFor });
    const args = audit(server, "--identities", "-");
    const { code, stderr } = await spawnBin(args, { stdinFrom: stdin() }).done;
    expect(code).toBe(2);
    expect(stderr).toBe(`verify-factors: ${message}\nTry: verify-factors --help\n`);
    expect(server.log).toHaveLength(0);
  });

  it.each([
    [
      "--identities - reads the file --out names",
      (file: string) => ({ args: ["--identities", "-", "--out", file], stdinFrom: file }),
      "--identities - (standard input) and --out",
    ],
    [
      "the rows go to the end of the --identities file (>>)",
      (file: string) => ({ args: ["--identities", file], stdoutTo: file }),
      "--identities and standard output",
    ],
    [
      "--identities - reads the file the rows go to the end of",
      (file: string) => ({ args: ["--identities", "-"], stdinFrom: file, stdoutTo: file }),
      "--identities - (standard input) and standard output",
    ],
  ])(
    "refuses to write where it reads when %s: exit 2, the file kept",
    async (_name, setup, flags) => {
      const server = await fake({ factorsFor });
      const file = identitiesFile(names(3));
      const before = readFileSync(file, "utf8");
      const { args, ...redirects } = setup(file);
      const { code, stderr } = await spawnBin(audit(server, ...args), redirects).done;
      expect(code).toBe(2);
      expect(stderr).toContain(`verify-factors: ${flags} name the same file; give each its own\n`);
      expect(readFileSync(file, "utf8")).toBe(before);
      expect(server.log).toHaveLength(0);
    },
  );

  it("takes standard input and output that are one device, as a terminal is, for no clash", async () => {
    const server = await fake({ factorsFor });
    const args = audit(server, "--identities", "-");
    const child = spawnBin(args, { stdinFrom: "/dev/null", stdoutTo: "/dev/null" });
    const { code, stderr } = await child.done;
    expect([code, stderr]).toEqual([0, expect.stringContaining("0 entities")]);
  });

  it("reads --identities - from a file while the rows go to another", async () => {
    const server = await fake({ factorsFor });
    const out = join(tempDir("audit-redirect-"), "rows.ndjson");
    const args = audit(server, "--identities", "-");
    const child = spawnBin(args, { stdinFrom: identitiesFile(names(3)), stdoutTo: out });
    expect((await child.done).code).toBe(0);
    expect(rowsOf(readFileSync(out, "utf8"))).toHaveLength(factorCount(names(3)));
  });

  it("with --out and --checkpoint, killed (-9) and run again, writes each row exactly once", async () => {
    const server = await fake({ factorsFor, latencyMs: 15 });
    const dir = tempDir("audit-kill-");
    const file = identitiesFile(names(300));
    const args = (out: string, checkpoint: string) => [
      bin,
      ...audit(
        server,
        "--identities",
        file,
        "--concurrency",
        "8",
        "--out",
        out,
        "--checkpoint",
        checkpoint,
      ),
    ];
    const start = (out: string, checkpoint: string) =>
      spawn(process.execPath, args(out, checkpoint), {
        env: { PATH: process.env.PATH!, ...credentials },
        stdio: "ignore",
      });

    // The run to compare with, uninterrupted.
    expect(await exitOf(start(join(dir, "whole.ndjson"), join(dir, "whole.cp")))).toBe(0);
    // The same, killed without warning three times, each once it has recorded some more
    // Entities, then let finish.
    const [out, checkpoint] = [join(dir, "out.ndjson"), join(dir, "out.cp")];
    for (const more of [10, 25, 40]) {
      const code = await killedOnceRecorded(() => start(out, checkpoint), checkpoint, more);
      expect(code).not.toBe(0); // killed part-way, not finished
    }
    // The kills landed part-way: some Entities were recorded, not all.
    const recorded = readFileSync(checkpoint, "utf8").split("\n").length - 1;
    expect(recorded).toBeGreaterThan(0);
    expect(recorded).toBeLessThan(300);
    expect(await exitOf(start(out, checkpoint))).toBe(0);

    const lines = (path: string) => readFileSync(path, "utf8").trimEnd().split("\n").sort();
    expect(lines(out)).toEqual(lines(join(dir, "whole.ndjson")));
    expect(new Set(lines(out)).size).toBe(lines(out).length);
  }, 60_000);
});

describe("an audit of every Entity whose listing fails", () => {
  it("says so in one line, with what to check, server text made visible, and exits 1", async () => {
    const server = await fake({ identities: names(3), factorsFor });
    server.fail({
      status: 401,
      body: JSON.stringify({
        code: 20003,
        message: "Authenticate\u001b]0;x\u0007",
        more_info: "https://www.twilio.com/docs/errors/20003",
        status: 401,
      }),
    });
    const result = await run(audit(server, "--output", "ndjson"));
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      "verify-factors: listing the Service's Entities: error 20003: Authenticate\\u001b]0;x\\u0007 (HTTP 401) https://www.twilio.com/docs/errors/20003; check TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN: they were not accepted\n",
    );
  });
});

describe("an audit of identities whose credentials are refused", () => {
  it("stops at the first 401 instead of failing every identity, says what to check, exit 1", async () => {
    const server = await fake({ factorsFor });
    const refused = { code: 20003, message: "Authenticate", status: 401 };
    server.fail(...names(40).map(() => ({ status: 401, body: JSON.stringify(refused) })));
    const { paths, args } = checkpointed(server, names(40));
    const result = await run(args("--concurrency", "2"));
    expect(result.code).toBe(1);
    expect(server.log.length).toBeLessThanOrEqual(2);
    expect(result.stderr.split("\n").at(-2)).toBe(
      "verify-factors: error 20003: Authenticate (HTTP 401); check TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN: they were not accepted",
    );
    // Nothing recorded as done: run again with the right credentials, every identity is audited.
    expect(recordsIn(paths.checkpoint)).toBe(0);
  });
});

describe("an audit whose Entities listing breaks part-way", () => {
  it("writes and records the rows of the Entities it took, then says so, exit 1; run again, it goes on", async () => {
    const nextPageUrl = (url: string | null) => url && url.replace(/PageToken=[^&]*&?/, "");
    const broken = await fake({ identities: names(12), factorsFor, nextPageUrl });
    const dir = tempDir("audit-broken-");
    const [out, checkpoint] = [join(dir, "out.ndjson"), join(dir, "cp")];
    const args = (server: FakeVerify) =>
      audit(server, "--page-size", "5", "--out", out, "--checkpoint", checkpoint);
    const first = await run(args(broken));
    expect(first.code).toBe(1);
    expect(first.stderr).toMatch(
      /^verify-factors: listing the Service's Entities: meta\.next_page_url has no PageToken/m,
    );
    const sidsOf = (identities: string[]) =>
      identities.flatMap((id) => factorsFor(id).map((f) => f.sid)).sort();
    const sids = () => rowsOf(readFileSync(out, "utf8")).map((row) => row.sid);
    expect(sids().sort()).toStrictEqual(sidsOf(names(5)));
    const whole = await fake({ identities: names(12), factorsFor });
    expect((await run(args(whole))).code).toBe(0);
    expect(sids().sort()).toStrictEqual(sidsOf(names(12)));
  });
});

describe("the audit's files, in the command's words", () => {
  const dir = tempDir("audit-files-");
  symlinkSync(join(dir, "no-folder", "summary.json"), join(dir, "link"));
  it.each([
    [["--summary", join(dir, "link")], /--summary ".*link": its folder does not exist/],
    [["--identities", join(dir, "missing.txt")], /--identities ".*missing\.txt": no such file/],
    [["--identities", dir], /--identities ".*": a folder, not a file/],
    [
      ["--out", join(dir, "no-folder", "out.ndjson")],
      /--out ".*out\.ndjson": its folder does not exist/,
    ],
    [["--out", dir], /--out ".*": a folder, not a file/],
    [["--out", join(dir, "o"), "--checkpoint", dir], /--checkpoint ".*": a folder, not a file/],
  ])("%j: one line, exit 2, no stack, nothing sent", async (more, message) => {
    const server = await fake({ factorsFor });
    const result = await run(audit(server, ...more));
    expect(result.code).toBe(2);
    const [first, hint, ...rest] = result.stderr.split("\n");
    expect(first).toMatch(message);
    expect([hint, ...rest]).toStrictEqual(["Try: verify-factors --help", ""]);
    expect(server.log).toHaveLength(0);
  });
});

describe("an audit's output that cannot be written", () => {
  it("to a full disk: exit 1 with one line, and audits no further", async () => {
    const server = await fake({ identities: names(40), factorsFor });
    const result = await run(audit(server, "--concurrency", "1"), credentials, { full: true });
    expect(result).toMatchObject({
      code: 1,
      stderr: "verify-factors: cannot write the output (ENOSPC)\n",
    });
    expect(server.log.length).toBeLessThan(10);
  });

  it("a --summary or --report it cannot write: exit 1, naming each, with the rows and summary out", async () => {
    const server = await fake({ identities: names(3), factorsFor });
    const report = "/sys/verify-factors.html"; // sysfs lets nobody, root included, create a file
    const result = await run(audit(server, "--summary", "/dev/full", "--report", report));
    expect(result.code).toBe(1);
    expect(result.stdout.trimEnd().split("\n")).toHaveLength(3);
    const lines = result.stderr.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^verify-factors: 3 entities: /);
    expect(lines.slice(1)).toStrictEqual([
      'verify-factors: cannot write --summary "/dev/full" (ENOSPC)',
      `verify-factors: cannot write --report "${report}" (EACCES)`,
    ]);
  });

  it.each([
    ["--out", []],
    ["--failed", ["--out", "rows.ndjson", "--checkpoint", "cp"]],
  ])(
    "a %s it may not create (with %j): one line naming it, exit 1, nothing sent, no lock left",
    async (flag, more) => {
      const server = await fake({ identities: names(3), factorsFor });
      const dir = tempDir("audit-create-");
      const inDir = more.map((word) => (word.startsWith("--") ? word : join(dir, word)));
      // sysfs lets nobody, root included, create a file.
      const result = await run(audit(server, ...inDir, flag, "/sys/verify-factors-test"));
      expect(result).toMatchObject({
        code: 1,
        stderr: `verify-factors: cannot write ${flag} "/sys/verify-factors-test" (EACCES)\n`,
      });
      expect(server.log).toHaveLength(0);
      expect(readdirSync(dir)).toStrictEqual(more.length > 0 ? ["cp", "rows.ndjson"] : []);
    },
  );
});

describe("the audit's coverage counts", () => {
  it("--summary writes who has a verified factor, only unverified ones, none, or failed; --failed the failures", async () => {
    const server = await fake({ factorsFor });
    // "bad identity!" fails its check; the others are listed.
    const dir = tempDir("audit-summary-");
    const [summaryFile, failedFile] = [join(dir, "summary.json"), join(dir, "failed.txt")];
    const identities = [...names(6), "bad identity!"];
    const result = await run(
      audit(
        server,
        "--identities",
        identitiesFile(identities),
        "-o",
        "ndjson",
        "--summary",
        summaryFile,
        "--failed",
        failedFile,
      ),
    );
    expect(result.code).toBe(1);
    const summary = JSON.parse(readFileSync(summaryFile, "utf8"));
    // user-00000 and user-00004 have no factors; the others a verified push first.
    expect(summary).toStrictEqual({
      entities: 7,
      withVerified: 4,
      onlyUnverified: 0,
      noFactors: 2,
      failed: 1,
      factors: {
        total: 7,
        byTypeAndStatus: { "push/verified": 4, "totp/unverified": 2, "push/unverified": 1 },
        byType: { push: 5, totp: 2 },
        byStatus: { verified: 4, unverified: 3 },
      },
    });
    expect(summary.withVerified + summary.onlyUnverified + summary.noFactors + summary.failed).toBe(
      summary.entities,
    );
    expect(readFileSync(failedFile, "utf8")).toBe("bad identity!\n");
    expect(result.stderr).toMatch(
      /7 entities: 4 with a verified factor, 0 with only unverified factors, 2 with no factors, 1 failed;/,
    );
  });

  /** An audit of `count` identities whose factors a server makes with `factorsFor`, and its --summary. */
  async function auditWithSummary(factorsFor: FakeOptions["factorsFor"], count: number) {
    const server = await fake({ factorsFor });
    const summaryFile = join(tempDir("audit-summary-"), "summary.json");
    const args = ["--identities", identitiesFile(names(count)), "-o", "ndjson"];
    const result = await run(audit(server, ...args, "--summary", summaryFile));
    expect(result.code).toBe(0);
    return { result, written: JSON.parse(readFileSync(summaryFile, "utf8")) };
  }

  it("counts types and statuses in the server's words, whatever they are, and shows them visibly", async () => {
    const odd = (identity: string) => [
      { ...makeFactor(1), identity, factor_type: "__proto__", status: "constructor" },
      { ...makeFactor(2), identity, factor_type: "push", status: "\u001b[2J" },
      // A "/" in a word escaped: this factor is not verified, and its type is not "totp/un".
      { ...makeFactor(3), identity, factor_type: "totp", status: "un/verified" },
    ];
    const { result, written } = await auditWithSummary(odd, 2);
    expect(written.factors).toStrictEqual({
      total: 6,
      byTypeAndStatus: { "__proto__/constructor": 2, "push/\u001b[2J": 2, "totp/un%2Fverified": 2 },
      byType: { ["__proto__"]: 2, push: 2, totp: 2 },
      byStatus: { constructor: 2, "\u001b[2J": 2, "un%2Fverified": 2 },
    });
    expect([written.withVerified, written.onlyUnverified]).toStrictEqual([0, 2]);
    expect(result.stderr).toContain(
      "factors by type/status: __proto__/constructor 2, push/\\u001b[2J 2, totp/un%2Fverified 2;",
    );
  });

  it("writes fields a server sent as objects String cannot convert, as JSON, in every output", async () => {
    // Parsed JSON may hold an object whose own toString is not a function: String() throws on it.
    const evil = { toString: 1 };
    const odd = (identity: string) => [
      { ...makeFactor(1), identity, factor_type: evil, status: evil },
      { ...makeFactor(2), identity, status: "unverified", sid: evil, friendly_name: evil },
      { ...makeFactor(3), identity, status: "unverified", factor_type: "totp", date_created: evil },
    ];
    const server = await fake({ factorsFor: odd });
    const dir = tempDir("audit-odd-");
    const [out, summary, report] = ["out.tsv", "s.json", "r.html"].map((f) => join(dir, f));
    const outputs = ["--out", out!, "--summary", summary!, "--report", report!];
    const identities = identitiesFile(names(1));
    const result = await run(
      audit(server, "--identities", identities, "-o", "tsv", ...outputs, "--stale-days", "0"),
    );
    expect([result.code, result.stderr]).toStrictEqual([
      0,
      expect.stringContaining("3 rows written"),
    ]);
    const json = '{"toString":1}';
    expect(JSON.parse(readFileSync(summary!, "utf8")).factors.byTypeAndStatus).toStrictEqual({
      [`${json}/${json}`]: 1,
      "push/unverified": 1,
      "totp/unverified": 1,
    });
    const row = readFileSync(out!, "utf8").split("\n")[2];
    expect(row).toBe(`user-00000\t${json}\t${json}\tunverified\tpush`);
    expect(readFileSync(report!, "utf8")).toContain(json.replace(/"/g, "&#34;"));
  });

  it("shows a dozen type/status counts in the summary line, each cut short; --summary has all", async () => {
    // A hostile server: a type of its own for each factor, one of them 10,000 characters long.
    const many = (identity: string) =>
      Array.from({ length: 15 }, (_, i) => ({
        ...makeFactor(i),
        identity,
        factor_type: i === 0 ? "x".repeat(10_000) : `type-${i}`,
      }));
    const { result, written } = await auditWithSummary(many, 1);
    const line = result.stderr.split("\n").find((l) => l.includes("factors by type/status"))!;
    expect(line).toContain(`factors by type/status: ${"x".repeat(60)}… 1, type-1/`);
    expect(line).toContain(", and 3 more; 15 rows written");
    expect(line.length).toBeLessThan(1_000);
    expect(Object.keys(written.factors.byTypeAndStatus)).toHaveLength(15);
  });

  it("--failed keeps one identity a line, whatever a server sends as one", async () => {
    const server = await fake({
      identities: ["user-00001", "bad\nuser-00002", "bad\u001b[2J"],
      factorsFor,
    });
    const failedFile = join(tempDir("audit-failed-"), "failed.txt");
    const result = await run(audit(server, "-o", "ndjson", "--failed", failedFile));
    expect(result.code).toBe(1);
    expect(readFileSync(failedFile, "utf8")).toBe("bad\\u000auser-00002\nbad\\u001b[2J\n");
  });

  it("cuts a megabyte identity a server sends to 100 characters on stderr and in --failed, which reads back", async () => {
    const long = "x".repeat(1_000_000);
    const server = await fake({ identities: [long, "user-00001"], factorsFor });
    const failedFile = join(tempDir("audit-failed-"), "failed.txt");
    const result = await run(audit(server, "-o", "ndjson", "--failed", failedFile));
    expect(result.code).toBe(1);
    const shown = `${"x".repeat(100)}…`;
    expect(readFileSync(failedFile, "utf8")).toBe(`${shown}\n`);
    expect(result.stderr.length).toBeLessThan(2_000);
    expect(result.stderr).toContain(`verify-factors: ${shown}: identity is "xxx`);
    // Given back, the cut identity fails alone again: the file is not refused as one long line.
    const again = await run(audit(server, "-o", "ndjson", "--identities", failedFile));
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/1 entity: .* 1 failed;/);
  });

  it("counts an Entity whose factors are all unverified as such", async () => {
    const unverified = (identity: string) => [
      { ...makeFactor(1), identity, status: "unverified" },
      { ...makeFactor(2), identity, status: "unverified" },
    ];
    const server = await fake({ factorsFor: unverified });
    const result = await run(
      audit(server, "--identities", identitiesFile(names(2)), "-o", "ndjson"),
    );
    expect(result.stderr).toMatch(
      /2 entities: 0 with a verified factor, 2 with only unverified factors, 0 with no factors, 0 failed;/,
    );
  });
});

describe("a checkpoint bound to its command", () => {
  const setup = async () => {
    const server = await fake({ factorsFor });
    return { server, ...checkpointed(server, names(8)) };
  };

  it("a finished audit run again says so, exits 0 and sends no request", async () => {
    const { server, paths, args } = await setup();
    expect((await run(args())).code).toBe(0);
    const rows = readFileSync(paths.out, "utf8");
    const sent = server.log.length;
    const again = await run(args());
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/is already complete; nothing to do\n$/);
    expect(server.log).toHaveLength(sent);
    expect(readFileSync(paths.out, "utf8")).toBe(rows);
  });

  it("an audit with a failed identity is not complete: run again, it audits that one alone", async () => {
    const server = await fake({ factorsFor });
    const { paths, args } = checkpointed(server, names(4));
    server.fail({ delayMs: 0 }, { status: 400 }); // the second identity's listing, one at a time
    const first = await run(args("--concurrency", "1"));
    expect(first.code).toBe(1);
    expect(first.stderr).toMatch(/^verify-factors: user-00001: /m);
    expect(first.stderr).toMatch(
      /\nverify-factors: the same command run again audits the 1 that failed; the checkpoint keeps the rest\n$/,
    );
    const sent = server.log.length;
    const again = await run(args("--concurrency", "1"));
    expect(again.stderr).toMatch(
      /^verify-factors: 4 entities \(3 before this run, 1 now\): .*, 0 failed;/,
    );
    expect(again.code).toBe(0);
    expect(server.log.slice(sent).map((request) => request.path)).toStrictEqual([
      expect.stringContaining("/Entities/user-00001/Factors"),
    ]);
    expect(rowsOf(readFileSync(paths.out, "utf8"))).toHaveLength(factorCount(names(4)));
    expect((await run(args("--concurrency", "1"))).stderr).toMatch(/already complete/);
  });

  it.each([
    [["--status", "verified"], /--status differs \("\(any\)" then, "verified" now\)/],
    [["-o", "tsv"], /--output differs \("ndjson" then, "tsv" now\)/],
  ])("a resume with %j is refused in one line, exit 2, nothing written", async (more, message) => {
    const { paths, args } = await setup();
    await run(args());
    // As if killed before the end: the checkpoint without its last line.
    const text = readFileSync(paths.checkpoint, "utf8").replace(/#complete\n$/, "");
    writeFileSync(paths.checkpoint, text);
    const before = [readFileSync(paths.out, "utf8"), text];
    const result = await run(args(...more));
    expect(result.code).toBe(2);
    expect(result.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(result.stderr).toMatch(message);
    expect([readFileSync(paths.out, "utf8"), readFileSync(paths.checkpoint, "utf8")]).toStrictEqual(
      before,
    );
  });

  it("a resume with another --identities file, or another Service, is refused", async () => {
    const { server, paths, args } = await setup();
    await run(args());
    writeFileSync(
      paths.checkpoint,
      readFileSync(paths.checkpoint, "utf8").replace(/#complete\n$/, ""),
    );
    const other = identitiesFile(names(9));
    const result = await run(
      audit(server, "--identities", other, "--out", paths.out, "--checkpoint", paths.checkpoint),
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--identities differs/);
    const service = await run([
      ...args().map((a) => (a === SERVICE_SID ? "VA" + "0".repeat(31) + "2" : a)),
    ]);
    expect(service.code).toBe(2);
    expect(service.stderr).toMatch(/--service-sid differs/);
  });

  it("an --out shorter than the checkpoint says, or missing, is refused with what to do", async () => {
    const { paths, args } = await setup();
    await run(args());
    writeFileSync(
      paths.checkpoint,
      readFileSync(paths.checkpoint, "utf8").replace(/#complete\n$/, ""),
    );
    const rows = readFileSync(paths.out, "utf8");
    writeFileSync(paths.out, rows.slice(0, rows.length / 2));
    const cut = await run(args());
    expect(cut.code).toBe(2);
    expect(cut.stderr).toMatch(
      /holds \d+ bytes, fewer than the \d+ recorded: rows are lost; delete --checkpoint/,
    );
    rmSync(paths.out);
    const gone = await run(args());
    expect(gone.code).toBe(2);
    expect(gone.stderr).toMatch(/--out ".*out\.ndjson" is missing: rows are lost/);
  });
});

describe("an Entity whose identity is not a string", () => {
  it("fails alone, named as such, and the audit goes on", async () => {
    const server = await fake({ identities: names(2), factorsFor });
    const page = {
      entities: [{ identity: 12345678 }, { identity: null }, { identity: "user-00001" }],
      meta: { page: 0, page_size: 50, key: "entities", next_page_url: null },
    };
    server.fail({ status: 200, body: JSON.stringify(page) });
    const result = await run(audit(server, "-o", "ndjson"));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^verify-factors: \(an Entity whose identity is not a string\): identity is 12345678; it must be a string of 8 to 64/m,
    );
    expect(result.stderr).toMatch(
      /^verify-factors: \(an Entity whose identity is not a string\): identity is null; it must be a string of 8 to 64/m,
    );
    expect(result.stderr).toMatch(
      /3 entities: 1 with a verified factor, 0 with only unverified factors, 0 with no factors, 2 failed;/,
    );
  });
});

describe("a damaged checkpoint", () => {
  it("is refused in one line rather than skipped, so no row is written twice", async () => {
    const server = await fake({ factorsFor });
    const { paths, args } = checkpointed(server, names(6));
    const { out, checkpoint } = paths;
    expect((await run(args())).code).toBe(0);
    const lines = readFileSync(checkpoint, "utf8").split("\n");
    lines[2] = "3\tx9"; // a record garbled, the audit not finished
    writeFileSync(checkpoint, lines.filter((line) => line !== "#complete").join("\n"));
    const before = readFileSync(out, "utf8");
    const result = await run(args());
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^verify-factors: --checkpoint ".*cp": line 3 is damaged \("3\\tx9"\); it cannot say which rows --out holds: delete both and audit again\n$/,
    );
    expect(readFileSync(out, "utf8")).toBe(before);
  });

  it("is refused when a record says the output was shorter than the record before it said", async () => {
    const server = await fake({ factorsFor });
    const { paths, args } = checkpointed(server, names(3));
    expect((await run(args())).code).toBe(0);
    const lines = readFileSync(paths.checkpoint, "utf8").split("\n");
    // The last Entity's record given the first one's length: cut back to it, the rows of the
    // Entities between would be gone while the checkpoint calls them done.
    lines[3] = lines[3]!.replace(/\t\d+\t/, `\t${lines[1]!.split("\t")[1]}\t`);
    writeFileSync(paths.checkpoint, lines.filter((line) => line !== "#complete").join("\n"));
    const before = readFileSync(paths.out, "utf8");
    const result = await run(args());
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/: line 4 is damaged \(.*\); it cannot say which rows --out/);
    expect(readFileSync(paths.out, "utf8")).toBe(before);
  });

  it.each([
    ["a file of one line with no line break", "user-00001"],
    ["a file of several lines", "user-00001\nuser-00002\n"],
    ["bytes that are not text", "\0\0\0\0"],
  ])("is not a checkpoint when it is %s: refused and kept as it is", async (_name, text) => {
    const server = await fake({ factorsFor });
    const { paths, args } = checkpointed(server, names(2));
    writeFileSync(paths.checkpoint, text);
    const result = await run(args());
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `verify-factors: --checkpoint ${JSON.stringify(paths.checkpoint)} is not a checkpoint an audit wrote (it starts ${JSON.stringify(text.split("\n")[0])}); give a path of its own, so that this file is kept\n`,
    );
    expect(readFileSync(paths.checkpoint, "utf8")).toBe(text);
    expect(server.log).toHaveLength(0);
  });

  it("is refused from its first line, not read whole first, when it is a large file", async () => {
    const server = await fake({ factorsFor });
    const { paths, args } = checkpointed(server, names(2));
    // Past the longest string Node can make: read whole, it failed with Node's own message.
    writeFileSync(paths.checkpoint, "");
    truncateSync(paths.checkpoint, 600 * 2 ** 20);
    const result = await run(args());
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      / is not a checkpoint an audit wrote \(it starts "(\\u0000){40}"\)/,
    );
    expect(statSync(paths.checkpoint).size).toBe(600 * 2 ** 20);
  });

  it("whose first line is longer than any checkpoint's is judged on the whole file", async () => {
    const server = await fake({ factorsFor });
    const { paths, args } = checkpointed(server, names(2));
    writeFileSync(paths.checkpoint, `#bound\t{${"x".repeat(70_000)}\n`);
    const result = await run(args());
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/: line 1 is damaged \(its command does not parse\)/);
  });

  it("that a crash cut inside its first line is started afresh", async () => {
    const server = await fake({ factorsFor });
    const { paths, args } = checkpointed(server, names(4));
    writeFileSync(paths.checkpoint, '#bound\t{"--service-sid":');
    const result = await run(args());
    expect(result.code).toBe(0);
    expect(rowsOf(readFileSync(paths.out, "utf8"))).toHaveLength(0 + 1 + 2 + 3);
  });
});

describe("one audit at a time on a checkpoint", () => {
  it("refuses a checkpoint a running audit holds, and takes over one a killed audit left", async () => {
    const server = await fake({ factorsFor });
    const { paths, args } = checkpointed(server, names(4));
    const { checkpoint } = paths;
    // Held by a running process: this one.
    writeFileSync(`${checkpoint}.lock`, String(process.pid));
    const held = await run(args());
    expect(held.code).toBe(2);
    expect(held.stderr).toBe(
      `verify-factors: --checkpoint ${JSON.stringify(checkpoint)} is in use by another audit (process ${process.pid}); wait for it to end, or, if no audit runs, delete ${JSON.stringify(`${checkpoint}.lock`)}\n`,
    );
    expect(server.log).toHaveLength(0);
    // Left by a process that is gone.
    const gone = spawn(process.execPath, ["-e", "0"]);
    await new Promise((resolve) => gone.on("exit", resolve));
    writeFileSync(`${checkpoint}.lock`, String(gone.pid));
    const taken = await run(args());
    expect(taken.code).toBe(0);
    expect(existsSync(`${checkpoint}.lock`)).toBe(false);
  });

  it("refuses an empty lock, one another audit is making, and takes it over once it is old", async () => {
    const server = await fake({ factorsFor });
    const { paths, args } = checkpointed(server, names(4));
    const lock = `${paths.checkpoint}.lock`;
    writeFileSync(lock, "");
    const held = await run(args());
    expect(held.code).toBe(2);
    expect(held.stderr).toBe(
      `verify-factors: --checkpoint ${JSON.stringify(paths.checkpoint)} is in use by another audit (one that is starting); wait for it to end, or, if no audit runs, delete ${JSON.stringify(lock)}\n`,
    );
    expect(server.log).toHaveLength(0);
    // Left empty by an audit killed as it began, a minute ago.
    const minuteAgo = new Date(Date.now() - 60_000);
    utimesSync(lock, minuteAgo, minuteAgo);
    expect((await run(args())).code).toBe(0);
    expect(existsSync(lock)).toBe(false);
  });

  it("refuses an --out another audit's checkpoint holds, and lets its own checkpoint go", async () => {
    const server = await fake({ factorsFor });
    const { paths, args } = checkpointed(server, names(4));
    writeFileSync(`${paths.out}.lock`, String(process.pid));
    const held = await run(args());
    expect(held.code).toBe(2);
    expect(held.stderr).toBe(
      `verify-factors: --out ${JSON.stringify(paths.out)} is in use by another audit (process ${process.pid}); wait for it to end, or, if no audit runs, delete ${JSON.stringify(`${paths.out}.lock`)}\n`,
    );
    expect(server.log).toHaveLength(0);
    expect(existsSync(`${paths.checkpoint}.lock`)).toBe(false);
    rmSync(`${paths.out}.lock`);
    expect((await run(args())).code).toBe(0);
    expect(existsSync(`${paths.out}.lock`)).toBe(false);
  });

  it("refuses, in one line with exit 2, a lock it cannot read: here a folder", async () => {
    const server = await fake({ factorsFor });
    const { paths, args } = checkpointed(server, names(4));
    const lock = `${paths.checkpoint}.lock`;
    mkdirSync(lock);
    const result = await run(args());
    expect(result.code).toBe(2);
    expect(result.stderr.split("\n")[0]).toBe(
      `verify-factors: --checkpoint ${JSON.stringify(paths.checkpoint)}: its lock ${JSON.stringify(lock)} cannot be read (EISDIR); if no audit runs, delete it`,
    );
    expect(server.log).toHaveLength(0);
  });
});

describe("resume keyed by identity", () => {
  it("with the Entities listed in another order, and some added, writes each one's rows once", async () => {
    const dir = tempDir("audit-identity-");
    const [out, checkpoint] = [join(dir, "out.ndjson"), join(dir, "cp")];
    const first = await fake({ identities: names(12), factorsFor });
    const args = (server: FakeVerify) =>
      audit(server, "-o", "ndjson", "--concurrency", "1", "--out", out, "--checkpoint", checkpoint);
    expect((await run(args(first))).code).toBe(0);
    // As if killed after five Entities: the checkpoint keeps its first five records.
    const [bound, ...records] = readFileSync(checkpoint, "utf8").trimEnd().split("\n");
    writeFileSync(checkpoint, [bound, ...records.slice(0, 5)].join("\n") + "\n");
    // The Service now lists its Entities the other way round, with three more.
    const later = [...names(15)].reverse();
    const second = await fake({ identities: later, factorsFor });
    expect((await run(args(second))).code).toBe(0);
    const rows = readFileSync(out, "utf8")
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line));
    const sids = rows.map((row) => row.sid);
    expect(new Set(sids).size).toBe(sids.length);
    expect(sids.sort()).toStrictEqual(
      later.flatMap((id) => factorsFor(id).map((f) => f.sid)).sort(),
    );
  });
});

describe("killed (-9) five times, with the Service changing between runs", () => {
  /** The same shuffle every time: a test that kills at random points still runs the same way. */
  const shuffled = (items: string[], seed: number) =>
    items
      .map((item, i) => [((i + 1) * 7919 * (seed + 3)) % 1009, item] as const)
      .sort(([a], [b]) => a - b)
      .map(([, item]) => item);
  /**
   * Runs the audit against each server in turn, killing each run once it has recorded a few
   * more Entities, then lets one more run finish; the rows of `out`, parsed.
   */
  async function killedFiveTimes(servers: FakeVerify[], last: FakeVerify, more: string[]) {
    const dir = tempDir("audit-kill5-");
    const [out, checkpoint] = [join(dir, "out.ndjson"), join(dir, "cp")];
    const start = (server: FakeVerify) =>
      spawn(
        process.execPath,
        [
          bin,
          ...audit(server, ...more, "--concurrency", "4", "--out", out, "--checkpoint", checkpoint),
        ],
        { env: { PATH: process.env.PATH!, ...credentials }, stdio: "ignore" },
      );
    for (const server of servers) {
      const code = await killedOnceRecorded(() => start(server), checkpoint, 5);
      expect(code).not.toBe(0); // killed part-way, not finished
    }
    expect(await exitOf(start(last))).toBe(0);
    return readFileSync(out, "utf8")
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line));
  }

  it("every Entity: each one's rows once, Entities reordered and added between runs", async () => {
    const servers = [];
    for (let run = 0; run < 5; run++) {
      const identities = shuffled(names(60 + 10 * run), run);
      servers.push(await fake({ identities, factorsFor, latencyMs: 10 }));
    }
    const everyone = shuffled(names(120), 9);
    const rows = await killedFiveTimes(
      servers,
      await fake({ identities: everyone, factorsFor }),
      [],
    );
    const sids = rows.map((row) => row.sid);
    expect(new Set(sids).size).toBe(sids.length);
    expect(sids.sort()).toStrictEqual(
      everyone.flatMap((id) => factorsFor(id).map((f) => f.sid)).sort(),
    );
  }, 60_000);

  it("--identities: each identity's rows once, all from one run, the Service answering anew each run", async () => {
    const identities = names(120);
    const file = identitiesFile(identities);
    // Each run's Service names its factors after the run, so the rows show which run wrote them.
    const serviceOf = (run: number) =>
      fake({
        latencyMs: 10,
        factorsFor: (id) => factorsFor(id).map((f) => ({ ...f, friendly_name: `run ${run}` })),
      });
    const servers = [];
    for (let run = 0; run < 5; run++) servers.push(await serviceOf(run));
    const rows = await killedFiveTimes(servers, await serviceOf(5), ["--identities", file]);
    const runsOf = new Map<string, Set<string>>();
    for (const row of rows) {
      runsOf.set(row.identity, (runsOf.get(row.identity) ?? new Set()).add(row.friendly_name));
    }
    expect([...runsOf.values()].every((runs) => runs.size === 1)).toBe(true);
    const sids = rows.map((row) => row.sid);
    expect(new Set(sids).size).toBe(sids.length);
    expect(sids.sort()).toStrictEqual(
      identities.flatMap((id) => factorsFor(id).map((f) => f.sid)).sort(),
    );
    // The kills landed in different runs: rows come from more than one of them.
    expect(new Set(rows.map((row) => row.friendly_name)).size).toBeGreaterThan(1);
  }, 60_000);
});

describe("a resumed audit's summary", () => {
  it("counts the whole audit, saying what was done before this run and now", async () => {
    const server = await fake({ factorsFor });
    const { paths, args: command } = checkpointed(server, names(8));
    const { checkpoint } = paths;
    const summaryFile = join(paths.dir, "summary.json");
    const report = join(paths.dir, "report.html");
    const args = command(
      "-o",
      "ndjson",
      "--concurrency",
      "1",
      "--summary",
      summaryFile,
      "--report",
      report,
    );
    const whole = await run(args);
    const expected = JSON.parse(readFileSync(summaryFile, "utf8"));
    const [bound, ...records] = readFileSync(checkpoint, "utf8").trimEnd().split("\n");
    writeFileSync(checkpoint, [bound, ...records.slice(0, 3)].join("\n") + "\n");
    const resumed = await run(args);
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toMatch(/^verify-factors: 8 entities \(3 before this run, 5 now\): /);
    expect(JSON.parse(readFileSync(summaryFile, "utf8"))).toStrictEqual(expected);
    // The same counts as the uninterrupted run; only the rows written are this run's own.
    const counts = (text: string) =>
      text.replace(/^verify-factors: 8 entities[^:]*: /, "").replace(/; \d+ rows written/, "");
    expect(counts(resumed.stderr)).toBe(counts(whole.stderr));
    // The report counts the whole audit too, and says its lists are this run's.
    const html = readFileSync(report, "utf8");
    expect(html).toContain('<li data-key="entities"><span class="n">8</span>');
    expect(html).toContain(
      "the counts cover all 8 Entities (3 before this run); the lists below cover this run's 5.",
    );
  });
});

describe("an identity listed twice", () => {
  it.each([
    ["with a checkpoint", true],
    ["without one", false],
  ])("is audited once, %s", async (_, checkpointed) => {
    const server = await fake({ factorsFor });
    const dir = tempDir("audit-twice-");
    const out = join(dir, "out.ndjson");
    const input = identitiesFile([
      "user-00001",
      "user-00002",
      "user-00001",
      "user-00003",
      "user-00002",
    ]);
    const checkpoint = checkpointed ? ["--checkpoint", join(dir, "cp")] : [];
    const result = await run(audit(server, "--identities", input, "--out", out, ...checkpoint));
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/^verify-factors: 3 entities: /);
    const sids = readFileSync(out, "utf8")
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line).sid);
    expect(new Set(sids).size).toBe(sids.length);
    expect(server.log.filter((r) => r.path.endsWith("/Factors"))).toHaveLength(3);
  });
});
