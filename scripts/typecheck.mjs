#!/usr/bin/env node
// Type-checks the whole repository (Node's types) and the library alone (no Node types, so a
// Node-only API in src/ fails) at the same time: two programs, two cores. Each runs in tsc's build
// mode with its state in node_modules/.cache, so a run after a small change re-checks only what it
// touches and a run after none checks nothing. Build mode watches the project's own files, not
// node_modules, so the state is kept per package-lock.json: new dependencies start it afresh.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const tsc = resolve(root, "node_modules/.bin/tsc");
const caches = resolve(root, "node_modules/.cache/verify-factors-typecheck");
const lock = createHash("sha256")
  .update(readFileSync(resolve(root, "package-lock.json")))
  .digest("hex")
  .slice(0, 12);
const cache = resolve(caches, lock);
mkdirSync(cache, { recursive: true });
for (const stale of readdirSync(caches).filter((entry) => entry !== lock)) {
  rmSync(resolve(caches, stale), { recursive: true, force: true });
}

/**
 * A tsconfig in the cache that is the project's own plus where build mode keeps its state,
 * written once: build mode takes a newer config for a changed one.
 */
const stateful = (project) => {
  const config = resolve(cache, project);
  const compilerOptions = {
    incremental: true,
    tsBuildInfoFile: `./${project.replace(/json$/, "tsbuildinfo")}`,
  };
  const extended = relative(cache, resolve(root, project));
  if (!existsSync(config))
    writeFileSync(config, JSON.stringify({ extends: extended, compilerOptions }));
  return config;
};
const check = (project) =>
  new Promise((done) =>
    spawn(tsc, ["-b", stateful(project)], { cwd: root, stdio: "inherit" }).on("close", done),
  );
const codes = await Promise.all(["tsconfig.json", "tsconfig.lib.json"].map(check));
process.exitCode = codes.some((code) => code !== 0) ? 1 : 0;
