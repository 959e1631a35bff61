// How many requests one client may have in flight, and when it may start one: pure functions of
// what the server said, so every rule is tested without a server or a clock. `rate-budget.ts`
// does the waiting.

/**
 * After a 429, the limit climbs back by one for each of these milliseconds without another.
 * Each climb the server refuses doubles the time before the next, up to MAX_CLIMB_EVERY_MS: the
 * budget holds the limit it found rather than paying for the same refusal again and again.
 */
export const CLIMB_EVERY_MS = 10_000;
export const MAX_CLIMB_EVERY_MS = 16 * CLIMB_EVERY_MS;

/** What the server has said so far. */
export interface Budget {
  /** Requests in flight allowed right after the last 429; `Infinity` before any. */
  limit: number;
  /** When the last 429 came (ms since the epoch). */
  limitedAt: number;
  /** No new request starts before this time (ms since the epoch). */
  holdUntil: number;
  /** Never more in flight than this, the caller's own limit; `Infinity` for none. */
  ceiling: number;
  /** The limit climbs by one per this many milliseconds without a 429. */
  climbEveryMs: number;
  /** How many 429s the budget has been told of. */
  refusals: number;
}

export const OPEN: Budget = {
  limit: Infinity,
  limitedAt: -Infinity,
  holdUntil: 0,
  ceiling: Infinity,
  climbEveryMs: CLIMB_EVERY_MS,
  refusals: 0,
};

/** One 429 response, as the budget sees it. */
export interface Refusal {
  /** Requests in flight when it came, the refused one included. */
  inFlight: number;
  /** How long the refused request waits before its retry. */
  waitMs: number;
  /** When it came (ms since the epoch). */
  at: number;
  /** How many 429s the budget had been told of when the refused request started. */
  refusalsBefore: number;
}

/**
 * After a 429: one fewer than were in flight is what the server takes, and the limit goes there.
 * Whether every new request also waits `waitMs` depends on what the 429 says:
 * - nothing new, when the request was sent before the budget heard of the last 429: it was sent
 *   under a limit since lowered;
 * - that the budget was searching too high, when it is the first 429 with others in flight (the
 *   server took some) or comes while the budget climbs past the last limit. The limit found, the
 *   budget holds there; only the refused request waits, and a refused climb doubles the time to
 *   the next;
 * - otherwise, that the server now takes fewer than it did: nothing new starts until `waitMs` has
 *   passed.
 */
export function limited(budget: Budget, refusal: Refusal): Budget {
  const { inFlight, waitMs, at } = refusal;
  const limitNow = limitAt(budget, at);
  const known = refusal.refusalsBefore < budget.refusals;
  // More in flight than the last 429 left, by a request sent since: the limit had climbed.
  const climbing = !known && inFlight > budget.limit;
  const first = budget.refusals === 0 && inFlight > 1;
  return {
    limit: Math.max(1, Math.min(limitNow, inFlight - 1)),
    limitedAt: at,
    holdUntil:
      known || climbing || first ? budget.holdUntil : Math.max(budget.holdUntil, at + waitMs),
    ceiling: budget.ceiling,
    climbEveryMs: climbing
      ? Math.min(2 * budget.climbEveryMs, MAX_CLIMB_EVERY_MS)
      : budget.climbEveryMs,
    refusals: budget.refusals + 1,
  };
}

/**
 * The limit now: the one set at the last 429, climbed back by one per `climbEveryMs` since,
 * and never over the caller's ceiling.
 */
export function limitAt(budget: Budget, now: number): number {
  const climbed = budget.limit + Math.floor((now - budget.limitedAt) / budget.climbEveryMs);
  return Math.min(climbed, budget.ceiling);
}

/** Whether one more request may start now, with `inFlight` out. */
export function mayStart(budget: Budget, inFlight: number, now: number): boolean {
  return now >= budget.holdUntil && inFlight < limitAt(budget, now);
}
