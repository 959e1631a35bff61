// Where this package is installed: files it ships beside the code (package.json, dist/vendor/).
import { existsSync, readFileSync } from "node:fs";

/** The URL of the folder holding this package's package.json, up from here (dist/ or src/). */
export function packageRoot(): URL | undefined {
  for (
    let url = new URL("package.json", import.meta.url);
    ;
    url = new URL("../package.json", url)
  ) {
    if (existsSync(url)) {
      const json = JSON.parse(readFileSync(url, "utf8")) as { name?: string };
      if (json.name === "verify-factors") return new URL(".", url);
    }
    if (url.pathname === "/package.json") return undefined;
  }
}
