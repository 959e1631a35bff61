// How the command line words an error: one line on stderr, with where to resume when a listing
// stopped part-way and what to check after a 401 or 403.
import {
  VerifyApiError,
  VerifyArgumentError,
  VerifyConnectionError,
  VerifyError,
  type Cursor,
} from "../index.js";
import { refusedByTls } from "../http/retry-policy.js";
import { cut } from "../shown.js";
import type { Io } from "./io.js";
import { shellQuote, visible } from "./terminal.js";

const HELP_HINT = "Try: verify-factors --help";

export function resumeHint(cursor: Cursor | undefined): string {
  if (!cursor?.pageToken) return "";
  // The token is the server's: quoted, so pasting the hint into a shell never runs any of it, and
  // inline when it starts with a dash, so the command line does not read it as a flag.
  const token = shellQuote(cursor.pageToken);
  const given = cursor.pageToken.startsWith("-") ? `=${token}` : ` ${token}`;
  const flags = [`--page ${cursor.page ?? 0}`, `--page-token${given}`];
  if (cursor.limit !== undefined) flags.push(`--limit ${cursor.limit}`);
  return ` (stopped part-way; resume with ${flags.join(" ")})`;
}

/** The error as one line for stderr (`Report.fail` makes server text in it visible). */
export function describeError(error: unknown): string {
  if (error instanceof VerifyApiError) {
    const code = error.code !== undefined ? `error ${error.code}: ` : "";
    const status = error.message.startsWith(`HTTP ${error.status}`)
      ? ""
      : ` (HTTP ${error.status})`;
    // A link: Twilio's are short, and a server's may be any length.
    const link = error.moreInfo ? ` ${cut(error.moreInfo, 200)}` : "";
    // The id to quote to Twilio support.
    const request = error.requestId ? ` [request ${error.requestId}]` : "";
    return `${code}${error.message}${status}${link}${request}${resumeHint(error.cursor)}`;
  }
  if (error instanceof VerifyError) return `${error.message}${resumeHint(error.cursor)}`;
  return error instanceof Error ? error.message : String(error);
}

/** What to check after a 401 or 403, naming the variables the credentials came from. */
function authHint(error: unknown, [user, password]: readonly [string, string]): string {
  if (!(error instanceof VerifyApiError)) return "";
  if (error.status === 401) return `; check ${user} and ${password}: they were not accepted`;
  if (error.status === 403) {
    return `; the credentials in ${user} and ${password} may not use this Service`;
  }
  return "";
}

/** Where to look when no Twilio answered: a wrong address, or no way to it. */
function addressHint(error: unknown): string {
  const check = "check --base-url (or VERIFY_BASE_URL) and the network";
  if (error instanceof VerifyConnectionError && refusedByTls(error)) {
    const why = "a certificate not trusted, or no TLS at that address";
    return `; TLS refused the server (${why}), so it was not tried again: ${check}`;
  }
  if (error instanceof VerifyConnectionError) return `; no response after every retry: ${check}`;
  // Twilio's 404 carries its error code; a bare one came from somewhere else.
  if (error instanceof VerifyApiError && error.status === 404 && error.code === undefined) {
    return `; not Twilio's error response: ${check}`;
  }
  return "";
}

/** How a command tells what went wrong, in the words of this command line. */
export interface Report {
  /** Writes `verify-factors: message` (made visible) and returns `code`. */
  fail(code: number, message: string, hint?: boolean): number;
  /** A library error about `pageSize` and the like, told in terms of `--page-size`: exit 2. */
  usage(error: VerifyArgumentError): number;
  /** An API or network error's line, with what to check after a 401 or 403. */
  describe(error: unknown): string;
}

/**
 * `flags` says where each library parameter came from on this command line (a flag or a
 * variable); `from` names the two variables the credentials came from.
 */
export function createReport(
  { stderr }: Io,
  flags: Record<string, string>,
  from: readonly [string, string],
): Report {
  const fail = (code: number, message: string, hint = false) => {
    stderr.write(`verify-factors: ${visible(message)}\n${hint ? `${HELP_HINT}\n` : ""}`);
    return code;
  };
  return {
    fail,
    usage(error) {
      const flag = flags[error.parameter];
      const message = flag
        ? `${flag}${error.message.slice(error.parameter.length)}`
        : error.message;
      return fail(2, message, true);
    },
    describe: (error) => `${describeError(error)}${authHint(error, from)}${addressHint(error)}`,
  };
}
