// How the command line words an error: one line, and where to resume when a listing stopped part-way.
import { VerifyApiError, VerifyError, type Cursor } from "../index.js";
import { shellQuote } from "./visible.js";

function resumeHint(cursor: Cursor | undefined): string {
  if (!cursor?.pageToken) return "";
  // The token is the server's: quoted, so pasting the hint into a shell never runs any of it.
  const flags = [`--page ${cursor.page ?? 0}`, `--page-token ${shellQuote(cursor.pageToken)}`];
  if (cursor.limit !== undefined) flags.push(`--limit ${cursor.limit}`);
  return ` (stopped part-way; resume with ${flags.join(" ")})`;
}

/** The error as one line for stderr (main.ts makes server text in it visible). */
export function describeError(error: unknown): string {
  if (error instanceof VerifyApiError) {
    const code = error.code !== undefined ? `error ${error.code}: ` : "";
    const status = error.message.startsWith(`HTTP ${error.status}`)
      ? ""
      : ` (HTTP ${error.status})`;
    const link = error.moreInfo ? ` ${error.moreInfo}` : "";
    // The id to quote to Twilio support.
    const request = error.requestId ? ` [request ${error.requestId}]` : "";
    return `${code}${error.message}${status}${link}${request}${resumeHint(error.cursor)}`;
  }
  if (error instanceof VerifyError) return `${error.message}${resumeHint(error.cursor)}`;
  return error instanceof Error ? error.message : String(error);
}
