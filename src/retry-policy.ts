// When to try again and how long to wait first: pure functions, so every rule is tested without
// a server or a clock. `retrying-fetch.ts` does the waiting.
import { VerifyConnectionError } from "./errors.js";
import { parseHttpDate } from "./http-date.js";
import { parseWholeNumber } from "./whole-number.js";

/** Statuses worth another try: GET is idempotent, and these say "not now" rather than "no". */
const RETRY_STATUSES = new Set([429, 500, 502, 503, 504]);
/** A longer `Retry-After` is not waited out blindly; backoff applies instead (as openai-node does). */
export const MAX_RETRY_AFTER_MS = 60_000;

/** What an attempt ended with: an answer, or the error that stood for no answer. */
export type Outcome = Response | Error;

/**
 * Whether an outcome is worth another attempt: a failed connection always is; an answer too
 * large never is (the next would be as large).
 */
export function shouldRetry(outcome: Outcome): boolean {
  return outcome instanceof Response
    ? RETRY_STATUSES.has(outcome.status)
    : outcome instanceof VerifyConnectionError;
}

/**
 * `Retry-After` as milliseconds: exactly delta-seconds or an HTTP-date (RFC 9110, 10.2.3).
 * Anything else (`-1`, `1.5`, a date in another format) is no answer, and backoff applies.
 */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  const seconds = parseWholeNumber(text);
  if (seconds !== undefined) return seconds * 1000;
  const date = parseHttpDate(text, now);
  return date === undefined ? undefined : Math.max(0, date - now);
}

/** Exponential backoff from 0.5 s to 8 s, with jitter (`random` in [0, 1)) so clients spread out. */
export function backoffMs(attempt: number, random = Math.random()): number {
  return Math.min(8_000, 500 * 2 ** attempt) * (0.75 + random * 0.25);
}

/** The wait before the next attempt: what the server asked for, within reason, else backoff. */
export function retryDelayMs(outcome: Outcome, attempt: number, now = Date.now()): number {
  const asked =
    outcome instanceof Response
      ? parseRetryAfter(outcome.headers.get("retry-after"), now)
      : undefined;
  return asked !== undefined && asked <= MAX_RETRY_AFTER_MS ? asked : backoffMs(attempt);
}
