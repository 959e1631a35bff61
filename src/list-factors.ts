import type { Client } from "openapi-fetch";
import type { paths } from "../generated/verify.js";
import { VerifyArgumentError, VerifyPaginationError, type Cursor } from "./errors.js";
import { fetchPage, type PageRequest, type RawPage } from "./fetch-page.js";
import { nextPage, type NextPage, type PageCursor } from "./next-page.js";
import type { RetryingFetch } from "./retry-fetch.js";
import type { Factor, PageMeta } from "./types.js";
import {
  checkIdentity,
  checkInteger,
  checkObject,
  checkOptional,
  checkPattern,
  checkString,
  SERVICE_SID,
} from "./validate.js";

export interface ListFactorsOptions {
  /** The Verify Service SID, `VA` and 32 hex digits. */
  serviceSid: string;
  /** The Entity's identity: 8 to 64 dash-separated alphanumeric characters. */
  identity: string;
  /** Factors per request, 1 to 1000 (Twilio's default is 50). */
  pageSize?: number;
  /** The most factors to yield in all; no page past them is requested. */
  limit?: number;
  /** Where to start: a page index, with `pageToken` (from a `nextCursor` or an error's `cursor`). */
  page?: number;
  pageToken?: string;
  /** Cancels the listing: the request in flight is aborted and iteration rejects with its reason. */
  signal?: AbortSignal;
  /** Ask for the next page while the current one is consumed (default `true`). */
  prefetch?: boolean;
}

export interface FactorPage {
  factors: Factor[];
  meta: PageMeta;
  /** Where the next page is, for resuming later; `null` on the last page. */
  nextCursor: PageCursor | null;
}

/** A lazy listing: nothing is requested until it is iterated. Each iteration starts afresh. */
export interface FactorList extends AsyncIterable<Factor> {
  pages(): AsyncIterable<FactorPage>;
  firstPage(): Promise<FactorPage>;
  toArray(): Promise<Factor[]>;
}

/** Twilio's own default page size; below it, a small `limit` is asked for in one page. */
const DEFAULT_PAGE_SIZE = 50;

function checkOptions(options: ListFactorsOptions): ListFactorsOptions {
  checkObject("options", options);
  checkPattern("serviceSid", options.serviceSid, SERVICE_SID, "VA followed by 32 hex digits");
  checkIdentity(options.identity);
  checkOptional(options.pageSize, (v) => checkInteger("pageSize", v, 1, 1000));
  checkOptional(options.limit, (v) => checkInteger("limit", v, 1));
  checkOptional(options.page, (v) => checkInteger("page", v, 0));
  checkOptional(options.pageToken, (v) => checkString("pageToken", v));
  // Duck-typed: a signal from another realm or a polyfill is still a signal.
  const signal = options.signal as Partial<AbortSignal> | undefined;
  if (
    signal !== undefined &&
    (typeof signal?.aborted !== "boolean" || typeof signal.addEventListener !== "function")
  ) {
    throw new VerifyArgumentError("signal", `is ${typeof options.signal}`, "an AbortSignal");
  }
  if (options.prefetch !== undefined && typeof options.prefetch !== "boolean") {
    throw new VerifyArgumentError("prefetch", `is ${typeof options.prefetch}`, "true or false");
  }
  return options;
}

/** Gives every error of a listing the position to resume from; leaves non-objects alone. */
function withCursor(error: unknown, cursor: Cursor): unknown {
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

const ignore = () => {};
const SEEN_CURSORS = 10_000;
const cursorKey = (request: PageRequest) => `${request.page ?? ""}\u0000${request.pageToken ?? ""}`;

export function listFactors(
  api: Client<paths>,
  send: RetryingFetch,
  input: ListFactorsOptions,
): FactorList {
  const options = checkOptions(input);
  const { serviceSid, identity, limit, signal, prefetch = true } = options;
  const pageSize =
    options.pageSize ?? (limit !== undefined && limit < DEFAULT_PAGE_SIZE ? limit : undefined);

  async function* walk(readAhead: boolean): AsyncGenerator<FactorPage, void, undefined> {
    signal?.throwIfAborted();
    // Aborted when the caller leaves early, or when `signal` aborts: no request outlives the walk.
    const stop = new AbortController();
    const onAbort = () => stop.abort(signal?.reason);
    signal?.addEventListener("abort", onAbort, { once: true });

    let request: PageRequest = { serviceSid, identity, pageSize, page: options.page };
    if (options.pageToken !== undefined) request.pageToken = options.pageToken;
    let remaining = limit ?? Infinity;
    const seen = new Set([cursorKey(request)]);
    const position = (): Cursor => {
      const cursor: Cursor = { page: request.page, pageToken: request.pageToken };
      if (limit !== undefined) cursor.limit = remaining;
      return cursor;
    };
    const load = (next: PageRequest) => {
      const pending = fetchPage(api, send, next, stop.signal);
      pending.catch(ignore); // awaited later; not an unhandled rejection meanwhile
      return pending;
    };

    let pending: Promise<RawPage> | undefined = load(request);
    try {
      while (pending) {
        let raw: RawPage;
        try {
          raw = await pending;
        } catch (error) {
          throw withCursor(error, position());
        }
        pending = undefined;

        const factors =
          raw.factors.length > remaining ? raw.factors.slice(0, remaining) : raw.factors;
        let next: NextPage | null = null;
        let broken: VerifyPaginationError | undefined;
        try {
          next = nextPage(raw.meta.next_page_url);
        } catch (error) {
          broken = error as VerifyPaginationError;
        }
        const nextCursor: PageCursor | null = next && {
          page: next.page,
          pageToken: next.pageToken,
        };
        let following: PageRequest | undefined;
        if (next && remaining - factors.length > 0) {
          following = {
            serviceSid,
            identity,
            pageSize: next.pageSize ?? request.pageSize,
            ...nextCursor,
          };
          if (seen.has(cursorKey(following))) {
            broken = new VerifyPaginationError(
              `meta.next_page_url repeats a page already listed (Page=${next.page ?? ""}, PageToken=${next.pageToken}); stopping rather than looping`,
            );
            following = undefined;
          } else {
            seen.add(cursorKey(following));
            // Bounded, so memory stays flat however long the listing: a loop back further than
            // this many pages is not one a server makes by mistake.
            if (seen.size > SEEN_CURSORS) seen.delete(seen.values().next().value!);
            if (readAhead) pending = load(following);
          }
        }

        const at = position();
        remaining -= factors.length;
        yield { factors, meta: raw.meta, nextCursor };
        if (broken && remaining > 0) throw withCursor(broken, at);
        if (!following) return;
        request = following;
        pending ??= load(request);
      }
    } finally {
      signal?.removeEventListener("abort", onAbort);
      stop.abort();
    }
  }

  function items(): AsyncIterator<Factor> {
    const pages = walk(prefetch);
    let current: Factor[] = [];
    let index = 0;
    const refill = async (): Promise<IteratorResult<Factor, undefined>> => {
      for (;;) {
        const step = await pages.next();
        if (step.done) return { done: true, value: undefined };
        current = step.value.factors;
        index = 0;
        if (current.length > 0) return { done: false, value: current[index++]! };
      }
    };
    return {
      // Not an async function: most calls hand out an item already in memory, and skipping the
      // async machinery there saves about a twentieth of the CPU time of a listing.
      next() {
        if (index < current.length)
          return Promise.resolve({ done: false, value: current[index++]! });
        return refill();
      },
      async return() {
        current = [];
        await pages.return();
        return { done: true, value: undefined };
      },
    };
  }

  return {
    [Symbol.asyncIterator]: items,
    pages: () => ({ [Symbol.asyncIterator]: () => walk(prefetch) }),
    async firstPage() {
      const pages = walk(false);
      try {
        const step = await pages.next();
        return step.value as FactorPage;
      } finally {
        await pages.return();
      }
    },
    async toArray() {
      const all: Factor[] = [];
      for await (const page of { [Symbol.asyncIterator]: () => walk(prefetch) }) {
        for (const factor of page.factors) all.push(factor);
      }
      return all;
    },
  };
}
