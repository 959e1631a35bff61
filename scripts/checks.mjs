#!/usr/bin/env node
// The static checks: lint, generated/ up to date, types and formatting. They read and never write,
// so they run at once, each as package.json says (with node_modules/.bin on the PATH, as npm runs
// it); each one's output is printed whole when it ends, under its name, and any failure fails the
// run. A command after them (`npm test` gives `vitest run`) runs at the same time, its output as it
// comes: the tests spend much of their time waiting on sockets, timers and child processes.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { delimiter, dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const { scripts } = JSON.parse(readFileSync(resolve(root, "package.json"), "utf8"));
const checks = ["lint", "check:generated", "typecheck", "format:check"];
const env = {
  ...process.env,
  PATH: [resolve(root, "node_modules/.bin"), process.env.PATH].join(delimiter),
};

const run = (name) =>
  new Promise((done) => {
    const child = spawn(scripts[name], { cwd: root, env, shell: true });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("close", (code) => {
      process.stdout.write(`> ${name}: ${code === 0 ? "ok" : `failed (exit ${code})`}\n`);
      if (code !== 0) process.stdout.write(output);
      done(code);
    });
  });

const alongside = process.argv.slice(2);
const tests = alongside.length
  ? [
      new Promise((done) =>
        spawn(alongside.join(" "), { cwd: root, env, shell: true, stdio: "inherit" }).on(
          "close",
          done,
        ),
      ),
    ]
  : [];
const codes = await Promise.all([...checks.map(run), ...tests]);
process.exitCode = codes.every((code) => code === 0) ? 0 : 1;
