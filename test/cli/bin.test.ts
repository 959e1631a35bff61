// The real process: what only a spawned `verify-factors` shows (exit codes, pipes, signals, a tty).
import { execFileSync } from "node:child_process";
import {
  closeSync,
  constants,
  existsSync,
  openSync,
  readFileSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { auditArgs, bin, listArgs, spawnBin } from "../support/cli.js";
import { makeFactor } from "../support/fake-verify.js";
import { sleep, until } from "../support/helpers.js";
import { fakeServers } from "../support/server-pool.js";
import { tempDir } from "../support/temp-dir.js";

const fake = fakeServers();

describe("the verify-factors bin", () => {
  it("exits 0 with --help and 2 on a usage error", async () => {
    expect((await spawnBin(["--help"]).done).code).toBe(0);
    const usage = await spawnBin(["delete"]).done;
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/unknown command "delete"/);
  });

  it("stops early and cleanly under `| head -n 2`", async () => {
    const server = await fake({ total: 5000 });
    const result = await spawnBin(listArgs(server.url, "--page-size", "100"), {
      pipeTo: "head -n 2",
    }).done;
    expect(result.code).toBe(0);
    expect(result.stdout.trimEnd().split("\n")).toHaveLength(2);
    expect(server.log.length).toBeLessThan(50);
  });

  it("an audit stops early and cleanly under `| head -n 1`", async () => {
    const identities = Array.from({ length: 2000 }, (_, i) => `user-${String(i).padStart(5, "0")}`);
    const factorsFor = (identity: string) => [{ ...makeFactor(0), identity }];
    const server = await fake({ identities, factorsFor });
    const args = auditArgs(server.url, "-o", "ndjson");
    const result = await spawnBin(args, { pipeTo: "head -n 1" }).done;
    expect(result.code).toBe(0);
    expect(result.stdout.trimEnd().split("\n")).toHaveLength(1);
    expect(server.log.length).toBeLessThan(500);
  });

  it("exits 130 on Ctrl-C (SIGINT), aborting the request in flight", async () => {
    const server = await fake({ total: 100 });
    server.fail({ hang: true }); // in flight until the command gives it up
    const run = spawnBin(listArgs(server.url, "--page-size", "10"));
    await until(() => server.log.length === 1);
    run.child.kill("SIGINT");
    const result = await run.done;
    expect(result.code).toBe(130);
    expect(result.stderr).toBe("verify-factors: interrupted\n");
    await until(() => server.log[0]!.aborted);
  });

  it("exits 143 on SIGTERM, as `timeout` sends it, with the audit's lock let go", async () => {
    const server = await fake({ total: 3 });
    server.fail({ hang: true });
    const dir = tempDir("bin-term-");
    const [out, checkpoint] = [join(dir, "out.ndjson"), join(dir, "cp")];
    const run = spawnBin(auditArgs(server.url, "--out", out, "--checkpoint", checkpoint));
    await until(() => server.log.length === 1);
    run.child.kill("SIGTERM");
    const result = await run.done;
    expect(result.code).toBe(143);
    expect(result.stderr).toBe("\nverify-factors: interrupted\n");
    expect(existsSync(`${checkpoint}.lock`)).toBe(false);
  });

  it.each([
    ["on stdin (--identities -)", "-"],
    ["named as a file (a FIFO)", "fifo"],
  ])("ends at SIGTERM while the identities pipe %s stays open and silent", async (_, source) => {
    const server = await fake({ total: 3 });
    server.fail({ hang: true });
    const fifo = join(tempDir("bin-fifo-"), "identities");
    execFileSync("mkfifo", [fifo]);
    const run = spawnBin(auditArgs(server.url, "--identities", source === "-" ? "-" : fifo));
    let writer: number | undefined;
    if (source === "-") run.child.stdin!.write("user-00001\n");
    else {
      // Open for writing once the command has it open for reading (ENXIO until then).
      await until(() => {
        try {
          writer = openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK);
          return true;
        } catch {
          return false;
        }
      });
      writeSync(writer!, "user-00001\n");
    }
    await until(() => server.log.length === 1);
    run.child.kill("SIGTERM");
    const ended = await Promise.race([run.done, sleep(5_000).then(() => undefined)]);
    run.child.kill("SIGKILL");
    if (writer !== undefined) closeSync(writer);
    expect(ended?.code).toBe(143);
    expect(ended?.stderr).toBe("\nverify-factors: interrupted\n");
  });

  it("reads --identities /dev/stdin on a terminal, a line at a time until Ctrl-D", async () => {
    const server = await fake({ total: 3 });
    const out = join(tempDir("bin-tty-"), "rows.ndjson");
    const args = auditArgs(server.url, "--identities", "/dev/stdin", "--out", out);
    const command = [process.execPath, bin, ...args].map((a) => `'${a}'`).join(" ");
    const run = spawnBin([], { argv: ["script", "-qfec", command, "/dev/null"] });
    run.child.stdin!.write("fake-identity-0001\n");
    // Read, and asked for; the next read waits on the terminal until Ctrl-D.
    await until(() => server.log.length === 1);
    run.child.stdin!.end("\u0004");
    expect((await run.done).code).toBe(0);
    expect(readFileSync(out, "utf8").trimEnd().split("\n")).toHaveLength(3);
  });

  it("ends at SIGTERM while --identities /dev/tty waits for a line on the terminal", async () => {
    const server = await fake({ total: 3 });
    server.fail({ hang: true });
    const args = auditArgs(server.url, "--identities", "/dev/tty");
    const command = `exec ${[process.execPath, bin, ...args].map((a) => `'${a}'`).join(" ")}`;
    const run = spawnBin([], { argv: ["script", "-qfec", command, "/dev/null"] });
    run.child.stdin!.write("fake-identity-0001\n");
    await until(() => server.log.length === 1);
    // The command is the child `script` runs on the terminal it makes.
    const pid = Number(
      readFileSync(`/proc/${run.child.pid}/task/${run.child.pid}/children`, "utf8"),
    );
    process.kill(pid, "SIGTERM");
    const ended = await Promise.race([run.done, sleep(5_000).then(() => undefined)]);
    run.child.kill("SIGKILL");
    expect(ended?.code).toBe(143);
    expect(ended?.stdout).toContain("verify-factors: interrupted");
  });

  it("Ctrl-C after a page was written says where to resume, as an API error does", async () => {
    const server = await fake({ total: 100 });
    server.fail({ delayMs: 0 }, { hang: true }); // the first page, then a second never answered
    const run = spawnBin(listArgs(server.url, "--page-size", "10", "--output", "ndjson"));
    let written = "";
    run.child.stdout!.on("data", (chunk) => (written += chunk));
    await until(() => written.split("\n").length > 10 && server.log.length === 2);
    run.child.kill("SIGINT");
    const result = await run.done;
    expect(result.code).toBe(130);
    expect(result.stdout.trimEnd().split("\n")).toHaveLength(10);
    expect(result.stderr).toBe(
      "verify-factors: interrupted (stopped part-way; resume with --page 1 --page-token PT10_1)\n",
    );
  });

  it("on a terminal, prints a table with a progress line on stderr that it wipes", async () => {
    const server = await fake({ total: 30 });
    // `script` gives the command a pseudo-terminal, as a person's shell would.
    const command = [process.execPath, bin, ...listArgs(server.url, "--page-size", "10")]
      .map((a) => `'${a}'`)
      .join(" ");
    const result = await spawnBin([], { argv: ["script", "-qfec", command, "/dev/null"] }).done;
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^SID\s+Friendly Name\s+Status\s+Factor Type/m);
    expect(result.stdout).toContain("2 pages, 20 factors so far…");
    expect(result.stdout).toContain("\r\x1b[K");
    expect(result.stdout.match(/YF[0-9a-f]{32}/g)).toHaveLength(30);
  });
});

describe("an audit whose output cannot be written whole", () => {
  it("stops with one line, records no row it did not write, and a resume completes it exactly once", async () => {
    const identities = Array.from({ length: 60 }, (_, i) => `user-${String(i).padStart(5, "0")}`);
    const factorsFor = (identity: string) =>
      [0, 1].map((i) => ({
        ...makeFactor(i),
        identity,
        sid: `YF${identity.slice(-5)}${String(i).padStart(27, "0")}`,
      }));
    const server = await fake({ factorsFor });
    const dir = tempDir("audit-full-");
    const input = join(dir, "ids.txt");
    writeFileSync(input, identities.join("\n") + "\n");
    const [out, checkpoint] = [join(dir, "out.ndjson"), join(dir, "cp")];
    const args = auditArgs(
      server.url,
      "--identities",
      input,
      "--out",
      out,
      "--checkpoint",
      checkpoint,
      "--concurrency",
      "1",
    );
    // A file-size limit of 16 blocks: the rows do not fit.
    const quoted = [process.execPath, bin, ...args].map((a) => `'${a}'`).join(" ");
    const limited = await spawnBin([], { argv: ["sh", "-c", `ulimit -f 16; exec ${quoted}`] }).done;
    expect(limited.code).toBe(1);
    expect(limited.stderr).toBe(
      "verify-factors: cannot write the output (EFBIG); run the same command again to go on\n",
    );
    const resumed = await spawnBin(args).done;
    expect(resumed.code).toBe(0);
    const text = readFileSync(out, "utf8");
    expect(text).not.toContain("\u0000");
    const sids = text
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line).sid);
    expect(sids.sort()).toStrictEqual(
      identities.flatMap((id) => factorsFor(id).map((f) => f.sid)).sort(),
    );
  });
});

describe("a stdout that cannot be written", () => {
  // /dev/full takes no byte: every write to it fails with ENOSPC, as on a full disk.
  const full = { stdoutTo: "/dev/full" };
  const failed = "verify-factors: cannot write the output (ENOSPC)\n";

  it("list to a full disk exits 1 with one line, never 0, even when all fit in one page", async () => {
    const server = await fake({ total: 3 });
    const result = await spawnBin(listArgs(server.url), full).done;
    expect(result).toStrictEqual({ code: 1, stdout: "", stderr: failed });
  });

  it("--help to a full disk exits 1 with one line, not a crash", async () => {
    expect(await spawnBin(["--help"], full).done).toStrictEqual({
      code: 1,
      stdout: "",
      stderr: failed,
    });
  });
});

describe("a stderr that cannot be written", () => {
  const full = { stderrTo: "/dev/full" };

  it.each([
    [["lst"], 2],
    [["list", "--service-sid", "VA1"], 2],
  ])("%j still exits as it would have told: %i, with no crash", async (args, code) => {
    expect((await spawnBin(args, full).done).code).toBe(code);
  });

  it("a listing that fails still exits 1", async () => {
    const result = await spawnBin(listArgs("http://127.0.0.1:1"), full).done;
    expect(result.code).toBe(1);
  });
});
