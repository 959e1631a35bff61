import { VerifyPaginationError } from "./errors.js";

/** A page's position: what `next_page_url` carries, and all a listing needs to go on. */
export interface PageCursor {
  page?: number;
  pageToken: string;
}

export interface NextPage extends PageCursor {
  pageSize?: number;
}

function integerParam(url: URL, name: string): number | undefined {
  const text = url.searchParams.get(name);
  if (text === null) return undefined;
  if (!/^\d+$/.test(text)) {
    throw new VerifyPaginationError(`meta.next_page_url has ${name}=${text}, not a whole number`);
  }
  return Number(text);
}

/**
 * Reads where the next page is from `meta.next_page_url`. Only its query is used: the request
 * goes to the client's own `baseUrl`, never to the host the URL names.
 */
export function nextPage(nextPageUrl: unknown): NextPage | null {
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
  const next: NextPage = { pageToken };
  const page = integerParam(url, "Page");
  if (page !== undefined) next.page = page;
  const pageSize = integerParam(url, "PageSize");
  if (pageSize !== undefined) next.pageSize = pageSize;
  return next;
}
