// The paging rule as a pure function: from the page just received and where the listing stood,
// what to hand out, where the next page is, and whether to go there. `pager.ts` only schedules.
import type { Cursor, PageCursor } from "./cursor.js";
import { snippet, VerifyPaginationError } from "./errors.js";
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
  nextCursor: PageCursor | null;
  /** Where the listing goes next; `null` when it ends with this page. */
  next: Position | null;
  /**
   * To throw once this page is handed out: its items are good, but paging cannot go on. It
   * carries a `cursor` only where an exact place to resume exists.
   */
  error?: VerifyPaginationError;
}

/** The pages a listing has already asked for, as far as `has` can tell. */
export interface Visited {
  has(request: PageRequest): boolean;
}

const NO_RESUME = "no exact place to resume from";

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
    if (remaining > 0) {
      const { message } = error as VerifyPaginationError;
      step.error = new VerifyPaginationError(`${message} (${NO_RESUME})`);
    }
    return step;
  }
  if (!nextCursor) return { items: owed, nextCursor: null, next: null };
  // The next-page rule: go on while items are owed and the link leads somewhere new.
  if (remaining === 0) return { items: owed, nextCursor, next: null };
  const request = { pageSize: at.request.pageSize, ...nextCursor };
  const next: Position = { request, remaining };
  if (visited.has(request)) {
    const error = new VerifyPaginationError(
      `meta.next_page_url repeats a page already listed (Page=${nextCursor.page ?? ""}, PageToken=${snippet(nextCursor.pageToken, 40)}); stopping rather than looping (${NO_RESUME})`,
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
export function cursorAt({ request, remaining }: Position): Cursor {
  const cursor: Cursor = { page: request.page, pageToken: request.pageToken };
  if (remaining !== Infinity) cursor.limit = remaining;
  return cursor;
}

/**
 * A 53-bit hash of a string (cyrb53, public domain): the loop guard keeps this number, not the
 * token, so its memory does not grow with the length of the tokens a server sends. Two pages
 * sharing a hash by chance (about 1 in 2^53 for a pair) would stop the listing with an error,
 * never lose items silently.
 */
function hash53(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/**
 * The pages a listing has asked for. Bounded in count and in size, so memory stays flat however
 * long the listing and its tokens: a loop back further than `size` pages is not one a server makes
 * by mistake.
 */
export class LoopGuard implements Visited {
  readonly #keys = new Set<number>();

  constructor(private readonly size = 10_000) {}

  #key = (request: PageRequest) => hash53(`${request.page ?? ""}\u0000${request.pageToken ?? ""}`);

  has(request: PageRequest): boolean {
    return this.#keys.has(this.#key(request));
  }

  add(request: PageRequest): void {
    this.#keys.add(this.#key(request));
    if (this.#keys.size > this.size) this.#keys.delete(this.#keys.values().next().value!);
  }
}
