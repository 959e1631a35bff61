import { VerifyArgumentError } from "./errors.js";
import { LOG_LEVELS, type Logger, type LogLevel } from "./log.js";
import type { PagerOptions } from "./pager.js";
import type { PageRequest } from "./paging.js";

export const SERVICE_SID = /^VA[0-9a-fA-F]{32}$/;
// The reference: 8 to 64 characters, "dash (-) separated alphanumeric characters".
export const IDENTITY = /^[a-zA-Z0-9]+(-[a-zA-Z0-9]+)*$/;

function describe(value: unknown): string {
  if (typeof value === "string") return `is ${JSON.stringify(value)} (${value.length} characters)`;
  if (typeof value === "number") return `is ${value}`;
  return `is ${value === null ? "null" : typeof value}`;
}

export function checkObject<T>(name: string, value: T): T {
  if (typeof value !== "object" || value === null) {
    throw new VerifyArgumentError(name, describe(value), "an object");
  }
  return value;
}

/** Whether `text` is well-formed UTF-16 (no lone surrogate), so it can go on the wire at all. */
function wellFormed(text: string): boolean {
  try {
    encodeURIComponent(text);
    return true;
  } catch {
    return false;
  }
}

export function checkString(name: string, value: unknown): string {
  if (typeof value !== "string" || value.length === 0) {
    throw new VerifyArgumentError(name, describe(value), "a non-empty string");
  }
  if (!wellFormed(value)) {
    // Not quoted: the value may be a secret, and a lone surrogate does not print anyway.
    throw new VerifyArgumentError(
      name,
      "has a lone UTF-16 surrogate",
      "a well-formed string (no unpaired surrogate)",
    );
  }
  return value;
}

export function checkPattern(name: string, value: unknown, pattern: RegExp, rule: string): string {
  if (typeof value !== "string" || !pattern.test(value)) {
    throw new VerifyArgumentError(name, describe(value), `${rule} (${pattern.source})`);
  }
  return value;
}

/** The Service SID every list path starts with. */
export function checkServiceSid(value: unknown): string {
  return checkPattern("serviceSid", value, SERVICE_SID, "VA followed by 32 hex digits");
}

export function checkIdentity(value: unknown): string {
  const rule = "8 to 64 dash-separated alphanumeric characters";
  if (typeof value === "string" && (value.length < 8 || value.length > 64)) {
    throw new VerifyArgumentError("identity", describe(value), rule);
  }
  return checkPattern("identity", value, IDENTITY, rule);
}

export function checkInteger(name: string, value: unknown, min: number, max = Infinity): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    const range = max === Infinity ? `>= ${min}` : `from ${min} to ${max}`;
    throw new VerifyArgumentError(name, describe(value), `an integer ${range}`);
  }
  return value;
}

export function checkOptional<T>(value: T | undefined, check: (value: T) => T): T | undefined {
  return value === undefined ? undefined : check(value);
}

export function checkLogger(value: unknown): Logger {
  const logger = value as Partial<Record<string, unknown>> | null;
  const methods = ["debug", "info", "warn", "error"];
  if (
    typeof logger !== "object" ||
    logger === null ||
    methods.some((m) => typeof logger[m] !== "function")
  ) {
    throw new VerifyArgumentError(
      "logger",
      describe(value),
      "an object with debug, info, warn and error functions",
    );
  }
  return value as Logger;
}

/** The level asked for, else the environment's (`VERIFY_FACTORS_LOG`), else `warn`. */
export function checkLogLevel(value: unknown, fromEnvironment: string | undefined): LogLevel {
  const [name, level] =
    value !== undefined ? ["logLevel", value] : ["VERIFY_FACTORS_LOG", fromEnvironment ?? "warn"];
  if (!LOG_LEVELS.includes(level as LogLevel)) {
    throw new VerifyArgumentError(name, describe(level), `one of ${LOG_LEVELS.join(", ")}`);
  }
  return level as LogLevel;
}

/** Headers as `new Headers` takes them, or a `VerifyArgumentError` saying they are not. */
export function checkHeaders(value: HeadersInit): Headers {
  try {
    if (typeof value !== "object" || value === null) throw new TypeError("not an object");
    return new Headers(value);
  } catch {
    throw new VerifyArgumentError(
      "headers",
      "is not a set of headers",
      "a Headers object, an array of [name, value] pairs or a record, with valid names and values",
    );
  }
}

/** A URL as it may be shown: anything between `//` and `@` (a user name, a password) hidden. */
function withoutUserinfo(text: string): string {
  return text.replace(/\/\/[^/?#]*@/, "//…@");
}

/**
 * An http(s) origin and path to send every request to. A user name or password, a query or a
 * fragment is refused: requests would carry or drop them in ways the caller did not mean, and a
 * password in a URL would end up in error messages.
 */
export function checkBaseUrl(value: unknown): string {
  const rule = "an absolute http(s) URL without user name, password, query or fragment";
  let url: URL | undefined;
  try {
    url = typeof value === "string" ? new URL(value) : undefined;
  } catch {
    url = undefined;
  }
  const shown = typeof value === "string" ? describe(withoutUserinfo(value)) : describe(value);
  if (!url || (url.protocol !== "http:" && url.protocol !== "https:")) {
    throw new VerifyArgumentError("baseUrl", shown, rule);
  }
  if (url.username || url.password) {
    throw new VerifyArgumentError("baseUrl", `${shown}, with a user name or password`, rule);
  }
  if (url.search || url.hash || /[?#]/.test(value as string)) {
    throw new VerifyArgumentError("baseUrl", `${shown}, with a query or fragment`, rule);
  }
  return url.href.replace(/\/+$/, "");
}

/** What every list call takes besides the path it lists. */
export interface ListOptions {
  /** Items per request, 1 to 1000 (Twilio's default is 50). */
  pageSize?: number;
  /** The most items to yield in all; no page past them is requested. */
  limit?: number;
  /** Where to start: a page index, with `pageToken` (from a `nextCursor` or an error's `cursor`). */
  page?: number;
  pageToken?: string;
  /** Cancels the listing: the request in flight is aborted; iteration rejects with a `VerifyAbortError`. */
  signal?: AbortSignal;
  /** Ask for the next page while the current one is consumed (default `true`). */
  prefetch?: boolean;
  /** Retries for this listing's requests, instead of the client's. */
  maxRetries?: number;
  /** The limit on each attempt of this listing, instead of the client's (ms). */
  timeoutMs?: number;
  /** Headers added to each request of this listing (`Authorization` excepted). */
  headers?: HeadersInit;
}

/** What a client, or one listing for its own requests, sets: checked, ready for the fetch. */
export interface PerCall {
  maxRetries?: number;
  timeoutMs?: number;
  headers?: Headers;
}

export function checkPerCall(
  options: Pick<ListOptions, "maxRetries" | "timeoutMs" | "headers">,
): PerCall {
  const call: PerCall = {};
  const maxRetries = checkOptional(options.maxRetries, (v) =>
    checkInteger("maxRetries", v, 0, 100),
  );
  if (maxRetries !== undefined) call.maxRetries = maxRetries;
  const timeoutMs = checkOptional(options.timeoutMs, (v) =>
    checkInteger("timeoutMs", v, 1, 2 ** 31 - 1),
  );
  if (timeoutMs !== undefined) call.timeoutMs = timeoutMs;
  if (options.headers !== undefined) call.headers = checkHeaders(options.headers);
  return call;
}

/** Twilio's own default page size; below it, a small `limit` is asked for in one page. */
const DEFAULT_PAGE_SIZE = 50;

export function checkListOptions(options: ListOptions): PagerOptions {
  checkObject("options", options);
  const { limit, page, signal, prefetch = true } = options;
  checkOptional(options.pageSize, (v) => checkInteger("pageSize", v, 1, 1000));
  checkOptional(limit, (v) => checkInteger("limit", v, 1));
  checkOptional(page, (v) => checkInteger("page", v, 0));
  checkOptional(options.pageToken, (v) => checkString("pageToken", v));
  // Duck-typed: a signal from another realm or a polyfill is still a signal.
  const duck = signal as Partial<AbortSignal> | undefined;
  if (
    signal !== undefined &&
    (typeof duck?.aborted !== "boolean" || typeof duck.addEventListener !== "function")
  ) {
    throw new VerifyArgumentError("signal", `is ${typeof signal}`, "an AbortSignal");
  }
  if (typeof prefetch !== "boolean") {
    throw new VerifyArgumentError("prefetch", `is ${typeof prefetch}`, "true or false");
  }
  const pageSize =
    options.pageSize ?? (limit !== undefined && limit < DEFAULT_PAGE_SIZE ? limit : undefined);
  const request: PageRequest = { pageSize, page };
  if (options.pageToken !== undefined) request.pageToken = options.pageToken;
  return { start: { request, remaining: limit ?? Infinity }, signal, prefetch };
}
