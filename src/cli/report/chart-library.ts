// The chart library the report inlines (chartist, MIT), as `npm run compile` copied it into
// dist/vendor/chartist: read from the package, so the report needs no network to draw.
import { readFileSync } from "node:fs";
import { ownPackage } from "../package-root.js";
import { UsageError } from "../usage-error.js";

export interface ChartLibrary {
  script: string;
  style: string;
  licence: string;
}

// A source map comment would have developer tools fetch a file the report does not carry.
const withoutSourceMap = (text: string) =>
  text.replace(/\/[*/]# sourceMappingURL=[^\n*]*(\*\/)?/g, "");

export function readChartLibrary(): ChartLibrary {
  const root = ownPackage()?.root;
  const read = (name: string) =>
    withoutSourceMap(readFileSync(new URL(`dist/vendor/chartist/${name}`, root), "utf8"));
  try {
    return {
      script: read("chartist.umd.js"),
      style: read("chartist.css"),
      licence: read("LICENSE-MIT"),
    };
  } catch {
    throw new UsageError(
      "--report: the chart library is missing from this install (dist/vendor/chartist); reinstall verify-factors, or run npm run compile in a clone",
    );
  }
}
