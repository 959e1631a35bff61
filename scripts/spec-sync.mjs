#!/usr/bin/env node
// `npm run spec:sync -- FILE`: what differs between Twilio's published description of Verify v2
// and this package's spec, in the operations the package covers. Exit 0: in sync (every
// difference is one openapi/sync-kept.yaml keeps, with its reason); 1: differences to review;
// 2: the command was used wrongly.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { parse } from "yaml";
import {
  gitShow,
  parseSpec,
  readSpec,
  SPEC_IN_REPO,
  statOf,
  UsageError,
} from "./spec-diff/read-spec.mjs";
import { compareWithTwilio } from "./spec-sync/compare.mjs";
import { renderSync } from "./spec-sync/report.mjs";

export const KEPT_IN_REPO = "openapi/sync-kept.yaml";

export const USAGE = `Usage: npm run spec:sync -- FILE [--repo DIR]

Compares Twilio's published OpenAPI description of Verify v2 (twilio_verify_v2.yaml from
github.com/twilio/twilio-oai, the whole file) with ${SPEC_IN_REPO}, in the operations this
package covers: fields, types, enums, parameters and examples, OpenAPI 3.0 notation read as 3.1.
Differences kept on purpose are listed, with their reasons, in ${KEPT_IN_REPO}.

  FILE   a file path; git:REF for spec/yaml/twilio_verify_v2.yaml at REF in a clone of
         twilio-oai (--repo DIR, default the current directory); or an http(s) URL where the
         network allows
  --repo DIR   the twilio-oai clone git:REF reads from

Exit codes: 0 in sync, 1 differences to review, 2 usage error.`;

/** Where Twilio's description of Verify v2 lives in twilio-oai. */
const IN_OAI = "spec/yaml/twilio_verify_v2.yaml";

async function readTwilio(source, cwd, repo, timeoutMs) {
  if (source.startsWith("git:")) {
    const dir = resolve(cwd, repo ?? ".");
    if (!statOf(dir)?.isDirectory()) {
      throw new UsageError(`--repo ${JSON.stringify(repo)}: no such folder`);
    }
    return parseSpec(gitShow(source.slice(4), dir, IN_OAI, ` in ${dir}`), source);
  }
  if (!/^https?:\/\//.test(source)) return readSpec(source, cwd);
  let text;
  try {
    // The body too: a server that stops sending mid-file must not hold the command forever.
    const response = await fetch(source, { signal: AbortSignal.timeout(timeoutMs) });
    if (!response.ok) throw new UsageError(`${source}: HTTP ${response.status}`);
    text = await response.text();
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const why =
      error.name === "TimeoutError"
        ? `nothing whole within ${timeoutMs / 1000} s`
        : (error.cause?.code ?? error.message);
    throw new UsageError(`${source}: cannot fetch it (${why})`);
  }
  return parseSpec(text, source);
}

/**
 * Runs the command; resolves to its exit code.
 * @param {string[]} argv
 * @param {{ cwd?: string, stdout?: { write(text: string): unknown }, stderr?: { write(text: string): unknown }, timeoutMs?: number }} [io]
 *   `timeoutMs`: how long a URL may take to send the whole file.
 */
export async function specSync(
  argv,
  {
    cwd = process.cwd(),
    stdout = process.stdout,
    stderr = process.stderr,
    timeoutMs = 60_000,
  } = {},
) {
  try {
    let parsed;
    try {
      parsed = parseArgs({
        args: argv,
        options: { help: { type: "boolean", short: "h" }, repo: { type: "string" } },
        allowPositionals: true,
      });
    } catch (error) {
      throw new UsageError(error.message);
    }
    if (parsed.values.help) {
      stdout.write(`${USAGE}\n`);
      return 0;
    }
    const [source, ...extra] = parsed.positionals;
    if (!source) throw new UsageError("FILE is missing: name Twilio's twilio_verify_v2.yaml");
    if (extra.length > 0) throw new UsageError(`expected one FILE, got ${1 + extra.length}`);
    const twilio = await readTwilio(source, cwd, parsed.values.repo, timeoutMs);
    const ours = readSpec(SPEC_IN_REPO, cwd);
    const kept = parse(readFileSync(resolve(cwd, KEPT_IN_REPO), "utf8"));
    const result = compareWithTwilio(twilio, ours, kept);
    stdout.write(renderSync(result, source));
    return result.differences.length > 0 ? 1 : 0;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    stderr.write(`spec:sync: ${error.message}\nRun "npm run spec:sync -- --help" for usage.\n`);
    return 2;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  process.exitCode = await specSync(process.argv.slice(2));
}
