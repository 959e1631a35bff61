// What a listing hands out (its pages, their items) and what a list endpoint gives the pager.
import type { Cursor } from "../cursor.js";
import type { PageMeta } from "../types.js";
import type { Position } from "./step.js";

/** What the response to one page said besides its body: each page its own, under concurrency too. */
export interface ResponseInfo {
  status: number;
  /** `Twilio-Request-Id`, to quote to Twilio support. */
  requestId?: string;
  /** All of them: `Twilio-Concurrent-Requests`, `Twilio-Request-Duration`, ... */
  headers: Headers;
  /** How many attempts the page took (1 when it needed no retry). */
  attempts: number;
}

/** One page of a list as handed out: the response's items (trimmed to `limit`) and `meta`. */
export type Page<Body> = Body & {
  /** Where the next page is, for resuming later; `null` on the last page. */
  nextCursor: Cursor | null;
  /** What the response said besides its body. */
  response: ResponseInfo;
};

/** A lazy listing: nothing is requested until it is iterated. Each iteration starts afresh. */
export interface List<Item, P> extends AsyncIterable<Item> {
  pages(): AsyncIterable<P>;
  firstPage(): Promise<P>;
  toArray(): Promise<Item[]>;
}

/** A page's body as fetched, with what its response said. */
export interface Fetched<Body> {
  body: Body;
  response: ResponseInfo;
}

/** One list endpoint: how to fetch a page, and where its items are in the body. */
export interface PageSource<Body extends { meta: PageMeta }, Item> {
  fetch(at: Position, signal: AbortSignal): Promise<Fetched<Body>>;
  items(body: Body): Item[];
  /** The body with its items replaced (trimmed to what is owed). */
  withItems(body: Body, items: Item[]): Body;
}
