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

/** @deprecated A page's `nextCursor` is a `Cursor`; this older name stays for existing code. */
export type PageCursor = Cursor;

/** Gives an error of a listing the place to resume from; leaves non-objects alone. */
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
