// When to try again and how long to wait first: pure functions, so every rule is tested without
// a server or a clock. `retrying-fetch.ts` does the waiting.
import { VerifyConnectionError } from "../errors.js";
import { parseRetryAfter } from "./retry-after.js";
import { RETRY_AFTER_HEADER } from "../types.js";

/** Statuses worth another try: GET is idempotent, and these say "not now" rather than "no". */
const RETRY_STATUSES = new Set([429, 500, 502, 503, 504]);
/** A longer `Retry-After` is not waited out blindly; backoff applies instead. */
export const MAX_RETRY_AFTER_MS = 60_000;

/** What an attempt ended with: a response, or the error that stood for none. */
export type Outcome = Response | Error;

/**
 * What Node's TLS says when the server cannot be trusted (every code about its certificate, and
 * one about its signature) or speaks no TLS at all: the next attempt would meet the same server.
 * Other runtimes give no code, and are retried.
 */
const TLS_REFUSAL = /CERT|UNABLE_TO_VERIFY_LEAF_SIGNATURE|ERR_SSL_WRONG_VERSION_NUMBER/;

/** Whether a failed connection failed on TLS: the `code` of its cause, or of that one's cause. */
export function refusedByTls(error: VerifyConnectionError): boolean {
  let cause: unknown = error.cause;
  for (let depth = 0; depth < 2 && cause instanceof Error; depth++, cause = cause.cause) {
    // Node's codes are strings; a fetch of the caller's own may put anything there.
    const { code } = cause as { code?: unknown };
    if (typeof code === "string" && TLS_REFUSAL.test(code)) return true;
  }
  return false;
}

/**
 * Whether an outcome is worth another attempt: a failed connection is, unless TLS refused it; a
 * response too large never is (the next would be as large).
 */
export function shouldRetry(outcome: Outcome): boolean {
  return outcome instanceof Response
    ? RETRY_STATUSES.has(outcome.status)
    : outcome instanceof VerifyConnectionError && !refusedByTls(outcome);
}

/** Exponential backoff from 0.5 s to 8 s, with jitter (`random` in [0, 1)) so clients spread out. */
export function backoffMs(attempt: number, random = Math.random()): number {
  return Math.min(8_000, 500 * 2 ** attempt) * (0.75 + random * 0.25);
}

/** The wait before the next attempt: what the server asked for, within reason, else backoff. */
export function retryDelayMs(outcome: Outcome, attempt: number, now = Date.now()): number {
  const asked =
    outcome instanceof Response
      ? parseRetryAfter(outcome.headers.get(RETRY_AFTER_HEADER), now)
      : undefined;
  // Stryker disable next-line ConditionalExpression: `undefined <= n` is false, so the check only narrows the type
  return asked !== undefined && asked <= MAX_RETRY_AFTER_MS ? asked : backoffMs(attempt);
}
