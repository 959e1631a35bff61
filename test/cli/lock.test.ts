import { spawnSync } from "node:child_process";
import fs, {
  existsSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { syncBuiltinESMExports } from "node:module";
import { join } from "node:path";
import { afterEach, expect, it } from "vitest";
import { lockFor } from "../../src/cli/lock.js";
import { tempDir } from "../support/temp-dir.js";

/** The id of a process that has ended: a lock with it was left behind. */
const gonePid = () => spawnSync(process.execPath, ["-e", "0"]).pid!;

const realReadFileSync = fs.readFileSync;
afterEach(() => {
  fs.readFileSync = realReadFileSync;
  syncBuiltinESMExports();
});

/** Runs `rival` once, just after the next read of a file: as if another audit ran right then. */
function rivalAfterNextRead(rival: () => void) {
  fs.readFileSync = ((...args: Parameters<typeof realReadFileSync>) => {
    const text = realReadFileSync(...args);
    fs.readFileSync = realReadFileSync;
    syncBuiltinESMExports();
    rival();
    return text;
  }) as typeof realReadFileSync;
  syncBuiltinESMExports();
}

it("takes over a lock left behind, and lets it go", () => {
  const path = join(tempDir("verify-lock-"), "audit.ndjson");
  writeFileSync(`${path}.lock`, String(gonePid()));
  const release = lockFor("--out", path);
  expect(readFileSync(`${path}.lock`, "utf8")).toBe(String(process.pid));
  release();
  expect(existsSync(`${path}.lock`)).toBe(false);
});

it("two audits that find the same lock left behind: the second leaves the first's lock alone", () => {
  const dir = tempDir("verify-lock-");
  const path = join(dir, "audit.ndjson");
  const lock = `${path}.lock`;
  writeFileSync(lock, String(gonePid()));
  // The first audit (a live process: this one's parent) takes the lock over between the
  // second's reading it and removing it.
  rivalAfterNextRead(() => {
    rmSync(lock);
    writeFileSync(lock, String(process.ppid));
  });
  expect(() => lockFor("--out", path)).toThrow(
    `--out ${JSON.stringify(path)} is in use by another audit (process ${process.ppid})`,
  );
  expect(readFileSync(lock, "utf8")).toBe(String(process.ppid));
  expect(readdirSync(dir)).toStrictEqual(["audit.ndjson.lock"]);
});

it("a lock left behind while another audit takes it over: refused as starting, the lock left alone", () => {
  const dir = tempDir("verify-lock-");
  const path = join(dir, "audit.ndjson");
  const lock = `${path}.lock`;
  const left = String(gonePid());
  writeFileSync(lock, left);
  writeFileSync(`${lock}.takeover`, String(process.ppid));
  expect(() => lockFor("--out", path)).toThrow("is in use by another audit (one that is starting)");
  expect(readFileSync(lock, "utf8")).toBe(left);
  // One that an audit killed while taking over left behind is removed once it is old.
  const minuteAgo = new Date(Date.now() - 60_000);
  utimesSync(`${lock}.takeover`, minuteAgo, minuteAgo);
  const release = lockFor("--out", path);
  expect(readdirSync(dir)).toStrictEqual(["audit.ndjson.lock"]);
  release();
  expect(readdirSync(dir)).toStrictEqual([]);
});

it("a lock it made but could not write (a full disk) is removed, not left to look like one starting", () => {
  const dir = tempDir("verify-lock-");
  const path = join(dir, "audit.ndjson");
  const realWriteSync = fs.writeSync;
  fs.writeSync = (() => {
    throw Object.assign(new Error("ENOSPC: no space left on device"), { code: "ENOSPC" });
  }) as typeof fs.writeSync;
  syncBuiltinESMExports();
  try {
    expect(() => lockFor("--out", path)).toThrow(
      `--out ${JSON.stringify(path)}: its lock ${JSON.stringify(`${path}.lock`)} cannot be made (ENOSPC)`,
    );
  } finally {
    fs.writeSync = realWriteSync;
    syncBuiltinESMExports();
  }
  expect(readdirSync(dir)).toStrictEqual([]);
  lockFor("--out", path)();
});
