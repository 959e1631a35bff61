import type { LogLevel } from "../log.js";

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
