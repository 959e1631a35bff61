#!/usr/bin/env node
// Type-checks the whole repository (Node's types) and the library alone (no Node types, so a
// Node-only API in src/ fails) at the same time: two programs, two cores. Each keeps what it
// learnt in node_modules/.cache, so a run after a small change re-checks only what it touches.
import { spawn } from "node:child_process";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const tsc = resolve(root, "node_modules/.bin/tsc");
const cache = resolve(root, "node_modules/.cache/verify-factors");
const check = (project) => {
  const buildInfo = resolve(cache, project.replace(/json$/, "tsbuildinfo"));
  const args = ["--noEmit", "-p", project, "--incremental", "--tsBuildInfoFile", buildInfo];
  return new Promise((done) => spawn(tsc, args, { cwd: root, stdio: "inherit" }).on("close", done));
};
const codes = await Promise.all(["tsconfig.json", "tsconfig.lib.json"].map(check));
process.exitCode = codes.some((code) => code !== 0) ? 1 : 0;
