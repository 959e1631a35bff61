// The paging rule as a pure function: from the page just received and where the listing stood,
// what to hand out, where the next page is, and whether to go there. `pager.ts` only schedules.
import type { Cursor, PageCursor } from "./cursor.js";
import { VerifyPaginationError } from "./errors.js";
import { readNextPageUrl } from "./next-page.js";

/** What a page is asked for with. */
export interface PageRequest {
  pageSize?: number;
  page?: number;
  pageToken?: string;
}

/** Where a listing stands: the request for its next page, and the items still owed. */
export interface Position {
  request: PageRequest;
  /** `Infinity` when the listing has no `limit`. */
  remaining: number;
}

export interface Step<T> {
  /** The page's items, trimmed to what is owed. */
  items: T[];
  /** Where the page after this one is, for the caller to resume from; `null` on the last. */
  nextCursor: PageCursor | null;
  /** Where the listing goes next; `null` when it ends with this page. */
  next: Position | null;
  /** To throw once this page is handed out: its items are good, but paging cannot go on. */
  error?: VerifyPaginationError;
}

/** The pages a listing has already asked for, as far as `has` can tell. */
export interface Visited {
  has(request: PageRequest): boolean;
}

export function pagingStep<T>(
  items: T[],
  nextPageUrl: unknown,
  at: Position,
  visited: Visited,
): Step<T> {
  const owed = items.length > at.remaining ? items.slice(0, at.remaining) : items;
  const remaining = at.remaining - owed.length;
  let nextCursor: PageCursor | null;
  try {
    nextCursor = readNextPageUrl(nextPageUrl);
  } catch (error) {
    // A limit met on this page needs no next page, so a broken link to one does not matter.
    const step: Step<T> = { items: owed, nextCursor: null, next: null };
    if (remaining > 0) step.error = error as VerifyPaginationError;
    return step;
  }
  if (!nextCursor) return { items: owed, nextCursor: null, next: null };
  // The next-page rule: go on while items are owed and the link leads somewhere new.
  if (remaining === 0) return { items: owed, nextCursor, next: null };
  const request = { pageSize: at.request.pageSize, ...nextCursor };
  if (visited.has(request)) {
    const error = new VerifyPaginationError(
      `meta.next_page_url repeats a page already listed (Page=${nextCursor.page ?? ""}, PageToken=${nextCursor.pageToken}); stopping rather than looping`,
    );
    return { items: owed, nextCursor, next: null, error };
  }
  return { items: owed, nextCursor, next: { request, remaining } };
}

/** Where to resume a listing that failed at `at`: its page, and with a limit, what is owed. */
export function cursorAt({ request, remaining }: Position): Cursor {
  const cursor: Cursor = { page: request.page, pageToken: request.pageToken };
  if (remaining !== Infinity) cursor.limit = remaining;
  return cursor;
}

/**
 * The pages a listing has asked for. Bounded, so memory stays flat however long the listing:
 * a loop back further than `size` pages is not one a server makes by mistake.
 */
export class LoopGuard implements Visited {
  readonly #keys = new Set<string>();

  constructor(private readonly size = 10_000) {}

  #key = (request: PageRequest) => `${request.page ?? ""}\u0000${request.pageToken ?? ""}`;

  has(request: PageRequest): boolean {
    return this.#keys.has(this.#key(request));
  }

  add(request: PageRequest): void {
    this.#keys.add(this.#key(request));
    if (this.#keys.size > this.size) this.#keys.delete(this.#keys.values().next().value!);
  }
}
