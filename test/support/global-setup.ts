import { execFileSync } from "node:child_process";
import { resolve } from "node:path";

// The command-line and package tests run what users run: the compiled dist/.
export default function setup() {
  execFileSync(process.execPath, [resolve(import.meta.dirname, "../../scripts/compile.mjs")], {
    stdio: "inherit",
  });
}
