// The `verify-factors` command: lists an Entity's Factors as a table, JSON, NDJSON or TSV.
// Credentials come from the environment only, never from flags that land in shell history.
import { existsSync, readFileSync } from "node:fs";
import {
  createVerifyClient,
  VerifyApiError,
  VerifyArgumentError,
  type Logger,
  type LogLevel,
  type VerifyClient,
} from "../index.js";
import { credentials, parse, UsageError, USAGE, type Command } from "./args.js";
import { describeError } from "./errors.js";
import { runAudit } from "./audit.js";
import { createFormat } from "./formats.js";
import { writer, type Io } from "./io.js";
import { visible } from "./visible.js";

export type { Io } from "./io.js";

const HELP_HINT = "Try: verify-factors --help";

/** This package's version, from the nearest package.json up from here (dist/ or src/). */
function version(): string {
  for (
    let url = new URL("package.json", import.meta.url);
    ;
    url = new URL("../package.json", url)
  ) {
    if (existsSync(url)) {
      const json = JSON.parse(readFileSync(url, "utf8")) as { name?: string; version: string };
      if (json.name === "verify-factors") return json.version;
    }
    if (url.pathname === "/package.json") return "unknown";
  }
}

/**
 * "N pages, M factors so far…" on stderr between pages, on a terminal only (never when piped),
 * and wiped before any output, so it never mixes with rows.
 */
function progressLine({ stdout, stderr }: Io) {
  const shown = Boolean(stderr.isTTY && stdout.isTTY);
  let pages = 0;
  let items = 0;
  let drawn = false;
  return {
    count(factors: number, more: boolean) {
      pages++;
      items += factors;
      if (!shown || !more) return;
      stderr.write(`\r${pages} pages, ${items} factors so far…`);
      drawn = true;
    },
    clear() {
      if (drawn) stderr.write("\r\x1b[K");
      drawn = false;
    },
  };
}

/** Runs the command; resolves to its exit code. */
export async function main(
  argv: string[],
  env: Record<string, string | undefined>,
  io: Io,
): Promise<number> {
  // Messages may quote server text or flags: made visible, with the help hint on its own line.
  const fail = (code: number, message: string, hint = false) => {
    io.stderr.write(`verify-factors: ${visible(message)}\n${hint ? `${HELP_HINT}\n` : ""}`);
    return code;
  };
  let command: Command;
  let client: VerifyClient;
  let flags: Record<string, string> = {};
  try {
    command = parse(argv, Boolean(io.stdout.isTTY));
    if ("help" in command) {
      io.stdout.write(command.help ? `${USAGE}\n` : `${version()}\n`);
      return 0;
    }
    const { from, ...login } = credentials(env);
    flags = flagNames(
      from,
      command.baseUrl === undefined ? "VERIFY_BASE_URL" : "--base-url",
      command.logLevel === undefined ? "VERIFY_FACTORS_LOG" : "--log-level",
    );
    let throttled = 0;
    client = createVerifyClient({
      ...login,
      baseUrl: command.baseUrl ?? (env.VERIFY_BASE_URL || undefined),
      headers: command.headers,
      logger: stderrLogger(io),
      logLevel: (command.logLevel ?? env.VERIFY_FACTORS_LOG ?? "warn") as LogLevel,
      // The audit's progress line counts the 429s seen, retries included.
      fetch:
        command.name === "audit"
          ? async (request) => {
              const response = await fetch(request);
              if (response.status === 429) throttled++;
              return response;
            }
          : undefined,
    });
    // An API error's line, with what to check after a 401 or 403.
    const describe = (error: unknown) => `${describeError(error)}${authHint(error, from)}`;
    if (command.name === "audit") {
      return await runAudit(client, command, io, describe, () => throttled);
    }
    return await list(client, command, io, flags, describe, fail);
  } catch (error) {
    if (error instanceof VerifyArgumentError) return fail(2, inFlags(error, flags), true);
    if (error instanceof UsageError) return fail(2, error.message, true);
    throw error;
  }
}

/** Log lines on stderr, made visible like every other line the command writes there. */
function stderrLogger({ stderr }: Io): Logger {
  const line = (message: string) => void stderr.write(`${visible(message)}\n`);
  return { debug: line, info: line, warn: line, error: line };
}

/** Where each library parameter came from on this command line: a flag or a variable. */
function flagNames(
  from: [string, string],
  baseUrl: string,
  logLevel: string,
): Record<string, string> {
  return {
    serviceSid: "--service-sid",
    identity: "--identity",
    limit: "--limit",
    pageSize: "--page-size",
    page: "--page",
    pageToken: "--page-token",
    headers: "--header",
    logLevel,
    baseUrl,
    accountSid: from[0],
    authToken: from[1],
  };
}

/** A library error about `pageSize` and the like, told in terms of `--page-size`. */
function inFlags(error: VerifyArgumentError, flags: Record<string, string>): string {
  const flag = flags[error.parameter];
  return flag ? `${flag}${error.message.slice(error.parameter.length)}` : error.message;
}

/** What to check after a 401 or 403, naming the variables the credentials came from. */
function authHint(error: unknown, [user, password]: [string, string]): string {
  if (!(error instanceof VerifyApiError)) return "";
  if (error.status === 401) return `; check ${user} and ${password}: they were not accepted`;
  if (error.status === 403) {
    return `; the credentials in ${user} and ${password} may not use this Service`;
  }
  return "";
}

async function list(
  client: VerifyClient,
  command: Extract<Command, { name: "list" }>,
  io: Io,
  flags: Record<string, string>,
  describe: (error: unknown) => string,
  fail: (code: number, message: string, hint?: boolean) => number,
): Promise<number> {
  const { stdout } = io;
  const controller = new AbortController();
  let closed = false;
  const onError = (error: NodeJS.ErrnoException) => {
    // The reader went away (`| head`): stop listing, quietly.
    if (error.code === "EPIPE") closed = true;
    controller.abort();
  };
  const onInterrupt = () => controller.abort();
  stdout.on("error", onError);
  process.once("SIGINT", onInterrupt);

  const write = writer(stdout);
  const format = createFormat(command.output, [...command.properties], command.pickProperties);
  const progress = progressLine(io);
  try {
    const listing = client.listFactors({ ...command.list, signal: controller.signal });
    await write(format.start());
    for await (const page of listing.pages()) {
      progress.clear();
      await write(format.page(page.factors));
      progress.count(page.factors.length, page.nextCursor !== null);
    }
    await write(format.end());
    return 0;
  } catch (error) {
    progress.clear();
    if (closed) return 0;
    // What was written stays valid JSON: the array is closed over the factors listed so far.
    if (command.output === "json") await write(format.end());
    if (controller.signal.aborted) return fail(130, "interrupted");
    if (error instanceof VerifyArgumentError) return fail(2, inFlags(error, flags), true);
    return fail(1, describe(error));
  } finally {
    stdout.off("error", onError);
    process.off("SIGINT", onInterrupt);
  }
}
