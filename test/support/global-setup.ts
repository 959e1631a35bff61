import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "../..");

/** The newest modification time of any file below `dir`. */
function newest(dir: string): number {
  return Math.max(
    ...readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => statSync(join(entry.parentPath, entry.name)).mtimeMs),
  );
}

// The command-line and package tests run what users run: the compiled dist/. It is compiled
// again unless it is newer than every source (as right after `npm run build`).
export default function setup() {
  const built = resolve(root, "dist/esm/src/index.js");
  const stale =
    !existsSync(built) ||
    statSync(built).mtimeMs <
      Math.max(newest(resolve(root, "src")), newest(resolve(root, "generated")));
  if (!stale) return;
  execFileSync(process.execPath, [resolve(root, "scripts/compile.mjs")], { stdio: "inherit" });
}
