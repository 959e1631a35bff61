import { VerifyPaginationError } from "./errors.js";
import type { PageRequest } from "./paging.js";
import { parseWholeNumber } from "./whole-number.js";

function integerParam(url: URL, name: string): number | undefined {
  const text = url.searchParams.get(name);
  if (text === null) return undefined;
  const value = parseWholeNumber(text);
  if (value === undefined) {
    throw new VerifyPaginationError(`meta.next_page_url has ${name}=${text}, not a whole number`);
  }
  return value;
}

/**
 * Reads where the next page is from `meta.next_page_url`: `null` on the last page. Only its query
 * is used: the request goes to the client's own `baseUrl`, never to the host the URL names.
 */
export function readNextPageUrl(
  nextPageUrl: unknown,
): (PageRequest & { pageToken: string }) | null {
  if (nextPageUrl === null || nextPageUrl === undefined) return null;
  let url: URL;
  try {
    url = new URL(String(nextPageUrl), "https://next-page.invalid");
  } catch {
    throw new VerifyPaginationError(`meta.next_page_url is not a URL: ${String(nextPageUrl)}`);
  }
  if (typeof nextPageUrl !== "string") {
    throw new VerifyPaginationError(`meta.next_page_url is a ${typeof nextPageUrl}, not a URL`);
  }
  const pageToken = url.searchParams.get("PageToken");
  if (!pageToken) {
    throw new VerifyPaginationError(
      `meta.next_page_url has no PageToken, so the next page cannot be asked for: ${nextPageUrl}`,
    );
  }
  const next: PageRequest & { pageToken: string } = { pageToken };
  const page = integerParam(url, "Page");
  if (page !== undefined) next.page = page;
  const pageSize = integerParam(url, "PageSize");
  if (pageSize !== undefined) next.pageSize = pageSize;
  return next;
}
