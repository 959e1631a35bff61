// The options users write: one interface per public entry point.
import type { Logger, LogLevel } from "../log.js";
import type { Entity } from "../types.js";

/**
 * Identities to audit, as Entities carry them: the spec lets an Entity's `identity` be null, and
 * such an input (like any that is not a valid identity) fails alone, with its error result.
 */
export type Identities = Iterable<Entity["identity"]> | AsyncIterable<Entity["identity"]>;

export interface VerifyClientOptions {
  /** Basic-auth username: your Account SID (`AC...`) or an API Key SID (`SK...`). */
  accountSid: string;
  /** Basic-auth password: the Account's Auth Token or the API Key's secret. */
  authToken: string;
  /** Default `https://verify.twilio.com`. Credentials are sent to this origin only. */
  baseUrl?: string;
  /**
   * Headers sent with every request, such as Prism's `Prefer`; a call's own headers win over
   * them. `Authorization` is the client's own: it is set from the credentials, for `baseUrl` only.
   */
  headers?: HeadersInit;
  /** A `fetch` of your own, for proxies and tests. */
  fetch?: (request: Request) => Promise<Response>;
  /** Retries of 429, 5xx, network errors and timeouts (default 2; 0 turns retries off). */
  maxRetries?: number;
  /** The limit on each attempt, body included, in milliseconds (default 30 000). */
  timeoutMs?: number;
  /** Where the client tells what it does (default `console`); see `logLevel`. */
  logger?: Logger;
  /**
   * `debug`: every attempt (method, URL, status, attempt, time, request id); `info`: every retry,
   * with its reason and wait; `warn`, `error`, `off`: nothing of the kind.
   * Default: `VERIFY_FACTORS_LOG`, else `warn`, so a client that succeeds says nothing.
   */
  logLevel?: LogLevel;
  /**
   * The most bytes of a response's body that are read (after decompression); a longer response
   * fails with `VerifyResponseTooLargeError`. Default 32 MiB (`DEFAULT_MAX_RESPONSE_BYTES`).
   */
  maxResponseBytes?: number;
  /**
   * The most requests this client has in flight at once, listings and audits together (1 to
   * 1000; default: no limit until the server answers 429, then what it took).
   */
  maxConcurrency?: number;
}

/** What one call may set for its own requests, over the client's. */
export interface CallOptions {
  /** Cancels the call: the request in flight is aborted; it rejects with a `VerifyAbortError`. */
  signal?: AbortSignal;
  /** Retries for this call's requests, instead of the client's. */
  maxRetries?: number;
  /** The limit on each attempt of this call, instead of the client's (ms). */
  timeoutMs?: number;
  /** Headers added to each request of this call, over the client's (`Authorization` excepted). */
  headers?: HeadersInit;
}

/** What every list call takes besides the path it lists. */
export interface ListOptions extends CallOptions {
  /** Items per request, 1 to 1000 (Twilio's default is 50). */
  pageSize?: number;
  /** The most items to yield in all; no page past them is requested. */
  limit?: number;
  /** Where to start: a page index, with `pageToken` (from a `nextCursor` or an error's `cursor`). */
  page?: number;
  pageToken?: string;
  /** Ask for the next page while the current one is consumed (default `true`). */
  prefetch?: boolean;
}

export interface ListFactorsOptions extends ListOptions {
  /** The Verify Service SID, `VA` and 32 hex digits. */
  serviceSid: string;
  /** The Entity's identity: 8 to 64 dash-separated alphanumeric characters. */
  identity: string;
}

export interface ListEntitiesOptions extends ListOptions {
  /** The Verify Service SID, `VA` and 32 hex digits. */
  serviceSid: string;
}

export interface AuditOptions extends CallOptions {
  /** The Verify Service SID, `VA` and 32 hex digits. */
  serviceSid: string;
  /** The identities to audit, read as they are needed; default: every Entity of the Service. */
  identities?: Identities;
  /** Identities in flight at once, 1 to 1000 (default 10). */
  concurrency?: number;
  /** Factors (and Entities) per request, 1 to 1000. */
  pageSize?: number;
}
