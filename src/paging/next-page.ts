import type { Cursor } from "../cursor.js";
import { VerifyPaginationError } from "../errors.js";
import { describe, snippet } from "../shown.js";
import type { QueryOf } from "../types.js";
import { parseWholeNumber } from "../whole-number.js";

/** The query's paging parameters as the spec names them: a rename there fails the build here. */
type PagingParameter = keyof QueryOf<"listFactors">;
const PAGE_TOKEN = "PageToken" satisfies PagingParameter;
const PAGE = "Page" satisfies PagingParameter;

/**
 * Reads where the next page is from `meta.next_page_url`: `null` on the last page. The spec
 * promises only that its query carries a `PageToken`, so that is all this relies on. The request
 * goes to the client's own `baseUrl` with the listing's own page size: the URL's host, path and
 * `PageSize` are never followed. `Page` is client state (the reference says so); it is kept when it
 * is a whole number a number holds exactly, to resume from, and otherwise left out, since
 * `PageToken` alone is the place.
 */
export function readNextPageUrl(nextPageUrl: unknown): (Cursor & { pageToken: string }) | null {
  if (nextPageUrl === null) return null;
  // The spec requires the field: a page without it cannot say whether another follows.
  if (typeof nextPageUrl !== "string") {
    throw new VerifyPaginationError(
      `meta.next_page_url ${describe(nextPageUrl)}, not a URL or null`,
    );
  }
  // The query split off as the spec's pattern reads it (up to the first `?`, before any `#`), not
  // by a URL parser: a host or path it would refuse changes nothing here.
  // Stryker disable next-line StringLiteral: any query without a PageToken is refused alike
  const query = new URLSearchParams(/^[^?#]*\?([^#]*)/.exec(nextPageUrl)?.[1] ?? "");
  const pageToken = query.getAll(PAGE_TOKEN).find((token) => token !== "");
  if (pageToken === undefined) {
    throw new VerifyPaginationError(
      `meta.next_page_url has no ${PAGE_TOKEN}, so the next page cannot be asked for: ${snippet(nextPageUrl)}`,
    );
  }
  // Stryker disable next-line StringLiteral: any text that is not a whole number means no Page
  const page = parseWholeNumber(query.get(PAGE) ?? "");
  // Past the safe integers a number is rounded, and the request would name another page.
  // Stryker disable next-line ConditionalExpression: Number.isSafeInteger(undefined) is false too
  return page !== undefined && Number.isSafeInteger(page) ? { page, pageToken } : { pageToken };
}
