// How many requests one client may have in flight, and when it may start one: pure functions of
// what the server said, so every rule is tested without a server or a clock. `rate-budget.ts`
// does the waiting.

/**
 * After a 429, the limit climbs back by one for each of these milliseconds without another: slowly,
 * because each 429 holds every request of the client back for its `Retry-After`.
 */
export const CLIMB_EVERY_MS = 10_000;

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
}

export const OPEN: Budget = {
  limit: Infinity,
  limitedAt: -Infinity,
  holdUntil: 0,
  ceiling: Infinity,
};

/**
 * After a 429 response while `inFlight` requests (that one included) were out: one fewer is what
 * the server takes, and nothing new starts until `waitMs` has passed.
 */
export function limited(budget: Budget, inFlight: number, waitMs: number, now: number): Budget {
  return {
    limit: Math.max(1, Math.min(limitAt(budget, now), inFlight - 1)),
    limitedAt: now,
    holdUntil: Math.max(budget.holdUntil, now + waitMs),
    ceiling: budget.ceiling,
  };
}

/**
 * The limit now: the one set at the last 429, climbed back by one per `CLIMB_EVERY_MS` since,
 * and never over the caller's ceiling.
 */
export function limitAt(budget: Budget, now: number): number {
  const climbed = budget.limit + Math.floor((now - budget.limitedAt) / CLIMB_EVERY_MS);
  return Math.min(climbed, budget.ceiling);
}

/** Whether one more request may start now, with `inFlight` out. */
export function mayStart(budget: Budget, inFlight: number, now: number): boolean {
  return now >= budget.holdUntil && inFlight < limitAt(budget, now);
}
