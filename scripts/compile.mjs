#!/usr/bin/env node
// Compiles src/ twice: ESM for `import`, CommonJS for `require` on Node versions without
// require(esm). Each build gets declarations of its own module kind, as are-the-types-wrong expects.
// Then bundles the ESM library into one file, the one `import` loads: one module to read instead
// of thirty (openapi-fetch stays a dependency). dist/esm/src keeps the files tsc wrote, for the
// declarations and the command line.
import { execFileSync } from "node:child_process";
import { chmodSync, copyFileSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const tsc = resolve(root, "node_modules/.bin/tsc");

rmSync(resolve(root, "dist"), { recursive: true, force: true });
for (const project of ["tsconfig.build.json", "tsconfig.cjs.json"]) {
  execFileSync(tsc, ["-p", project], { cwd: root, stdio: "inherit" });
}
writeFileSync(resolve(root, "dist/cjs/package.json"), '{ "type": "commonjs" }\n');
await build({
  entryPoints: [resolve(root, "dist/esm/src/index.js")],
  outfile: resolve(root, "dist/esm/index.js"),
  bundle: true,
  format: "esm",
  platform: "neutral",
  external: ["openapi-fetch"],
  logLevel: "warning",
});
chmodSync(resolve(root, "dist/esm/src/cli/bin.js"), 0o755);
// The chart library the audit's HTML report inlines, with its licence: copied in, so the package
// carries these three files rather than a dependency on chartist for every library user.
const vendor = resolve(root, "dist/vendor/chartist");
mkdirSync(vendor, { recursive: true });
for (const [from, to] of [
  ["dist/index.umd.js", "chartist.umd.js"],
  ["dist/index.css", "chartist.css"],
  ["LICENSE-MIT", "LICENSE-MIT"],
]) {
  copyFileSync(resolve(root, "node_modules/chartist", from), resolve(vendor, to));
}
console.log(
  "compiled: dist/esm (import: the library bundled into dist/esm/index.js), dist/cjs (require) and dist/vendor (the report's chart library)",
);
