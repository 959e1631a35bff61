// How many requests one client may have in flight, and when it may start one: pure functions of
// what the server said, so every rule is tested without a server or a clock. `rate-budget.ts`
// does the waiting.

/**
 * After a 429, the limit climbs back by one for each of these milliseconds without another: slowly,
 * because each 429 holds every request of the client back for its `Retry-After`. Each climb the
 * server refuses doubles the time before the next, up to MAX_CLIMB_EVERY_MS: the budget holds
 * the limit it found rather than paying for the same refusal again and again.
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
}

export const OPEN: Budget = {
  limit: Infinity,
  limitedAt: -Infinity,
  holdUntil: 0,
  ceiling: Infinity,
  climbEveryMs: CLIMB_EVERY_MS,
};

/**
 * After a 429 response while `inFlight` requests (that one included) were out: one fewer is what
 * the server takes. When that many were more than the last 429 left, the budget was climbing to
 * find whether the server takes more: it does not, so the limit goes back and the budget holds
 * there, with only the refused request waiting (its retry waits `waitMs`). Otherwise the server
 * takes fewer than it did, and nothing new starts until `waitMs` has passed.
 */
export function limited(budget: Budget, inFlight: number, waitMs: number, now: number): Budget {
  const limitNow = limitAt(budget, now);
  const climbing = limitNow > budget.limit && inFlight > budget.limit;
  return {
    limit: Math.max(1, Math.min(limitNow, inFlight - 1)),
    limitedAt: now,
    holdUntil: climbing ? budget.holdUntil : Math.max(budget.holdUntil, now + waitMs),
    ceiling: budget.ceiling,
    climbEveryMs: climbing
      ? Math.min(2 * budget.climbEveryMs, MAX_CLIMB_EVERY_MS)
      : budget.climbEveryMs,
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
