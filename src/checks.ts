// The checks a public option goes through: each names the option and the rule it breaks.
import { VerifyArgumentError } from "./errors.js";
import { describe, withoutUserinfo } from "./shown.js";

export const SERVICE_SID = /^VA[0-9a-fA-F]{32}$/;
// The reference: 8 to 64 characters, "dash (-) separated alphanumeric characters".
export const IDENTITY = /^[a-zA-Z0-9]+(-[a-zA-Z0-9]+)*$/;

export function checkObject<T>(name: string, value: T): T {
  if (typeof value !== "object" || value === null) {
    throw new VerifyArgumentError(name, describe(value), "an object");
  }
  return value;
}

/** A UTF-16 surrogate without its pair: UTF-8 has no bytes for it, so it cannot go on the wire. */
export const LONE_SURROGATE =
  /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function checkWellFormed(name: string, value: string): string {
  if (!LONE_SURROGATE.test(value)) return value;
  // Not quoted: the value may be a secret, and a lone surrogate does not print anyway.
  throw new VerifyArgumentError(
    name,
    "has a lone UTF-16 surrogate",
    "a well-formed string (no unpaired surrogate)",
  );
}

export function checkString(name: string, value: unknown): string {
  if (typeof value !== "string" || value.length === 0) {
    throw new VerifyArgumentError(name, describe(value), "a non-empty string");
  }
  return checkWellFormed(name, value);
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
  const length = "8 to 64 dash-separated alphanumeric characters";
  const rule = typeof value === "string" ? length : `a string of ${length}`;
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
  // The operations' paths start with /v2 already: a base ending in it would ask for /v2/v2/...
  if (/\/v2\/*$/i.test(url.pathname)) {
    throw new VerifyArgumentError(
      "baseUrl",
      `${shown}, ending in /v2`,
      `the address before /v2 (as https://verify.twilio.com): the client adds /v2 itself`,
    );
  }
  return url.href.replace(/\/+$/, "");
}

export function checkBoolean(name: string, value: unknown): boolean {
  if (typeof value === "boolean") return value;
  throw new VerifyArgumentError(name, describe(value), "true or false");
}

export function checkFunction<T>(name: string, value: unknown, rule: string): T {
  if (typeof value !== "function") throw new VerifyArgumentError(name, describe(value), rule);
  return value as T;
}

/** Duck-typed: a signal from another realm or a polyfill is still a signal. */
export function checkSignal(value: unknown): AbortSignal {
  const duck = value as Partial<AbortSignal> | null;
  if (
    typeof duck !== "object" ||
    duck === null ||
    typeof duck.aborted !== "boolean" ||
    typeof duck.addEventListener !== "function" ||
    typeof duck.removeEventListener !== "function"
  ) {
    throw new VerifyArgumentError("signal", describe(value), "an AbortSignal");
  }
  return value as AbortSignal;
}

export function checkIterable(value: unknown): Iterable<unknown> | AsyncIterable<unknown> {
  const object = value as Record<symbol, unknown> | null;
  const keys = [Symbol.iterator, Symbol.asyncIterator];
  // A string is iterable too, a character at a time: one identity given alone is a mistake.
  if (typeof value === "string" || !keys.some((key) => typeof object?.[key] === "function")) {
    const rule = "an iterable or async iterable of identities, not a string";
    throw new VerifyArgumentError("identities", describe(value), rule);
  }
  return value as Iterable<unknown> | AsyncIterable<unknown>;
}

/** A JSON object: not null, not an array. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
