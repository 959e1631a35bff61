#!/usr/bin/env node
// Builds docs/index.html: one file that renders offline and sends no request anywhere.
// `redocly build-docs --inlineBundle` embeds Redoc's script, but the page still loads its
// "API docs by" logo from Redocly's CDN, and Redoc 3 posts usage telemetry when a reader clicks
// (the CLI writes `disableTelemetry: false` whatever redocly.yaml says). Both are fixed up here.
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const { values } = parseArgs({
  options: {
    spec: { type: "string", default: resolve(root, "openapi/verify.yaml") },
    output: { type: "string", short: "o", default: resolve(root, "docs/index.html") },
  },
});
const output = resolve(values.output);
mkdirSync(dirname(output), { recursive: true });

execFileSync(
  resolve(root, "node_modules/.bin/redocly"),
  [
    "build-docs",
    resolve(values.spec),
    "--inlineBundle",
    "--output",
    output,
    "--title",
    "Twilio Verify: List Factors and List Entities (verify-factors)",
    "--lint-config",
    "off",
  ],
  { cwd: root, stdio: ["ignore", "ignore", "inherit"] },
);

// The "API docs by" badge keeps its credit: the word "Redoc", drawn here, instead of a logo image
// from the CDN (the only image the page would load).
const badgeSvg =
  "data:image/svg+xml;charset=utf-8," +
  encodeURIComponent(
    '<svg xmlns="http://www.w3.org/2000/svg" width="44" height="14" viewBox="0 0 44 14">' +
      '<text x="0" y="11" font-family="sans-serif" font-size="11" font-weight="600" fill="#5f6368">Redoc</text></svg>',
  );
// Addresses the page would load by itself (src, fetch); links a reader may click are left alone.
const loaded = /https:\/\/cdn\.redoc(?:ly)?\.(?:ly|com)\/[^`"'\s)]*/g;
const built = readFileSync(output, "utf8");
const html = built
  .replace(loaded, (url) => (url.endsWith(".svg") ? badgeSvg : "data:,"))
  .replace('"disableTelemetry":false', '"disableTelemetry":true');
if (!html.includes('"disableTelemetry":true')) {
  throw new Error(
    `${output}: found no Redoc options to turn telemetry off in; Redoc's page changed`,
  );
}
writeFileSync(output, html);
console.log(`docs: ${output} (${Math.round(html.length / 1024)} KiB)`);
