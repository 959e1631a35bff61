// The thin async part of paging: fetches, prefetches, links the caller's signal and aborts.
// Every decision about pages is `pagingStep`'s (paging.ts).
import type { PageCursor } from "./cursor.js";
import { withCursor } from "./cursor.js";
import { VerifyAbortError } from "./errors.js";
import { cursorAt, LoopGuard, pagingStep, type PageRequest, type Position } from "./paging.js";
import type { PageMeta } from "./types.js";

/** What the answer of one page said besides its body: each page its own, under concurrency too. */
export interface ResponseInfo {
  status: number;
  /** `Twilio-Request-Id`, to quote to Twilio support. */
  requestId?: string;
  /** All of them: `Twilio-Concurrent-Requests`, `Twilio-Request-Duration`, ... */
  headers: Headers;
  /** How many attempts the page took (1 when it needed no retry). */
  attempts: number;
}

/** One page of a list as handed out: the answer's items (trimmed to `limit`) and `meta`. */
export type Page<Body> = Body & {
  /** Where the next page is, for resuming later; `null` on the last page. */
  nextCursor: PageCursor | null;
  /** What the answer said besides its body. */
  response: ResponseInfo;
};

/** A lazy listing: nothing is requested until it is iterated. Each iteration starts afresh. */
export interface List<Item, P> extends AsyncIterable<Item> {
  pages(): AsyncIterable<P>;
  firstPage(): Promise<P>;
  toArray(): Promise<Item[]>;
}

/** Fetches one page of a list; `key` names its items in the answer (`factors`, ...). */
export interface PageSource<Key extends string, Item> {
  key: Key;
  fetch(
    request: PageRequest,
    signal: AbortSignal,
  ): Promise<{ body: Record<Key, Item[]> & { meta: PageMeta }; response: ResponseInfo }>;
}

export interface PagerOptions {
  start: Position;
  signal?: AbortSignal;
  prefetch: boolean;
}

const ignore = () => {};
/**
 * The reason a finished walk aborts what it left in flight: one shared object, since nobody reads
 * it, and a fresh DOMException per listing showed in profiles of audits.
 */
const OVER = new DOMException("the listing is over", "AbortError");

async function* walk<Key extends string, Item, P>(
  source: PageSource<Key, Item>,
  { start, signal }: PagerOptions,
  readAhead: boolean,
): AsyncGenerator<P, void, undefined> {
  // The caller's abort becomes this listing's own error, so its cursor is its own even when
  // listings share the signal; `cause` keeps the signal's reason.
  const ownError = (error: unknown) =>
    withCursor(
      signal?.aborted && error === signal.reason ? new VerifyAbortError(error) : error,
      cursorAt(at),
    );
  let at = start;
  if (signal?.aborted) throw ownError(signal.reason);
  // Aborted when the caller leaves early, or when `signal` aborts: no request outlives the walk.
  // `AbortSignal.any` adds no listener to `signal`, so any number of listings may share it.
  const stop = new AbortController();
  const linked = signal ? AbortSignal.any([signal, stop.signal]) : stop.signal;
  const visited = new LoopGuard();
  const load = (request: PageRequest) => {
    visited.add(request);
    const pending = source.fetch(request, linked);
    pending.catch(ignore); // awaited later; not an unhandled rejection meanwhile
    return pending;
  };
  let pending = load(at.request);
  try {
    for (;;) {
      const { body, response } = await pending.catch((error) => Promise.reject(ownError(error)));
      const step = pagingStep(body[source.key], body.meta.next_page_url, at, visited);
      if (step.next && readAhead) pending = load(step.next.request);
      const { nextCursor } = step;
      yield { [source.key]: step.items, meta: body.meta, nextCursor, response } as P;
      // A broken next_page_url is raised only now, after its page: the items it came with are good.
      if (step.error) throw step.error;
      if (!step.next) return;
      if (!readAhead) pending = load(step.next.request);
      at = step.next;
    }
  } finally {
    stop.abort(OVER);
  }
}

/** The items of a walk, handed out one by one. */
function items<Key extends string, Item>(
  pages: AsyncGenerator<Record<Key, Item[]>, void, undefined>,
  key: Key,
): AsyncIterator<Item, undefined> {
  let current: Item[] = [];
  let index = 0;
  const refill = async (): Promise<IteratorResult<Item, undefined>> => {
    for (;;) {
      const step = await pages.next();
      if (step.done) return { done: true, value: undefined };
      current = step.value[key];
      index = 0;
      if (current.length > 0) return { done: false, value: current[index++]! };
    }
  };
  return {
    // Not an async function: most calls hand out an item already in memory, and that path
    // skips the async machinery (see BENCHMARKS.md).
    next(): Promise<IteratorResult<Item, undefined>> {
      if (index < current.length) return Promise.resolve({ done: false, value: current[index++]! });
      return refill();
    },
    async return(): Promise<IteratorResult<Item, undefined>> {
      current = [];
      await pages.return();
      return { done: true, value: undefined };
    },
  };
}

const iterable = <T>(iterate: () => AsyncIterator<T>): AsyncIterable<T> => ({
  [Symbol.asyncIterator]: () => iterate(),
});

export function paginate<Key extends string, Item, P extends Record<Key, Item[]>>(
  source: PageSource<Key, Item>,
  options: PagerOptions,
): List<Item, P> {
  const walkPages = (readAhead = options.prefetch) =>
    walk<Key, Item, P>(source, options, readAhead);
  return {
    [Symbol.asyncIterator]: () => items(walkPages(), source.key),
    pages: () => iterable(walkPages),
    async firstPage() {
      const pages = walkPages(false);
      try {
        return (await pages.next()).value as P;
      } finally {
        await pages.return();
      }
    },
    async toArray() {
      const all: Item[] = [];
      for await (const page of iterable(walkPages))
        for (const item of page[source.key]) all.push(item);
      return all;
    },
  };
}
