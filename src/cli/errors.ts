// How the command line words an error: one line, and where to resume when a listing stopped part-way.
import { VerifyApiError, VerifyError, type Cursor } from "../index.js";

function resumeHint(cursor: Cursor | undefined): string {
  if (!cursor?.pageToken) return "";
  const flags = [`--page ${cursor.page ?? 0}`, `--page-token ${cursor.pageToken}`];
  if (cursor.limit !== undefined) flags.push(`--limit ${cursor.limit}`);
  return ` (stopped part-way; resume with ${flags.join(" ")})`;
}

export function describeError(error: unknown): string {
  if (error instanceof VerifyApiError) {
    const code = error.code !== undefined ? `error ${error.code}: ` : "";
    const link = error.moreInfo ? ` ${error.moreInfo}` : "";
    return `${code}${error.message} (HTTP ${error.status})${link}${resumeHint(error.cursor)}`;
  }
  if (error instanceof VerifyError) return `${error.message}${resumeHint(error.cursor)}`;
  return error instanceof Error ? error.message : String(error);
}
