/**
 * Where a listing stands: pass it back to a list call (`{ ...options, ...cursor }`) to go on
 * from there. A page's `nextCursor` names the next page; an error's `cursor` the page that
 * failed, and with a `limit`, the items still owed.
 */
export interface Cursor {
  page?: number;
  pageToken?: string;
  /** Items still owed when the listing had a `limit`. */
  limit?: number;
}

/** A `Cursor` that names a page, as a page's `nextCursor` always does. */
export type PageCursor = Pick<Cursor, "page"> & { pageToken: string };

/** Gives an error of a listing the position to resume from; leaves non-objects alone. */
export function withCursor(error: unknown, cursor: Cursor): unknown {
  if (typeof error === "object" && error !== null && Object.isExtensible(error)) {
    Object.defineProperty(error, "cursor", {
      value: cursor,
      enumerable: true,
      configurable: true,
      writable: true,
    });
  }
  return error;
}
