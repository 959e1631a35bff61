// The paging rule as a pure function: from the page just received and where the listing stood,
// what to hand out, where the next page is, and whether to go there. `pager.ts` only schedules.
import type { Cursor } from "../cursor.js";
import { VerifyPaginationError } from "../errors.js";
import { snippet } from "../shown.js";
import type { Visited } from "./loop-guard.js";
import { readNextPageUrl } from "./next-page.js";

/** Where a listing stands: the page it asks for next, and the items still owed. */
export interface Position {
  pageSize?: number;
  page?: number;
  pageToken?: string;
  /** `Infinity` when the listing has no `limit`. */
  remaining: number;
  /** Empty pages in a row just before this one (none when left out). */
  emptyPages?: number;
}

/**
 * Empty pages in a row that each name another page: past this many, the listing stops. Twilio
 * sends an empty page only at the end of a list; a run this long is a server paging forever.
 */
export const MAX_EMPTY_PAGES = 50;

export interface Step<T> {
  /** The page's items, trimmed to what is owed. */
  items: T[];
  /** Where the page after this one is, for the caller to resume from; `null` on the last. */
  nextCursor: Cursor | null;
  /** Where the listing goes next; `null` when it ends with this page. */
  next: Position | null;
  /**
   * To throw once this page is handed out: its items are good, but paging cannot go on. It
   * carries a `cursor` only where an exact place to resume exists.
   */
  error?: VerifyPaginationError;
}

const NO_RESUME = "no exact place to resume from";

export function pagingStep<T>(
  items: T[],
  nextPageUrl: unknown,
  at: Position,
  visited: Visited,
): Step<T> {
  // Stryker disable next-line ConditionalExpression,EqualityOperator: slicing a page the limit covers copies it, no more
  const owed = items.length > at.remaining ? items.slice(0, at.remaining) : items;
  const remaining = at.remaining - owed.length;
  let nextCursor: ReturnType<typeof readNextPageUrl>;
  try {
    nextCursor = readNextPageUrl(nextPageUrl);
  } catch (error) {
    // A limit met on this page needs no next page, so a broken link to one does not matter.
    const step: Step<T> = { items: owed, nextCursor: null, next: null };
    if (remaining > 0) {
      const { message } = error as VerifyPaginationError;
      step.error = new VerifyPaginationError(`${message} (${NO_RESUME})`);
    }
    return step;
  }
  if (!nextCursor) return { items: owed, nextCursor: null, next: null };
  // The next-page rule: go on while items are owed and the link leads somewhere new.
  if (remaining === 0) return { items: owed, nextCursor, next: null };
  const next: Position = { pageSize: at.pageSize, ...nextCursor, remaining };
  if (visited.has(next)) {
    const error = new VerifyPaginationError(
      `meta.next_page_url repeats a page already listed (${nextCursor.page === undefined ? "" : `Page=${nextCursor.page}, `}PageToken=${snippet(nextCursor.pageToken, 40)}); stopping rather than looping (${NO_RESUME})`,
    );
    return { items: owed, nextCursor, next: null, error };
  }
  if (items.length > 0) return { items: owed, nextCursor, next };
  next.emptyPages = (at.emptyPages ?? 0) + 1;
  if (next.emptyPages < MAX_EMPTY_PAGES) return { items: owed, nextCursor, next };
  const error = new VerifyPaginationError(
    `${next.emptyPages} empty pages in a row, each naming another; stopping rather than paging forever`,
  );
  // The page it would have asked for next is an exact place: resuming there goes on from it.
  error.cursor = cursorAt(next);
  return { items: owed, nextCursor, next: null, error };
}

/** Where to resume a listing that failed at `at`: its page, and with a limit, what is owed. */
export function cursorAt({ page, pageToken, remaining }: Position): Cursor {
  const cursor: Cursor = { page, pageToken };
  if (remaining !== Infinity) cursor.limit = remaining;
  return cursor;
}
