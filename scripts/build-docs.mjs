#!/usr/bin/env node
// Builds docs/index.html: one file that renders offline and sends no request anywhere.
// `redocly build-docs --inlineBundle` embeds Redoc's script, but the page still loads its
// "API docs by" logo from Redocly's CDN, and Redoc 3 posts usage telemetry when a reader clicks
// (the CLI writes `disableTelemetry: false` whatever redocly.yaml says). Both are fixed up here.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { statOf, UsageError } from "./spec-diff/read-spec.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

export const USAGE = `Usage: npm run docs [-- --spec FILE] [--output FILE]

Builds the HTML reference of the OpenAPI description: one file that renders offline.

  --spec FILE        the description to build from (default: openapi/verify.yaml)
  -o, --output FILE  where to write the page (default: docs/index.html)

Exit codes: 0 written, 1 the build failed, 2 usage error.`;

function parse(argv) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        help: { type: "boolean", short: "h" },
        spec: { type: "string", default: resolve(root, "openapi/verify.yaml") },
        output: { type: "string", short: "o", default: resolve(root, "docs/index.html") },
      },
    });
  } catch (error) {
    throw new UsageError(error.message);
  }
  const { help, spec, output } = parsed.values;
  if (help) return null;
  if (!statOf(spec)?.isFile()) {
    throw new UsageError(`--spec ${JSON.stringify(spec)} is not a file`);
  }
  return { spec: resolve(spec), output: resolve(output) };
}

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

/** Redoc's page made offline; `undefined` when Redoc's options are not where they were. */
function offline(built) {
  const html = built
    .replace(loaded, (url) => (url.endsWith(".svg") ? badgeSvg : "data:,"))
    .replace('"disableTelemetry":false', '"disableTelemetry":true');
  return html.includes('"disableTelemetry":true') ? html : undefined;
}

/**
 * Runs the command; resolves to its exit code.
 * @param {string[]} argv
 * @param {{ stdout?: { write(text: string): unknown }, stderr?: { write(text: string): unknown } }} [io]
 */
export function buildDocs(argv, { stdout = process.stdout, stderr = process.stderr } = {}) {
  let paths;
  try {
    paths = parse(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    stderr.write(`docs: ${error.message}\nRun "npm run docs -- --help" for usage.\n`);
    return 2;
  }
  if (!paths) {
    stdout.write(`${USAGE}\n`);
    return 0;
  }
  const { spec, output } = paths;
  mkdirSync(dirname(output), { recursive: true });
  const redocly = spawnSync(
    resolve(root, "node_modules/.bin/redocly"),
    [
      "build-docs",
      spec,
      "--inlineBundle",
      "--output",
      output,
      "--title",
      "Twilio Verify: List Factors and List Entities (verify-factors)",
      "--lint-config",
      "off",
    ],
    // Redocly says what went wrong on stderr itself.
    { cwd: root, stdio: ["ignore", "ignore", "inherit"] },
  );
  if (redocly.status !== 0) {
    stderr.write(
      `docs: redocly build-docs failed (${redocly.error?.message ?? `exit ${redocly.status}`})\n`,
    );
    return 1;
  }
  const html = offline(readFileSync(output, "utf8"));
  if (html === undefined) {
    stderr.write(
      `docs: ${output}: found no Redoc options to turn telemetry off in; Redoc's page changed\n`,
    );
    return 1;
  }
  writeFileSync(output, html);
  stdout.write(`docs: ${output} (${Math.round(html.length / 1024)} KiB)\n`);
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  process.exitCode = buildDocs(process.argv.slice(2));
}
