// Where this package is installed: files it ships beside the code (package.json, dist/vendor/).
import { existsSync, readFileSync } from "node:fs";

/** This package: the folder holding its package.json, up from here (dist/ or src/), and its version. */
export function ownPackage(): { root: URL; version: string } | undefined {
  for (
    let url = new URL("package.json", import.meta.url);
    ;
    url = new URL("../package.json", url)
  ) {
    if (existsSync(url)) {
      const json = JSON.parse(readFileSync(url, "utf8")) as { name?: string; version: string };
      if (json.name === "verify-factors") return { root: new URL(".", url), version: json.version };
    }
    if (url.pathname === "/package.json") return undefined;
  }
}
