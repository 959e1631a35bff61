#!/usr/bin/env node
// The `verify-factors` command: lists an Entity's Factors as a table, JSON, NDJSON or TSV.
// Credentials come from the environment only, never from flags that land in shell history.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import {
  createVerifyClient,
  VerifyApiError,
  VerifyArgumentError,
  VerifyError,
  type Cursor,
  type Factor,
} from "./index.js";

const USAGE = `Usage: verify-factors list --service-sid VA... --identity ID [options]

List the Factors of a Twilio Verify Entity.

Options:
  --service-sid SID    The Verify Service SID (VA followed by 32 hex digits)
  --identity ID        The Entity's identity (8 to 64 dash-separated alphanumerics)
  --limit N            List at most N factors
  --page-size N        Factors per request, 1 to 1000 (Twilio's default: 50)
  --page N             Start at this page index (with --page-token, to resume)
  --page-token T       Start at this page token (to resume)
  --output FORMAT      table (default on a terminal), json, ndjson (default otherwise) or tsv
  --properties LIST    Comma-separated fields to show (default: sid,friendly_name,status,factor_type)
  --base-url URL       Where to send requests (default: https://verify.twilio.com)
  -h, --help           Show this help
  -v, --version        Show the version

Credentials (environment only):
  TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN, or
  TWILIO_ACCOUNT_SID with TWILIO_API_KEY and TWILIO_API_SECRET

Exit codes: 0 listed, 1 API or network error, 2 usage error.`;

const FORMATS = ["table", "json", "ndjson", "tsv"] as const;
type Format = (typeof FORMATS)[number];
const FIELDS = [
  "sid",
  "account_sid",
  "service_sid",
  "entity_sid",
  "identity",
  "date_created",
  "date_updated",
  "friendly_name",
  "status",
  "factor_type",
  "config",
  "metadata",
  "url",
];
const DEFAULT_PROPERTIES = ["sid", "friendly_name", "status", "factor_type"];

class UsageError extends Error {}

function integer(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text)) throw new UsageError(`--${name} must be a whole number, got "${text}"`);
  return Number(text);
}

function version(): string {
  const url = new URL("../../../package.json", import.meta.url);
  return (JSON.parse(readFileSync(url, "utf8")) as { version: string }).version;
}

function credentials(env: NodeJS.ProcessEnv): { accountSid: string; authToken: string } {
  const { TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_API_KEY, TWILIO_API_SECRET } = env;
  if (!TWILIO_ACCOUNT_SID) {
    throw new UsageError(
      "set TWILIO_ACCOUNT_SID (and TWILIO_AUTH_TOKEN, or TWILIO_API_KEY and TWILIO_API_SECRET)",
    );
  }
  if (TWILIO_API_KEY || TWILIO_API_SECRET) {
    if (!TWILIO_API_KEY || !TWILIO_API_SECRET) {
      throw new UsageError("set both TWILIO_API_KEY and TWILIO_API_SECRET, or neither");
    }
    return { accountSid: TWILIO_API_KEY, authToken: TWILIO_API_SECRET };
  }
  if (!TWILIO_AUTH_TOKEN)
    throw new UsageError("set TWILIO_AUTH_TOKEN, or TWILIO_API_KEY and TWILIO_API_SECRET");
  return { accountSid: TWILIO_ACCOUNT_SID, authToken: TWILIO_AUTH_TOKEN };
}

function parse(argv: string[], stdoutIsTTY: boolean) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      "service-sid": { type: "string" },
      identity: { type: "string" },
      limit: { type: "string" },
      "page-size": { type: "string" },
      page: { type: "string" },
      "page-token": { type: "string" },
      output: { type: "string", short: "o" },
      properties: { type: "string" },
      "base-url": { type: "string" },
      help: { type: "boolean", short: "h" },
      version: { type: "boolean", short: "v" },
    },
  });
  if (values.help || values.version) return { help: values.help, version: values.version } as const;
  const [command, ...extra] = positionals;
  if (command !== "list") {
    throw new UsageError(
      command ? `unknown command "${command}"; the command is "list"` : 'missing command "list"',
    );
  }
  if (extra.length) throw new UsageError(`unexpected argument "${extra[0]}"`);
  if (!values["service-sid"]) throw new UsageError("--service-sid is required");
  if (!values.identity) throw new UsageError("--identity is required");
  const output = (values.output ?? (stdoutIsTTY ? "table" : "ndjson")) as Format;
  if (!FORMATS.includes(output)) {
    throw new UsageError(`--output must be one of ${FORMATS.join(", ")}, got "${values.output}"`);
  }
  const properties = values.properties?.split(",").map((p) => p.trim()) ?? DEFAULT_PROPERTIES;
  const unknown = properties.find((p) => !FIELDS.includes(p));
  if (unknown !== undefined) {
    throw new UsageError(`--properties: unknown property "${unknown}"; known: ${FIELDS.join(",")}`);
  }
  return {
    output,
    properties,
    pickProperties: values.properties !== undefined,
    baseUrl: values["base-url"],
    list: {
      serviceSid: values["service-sid"],
      identity: values.identity,
      limit: integer("limit", values.limit),
      pageSize: integer("page-size", values["page-size"]),
      page: integer("page", values.page),
      pageToken: values["page-token"],
    },
  } as const;
}

const cell = (value: unknown) =>
  value === null || value === undefined
    ? ""
    : typeof value === "object"
      ? JSON.stringify(value)
      : String(value);
const title = (field: string) =>
  field === "sid"
    ? "SID"
    : field
        .split("_")
        .map((w) => (w.endsWith("sid") ? w.toUpperCase() : w[0]!.toUpperCase() + w.slice(1)))
        .join(" ");

/** Writes one line at a time and waits when the pipe is full, so memory stays flat. */
function writer(stream: NodeJS.WriteStream) {
  return async (text: string) => {
    if (stream.destroyed || stream.write(text)) return;
    // A reader that went away never drains: its error or close ends the wait too.
    await new Promise<void>((resolve) => {
      const done = () => {
        stream.off("drain", done).off("error", done).off("close", done);
        resolve();
      };
      stream.on("drain", done).on("error", done).on("close", done);
    });
  };
}

function resumeHint(cursor: Cursor | undefined): string {
  if (!cursor?.pageToken) return "";
  const flags = [`--page ${cursor.page ?? 0}`, `--page-token ${cursor.pageToken}`];
  if (cursor.limit !== undefined) flags.push(`--limit ${cursor.limit}`);
  return ` (stopped part-way; resume with ${flags.join(" ")})`;
}

function describeError(error: unknown): string {
  if (error instanceof VerifyApiError) {
    const code = error.code !== undefined ? `error ${error.code}: ` : "";
    const link = error.moreInfo ? ` ${error.moreInfo}` : "";
    return `${code}${error.message} (HTTP ${error.status})${link}${resumeHint(error.cursor)}`;
  }
  if (error instanceof VerifyError) return `${error.message}${resumeHint(error.cursor)}`;
  return error instanceof Error ? error.message : String(error);
}

async function main(argv: string[], env = process.env): Promise<number> {
  const { stdout, stderr } = process;
  const fail = (code: number, message: string) => {
    stderr.write(`verify-factors: ${message}\n`);
    return code;
  };
  let options;
  let client;
  try {
    options = parse(argv, Boolean(stdout.isTTY));
    if ("help" in options) {
      stdout.write(options.help ? `${USAGE}\n` : `${version()}\n`);
      return 0;
    }
    client = createVerifyClient({ ...credentials(env), baseUrl: options.baseUrl });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return fail(
      2,
      `${message}\n${error instanceof UsageError || error instanceof VerifyArgumentError ? "Try: verify-factors --help" : ""}`.trimEnd(),
    );
  }

  const controller = new AbortController();
  let closed = false;
  stdout.on("error", (error: NodeJS.ErrnoException) => {
    // The reader went away (`| head`): stop listing, quietly.
    if (error.code === "EPIPE") closed = true;
    controller.abort();
  });
  process.once("SIGINT", () => controller.abort());

  const write = writer(stdout);
  const { output, properties } = options;
  const shown = (factor: Factor) =>
    options.pickProperties ? Object.fromEntries(properties.map((p) => [p, factor[p]])) : factor;
  // On a terminal only (none when piped), drawn on stderr between pages and wiped before any
  // output, so it never mixes with rows.
  let progressShown = false;
  const clearProgress = () => {
    if (progressShown) stderr.write("\r\x1b[K");
    progressShown = false;
  };
  let items = 0;
  let pages = 0;
  try {
    const list = client.listFactors({ ...options.list, signal: controller.signal });
    if (output === "json") await write("[");
    if (output === "tsv") await write(`${properties.join("\t")}\n`);
    let widths = properties.map((p) => title(p).length);
    const row = (cells: string[]) =>
      `${cells
        .map((c, i) => c.padEnd(widths[i]!))
        .join("  ")
        .trimEnd()}\n`;
    for await (const page of list.pages()) {
      pages++;
      clearProgress();
      if (output === "table") {
        const rows = page.factors.map((f) => properties.map((p) => cell(f[p])));
        if (pages === 1) {
          widths = widths.map((w, i) => Math.max(w, ...rows.map((r) => r[i]!.length)));
          await write(row(properties.map(title)));
        }
        for (const cells of rows) await write(row(cells));
      } else {
        for (const factor of page.factors) {
          if (output === "ndjson") await write(`${JSON.stringify(shown(factor))}\n`);
          else if (output === "json")
            await write(`${items ? "," : ""}\n  ${JSON.stringify(shown(factor))}`);
          else
            await write(
              `${properties.map((p) => cell(factor[p]).replace(/[\t\n\r]/g, " ")).join("\t")}\n`,
            );
          items++;
        }
      }
      if (output === "table") items += page.factors.length;
      if (stderr.isTTY && stdout.isTTY && page.nextCursor) {
        stderr.write(`\r${pages} pages, ${items} factors so far…`);
        progressShown = true;
      }
    }
    clearProgress();
    if (output === "json") await write(items ? "\n]\n" : "]\n");
    return 0;
  } catch (error) {
    clearProgress();
    if (closed) return 0;
    if (controller.signal.aborted) return fail(130, "interrupted");
    if (error instanceof VerifyArgumentError)
      return fail(2, `${error.message}\nTry: verify-factors --help`);
    return fail(1, describeError(error));
  }
}

process.exitCode = await main(process.argv.slice(2));
