#!/usr/bin/env node
// Compiles src/ twice: ESM for `import`, CommonJS for `require` on Node versions without
// require(esm). Each build gets declarations of its own module kind, as are-the-types-wrong expects.
import { execFileSync } from "node:child_process";
import { chmodSync, rmSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const tsc = resolve(root, "node_modules/.bin/tsc");

rmSync(resolve(root, "dist"), { recursive: true, force: true });
for (const project of ["tsconfig.build.json", "tsconfig.cjs.json"]) {
  execFileSync(tsc, ["-p", project], { cwd: root, stdio: "inherit" });
}
writeFileSync(resolve(root, "dist/cjs/package.json"), '{ "type": "commonjs" }\n');
chmodSync(resolve(root, "dist/esm/src/cli/bin.js"), 0o755);
console.log("compiled: dist/esm (import) and dist/cjs (require)");
