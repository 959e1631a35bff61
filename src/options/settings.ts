// What the resolvers give the layers below: every option checked, every default in place.
import type { Log } from "../log.js";
import type { Position } from "../paging/step.js";

/** A client's options, checked, with every default in place. */
export interface ClientSettings {
  baseUrl: string;
  accountSid: string;
  authToken: string;
  headers: Headers;
  /** Sends one attempt: the caller's `fetch`, or the platform's. */
  send: (request: Request, init: RequestInit) => Promise<Response>;
  maxResponseBytes: number;
  /** Requests in flight at most; `Infinity` for no limit of the caller's. */
  maxConcurrency: number;
  log: Log;
  call: CallSettings;
}

/** What a call's requests are sent with: the call's options over the client's. */
export interface CallSettings {
  signal?: AbortSignal;
  maxRetries: number;
  timeoutMs: number;
  /** The call's own headers only; the client's are merged in by openapi-fetch, under them. */
  headers?: Headers;
}

/** A listing's settings: where it starts and how it reads ahead, besides its requests'. */
export interface ListSettings extends CallSettings {
  start: Position;
  prefetch: boolean;
}

export interface AuditSettings extends CallSettings {
  serviceSid: string;
  /** Whatever the caller gave: each identity is checked as it comes. */
  identities?: Iterable<unknown> | AsyncIterable<unknown>;
  concurrency: number;
  pageSize?: number;
}
