import { parseWholeNumber } from "../whole-number.js";
import { parseHttpDate } from "./http-date.js";

/**
 * `Retry-After` as milliseconds: exactly delta-seconds or an HTTP-date (RFC 9110, 10.2.3).
 * Anything else (`-1`, `1.5`, a date in another format) is not a wait, and backoff applies.
 */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  const seconds = parseWholeNumber(text);
  if (seconds !== undefined) return seconds * 1000;
  const date = parseHttpDate(text, now);
  return date === undefined ? undefined : Math.max(0, date - now);
}
