// Every option of every public entry point: the types users write, one DEFAULTS object, and the
// resolvers that check options at the call and return settings the layers below read as they are.
import {
  checkBaseUrl,
  checkFunction,
  checkHeaders,
  checkIdentity,
  checkInteger,
  checkIterable,
  checkLogger,
  checkLogLevel,
  checkObject,
  checkServiceSid,
  checkSignal,
  checkString,
} from "./checks.js";
import { VerifyArgumentError } from "./errors.js";
import { createLog, levelFromEnvironment, type Log, type Logger, type LogLevel } from "./log.js";
import type { Position } from "./paging/step.js";

export const DEFAULTS = {
  baseUrl: "https://verify.twilio.com",
  maxRetries: 2,
  timeoutMs: 30_000,
  /**
   * A page holds at most 1000 factors. A factor's fields are bounded by the spec (SIDs, dates, a
   * URL, an identity and a friendly name of 64 characters, metadata of 1024): even with every
   * character a six-byte `\uXXXX` escape that is under 10 KiB a factor, so under 10 MiB a page.
   * 32 MiB leaves room for fields Twilio adds and still bounds what a hostile server can make the
   * client hold.
   */
  maxResponseBytes: 32 * 1024 * 1024,
  logLevel: "warn" as LogLevel,
  prefetch: true,
  /** Twilio's own page size; a smaller `limit` is asked for in one page of its size. */
  pageSize: 50,
  concurrency: 10,
} as const;

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
  identities?: Iterable<string> | AsyncIterable<string>;
  /** Identities in flight at once, 1 to 1000 (default 10). */
  concurrency?: number;
  /** Factors (and Entities) per request, 1 to 1000. */
  pageSize?: number;
}

/** A client's options, checked, with every default in place. */
export interface ClientSettings {
  baseUrl: string;
  accountSid: string;
  authToken: string;
  headers: Headers;
  /** Sends one attempt: the caller's `fetch`, or the platform's. */
  send: (request: Request, init: RequestInit) => Promise<Response>;
  maxResponseBytes: number;
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
  identities?: Iterable<string> | AsyncIterable<string>;
  concurrency: number;
  pageSize?: number;
}

const optional = <T>(value: unknown, check: (value: unknown) => T): T | undefined =>
  value === undefined ? undefined : check(value);

export function resolveClientOptions(options: VerifyClientOptions): ClientSettings {
  checkObject("options", options);
  const custom = optional(options.fetch, (v) =>
    checkFunction<NonNullable<VerifyClientOptions["fetch"]>>("fetch", v, "a fetch function"),
  );
  const call = resolveCall(options, {
    maxRetries: DEFAULTS.maxRetries,
    timeoutMs: DEFAULTS.timeoutMs,
  });
  return {
    baseUrl: checkBaseUrl(options.baseUrl ?? DEFAULTS.baseUrl),
    accountSid: checkString("accountSid", options.accountSid),
    authToken: checkString("authToken", options.authToken),
    headers: call.headers ?? new Headers(),
    // A fetch of the caller's own takes a Request alone, so the attempt's init goes into a copy.
    // Looked up per call, not captured, so a fetch patched in later (by a tracer) is used.
    send: custom
      ? (request, init) => custom(new Request(request, init))
      : (request, init) => globalThis.fetch(request, init),
    maxResponseBytes:
      optional(options.maxResponseBytes, (v) =>
        checkInteger("maxResponseBytes", v, 1, Number.MAX_SAFE_INTEGER),
      ) ?? DEFAULTS.maxResponseBytes,
    log: createLog(
      checkLogger(options.logger ?? console),
      checkLogLevel(options.logLevel, levelFromEnvironment(), DEFAULTS.logLevel),
    ),
    call: { maxRetries: call.maxRetries, timeoutMs: call.timeoutMs },
  };
}

/** A call's own options over `client`'s settings. */
export function resolveCall(options: CallOptions, client: CallSettings): CallSettings {
  return {
    signal: optional(options.signal, checkSignal),
    maxRetries:
      optional(options.maxRetries, (v) => checkInteger("maxRetries", v, 0, 100)) ??
      client.maxRetries,
    timeoutMs:
      optional(options.timeoutMs, (v) => checkInteger("timeoutMs", v, 1, 2 ** 31 - 1)) ??
      client.timeoutMs,
    headers: optional(options.headers, checkHeaders),
  };
}

const checkPageSize = (v: unknown) => checkInteger("pageSize", v, 1, 1000);

export function resolveListOptions(options: ListOptions, client: CallSettings): ListSettings {
  checkObject("options", options);
  const limit = optional(options.limit, (v) => checkInteger("limit", v, 1));
  const pageSize =
    optional(options.pageSize, checkPageSize) ??
    (limit !== undefined && limit < DEFAULTS.pageSize ? limit : undefined);
  const start: Position = {
    pageSize,
    page: optional(options.page, (v) => checkInteger("page", v, 0)),
    remaining: limit ?? Infinity,
  };
  const pageToken = optional(options.pageToken, (v) => checkString("pageToken", v));
  if (pageToken !== undefined) start.pageToken = pageToken;
  const prefetch = options.prefetch ?? DEFAULTS.prefetch;
  if (typeof prefetch !== "boolean") {
    throw new VerifyArgumentError("prefetch", `is ${typeof prefetch}`, "true or false");
  }
  return { ...resolveCall(options, client), start, prefetch };
}

export function resolveFactorsOptions(options: ListFactorsOptions, client: CallSettings) {
  checkObject("options", options);
  const path = {
    ServiceSid: checkServiceSid(options.serviceSid),
    Identity: checkIdentity(options.identity),
  };
  return { path, list: resolveListOptions(options, client) };
}

export function resolveEntitiesOptions(options: ListEntitiesOptions, client: CallSettings) {
  checkObject("options", options);
  const path = { ServiceSid: checkServiceSid(options.serviceSid) };
  return { path, list: resolveListOptions(options, client) };
}

export function resolveAuditOptions(options: AuditOptions, client: CallSettings): AuditSettings {
  checkObject("options", options);
  return {
    ...resolveCall(options, client),
    serviceSid: checkServiceSid(options.serviceSid),
    identities: optional(options.identities, checkIterable),
    concurrency:
      optional(options.concurrency, (v) => checkInteger("concurrency", v, 1, 1000)) ??
      DEFAULTS.concurrency,
    pageSize: optional(options.pageSize, checkPageSize),
  };
}
