// The thin async part of paging: fetches, prefetches, links the caller's signal and aborts.
// Every decision about pages is `pagingStep`'s (step.ts).
import { withCursor } from "../cursor.js";
import { VerifyAbortError } from "../errors.js";
import type { ListSettings } from "../options/settings.js";
import type { PageMeta } from "../types.js";
import type { List, Page, PageSource } from "./page.js";
import { follow } from "../http/signals.js";
import { LoopGuard } from "./loop-guard.js";
import { cursorAt, pagingStep, type Position } from "./step.js";

const ignore = () => {};
/**
 * The reason a finished walk aborts what it left in flight: one shared object, since nobody reads
 * it, so a listing makes none of its own.
 */
// Stryker disable next-line StringLiteral: read by nobody, as said
const OVER = new DOMException("the listing is over", "AbortError");

async function* walk<Body extends { meta: PageMeta }, Item>(
  source: PageSource<Body, Item>,
  { start, signal }: ListSettings,
  prefetch: boolean,
): AsyncGenerator<Page<Body>, void, undefined> {
  // The caller's abort becomes this listing's own error, so its cursor is its own even when
  // listings share the signal; `cause` keeps the signal's reason.
  const ownError = (error: unknown) =>
    withCursor(
      signal?.aborted && error === signal.reason ? new VerifyAbortError(error) : error,
      cursorAt(at),
    );
  let at = start;
  // Stryker disable next-line ConditionalExpression: without it the first fetch meets the aborted signal and throws the same
  if (signal?.aborted) throw ownError(signal.reason);
  // Aborted when the caller leaves early, or when `signal` aborts: no request outlives the walk.
  const stop = new AbortController();
  const unlink = follow(signal, stop);
  const visited = new LoopGuard();
  const load = (next: Position) => {
    visited.add(next);
    const pending = source.fetch(next, stop.signal);
    pending.catch(ignore); // awaited later; not an unhandled rejection meanwhile
    return pending;
  };
  let pending = load(at);
  try {
    for (;;) {
      const { body, response } = await pending.catch((error) => Promise.reject(ownError(error)));
      const step = pagingStep(source.items(body), body.meta.next_page_url, at, visited);
      if (step.next && prefetch) pending = load(step.next);
      const { nextCursor } = step;
      yield { ...source.withItems(body, step.items), nextCursor, response };
      // A broken next_page_url is raised only now, after its page: the items it came with are good.
      if (step.error) throw step.error;
      if (!step.next) return;
      if (!prefetch) pending = load(step.next);
      at = step.next;
    }
  } finally {
    unlink();
    stop.abort(OVER);
  }
}

/** The items of a walk, handed out one by one. */
function itemsOf<Body, Item>(
  pages: AsyncGenerator<Body, void, undefined>,
  items: (body: Body) => Item[],
): AsyncIterator<Item, undefined> {
  let current: Item[] = [];
  let index = 0;
  // A call made while another waits for a page (the protocol allows it) waits its turn, as an
  // async generator's would: otherwise both would take a page, and the first one's rest be lost.
  // `waiting` counts the calls not yet done, and drops before a call's result is handed out, so
  // the caller's next call finds it at 0 and may take the fast path.
  let waiting = 0;
  let turn: Promise<unknown> = Promise.resolve();
  const inTurn = <T>(work: () => Promise<T>): Promise<T> => {
    const run = () => work().finally(() => waiting--);
    // Stryker disable next-line EqualityOperator: `>=` only makes a call with none before it wait a microtask
    const result = waiting++ > 0 ? turn.then(run) : run();
    turn = result.then(ignore, ignore);
    return result;
  };
  const take = async (): Promise<IteratorResult<Item, undefined>> => {
    while (index >= current.length) {
      const step = await pages.next();
      if (step.done) return { done: true, value: undefined };
      current = items(step.value);
      index = 0;
    }
    return { done: false, value: current[index++]! };
  };
  return {
    // Not an async function: most calls hand out an item already in memory, and that path
    // skips the async machinery (see BENCHMARKS.md).
    next(): Promise<IteratorResult<Item, undefined>> {
      if (waiting === 0 && index < current.length) {
        return Promise.resolve({ done: false, value: current[index++]! });
      }
      return inTurn(take);
    },
    return(): Promise<IteratorResult<Item, undefined>> {
      return inTurn(async () => {
        current = [];
        await pages.return();
        return { done: true, value: undefined };
      });
    },
  };
}

const iterable = <T>(iterate: () => AsyncIterator<T>): AsyncIterable<T> => ({
  [Symbol.asyncIterator]: () => iterate(),
});

export function paginate<Body extends { meta: PageMeta }, Item>(
  source: PageSource<Body, Item>,
  settings: ListSettings,
): List<Item, Page<Body>> {
  const walkPages = (prefetch = settings.prefetch) => walk(source, settings, prefetch);
  return {
    [Symbol.asyncIterator]: () => itemsOf(walkPages(), source.items),
    pages: () => iterable(walkPages),
    async firstPage() {
      // Stryker disable next-line BooleanLiteral: a prefetch would be aborted by return() below before it is sent
      const pages = walkPages(false);
      try {
        const first = await pages.next();
        // A walk yields at least one page or throws.
        // Stryker disable next-line all: unreachable, the check only narrows the type
        if (first.done) throw new Error("unreachable: a walk ended without a page");
        return first.value;
      } finally {
        await pages.return();
      }
    },
    async toArray() {
      const all: Item[] = [];
      for await (const page of iterable(walkPages))
        for (const item of source.items(page)) all.push(item);
      return all;
    },
  };
}
