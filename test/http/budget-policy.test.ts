import { describe, expect, it } from "vitest";
import {
  CLIMB_EVERY_MS,
  limitAt,
  limited,
  MAX_CLIMB_EVERY_MS,
  mayStart,
  OPEN,
  type Budget,
} from "../../src/http/budget-policy.js";

/** A 429 for a request sent after every 429 the budget had heard of, unless `refusalsBefore` says. */
const refuse = (
  budget: Budget,
  inFlight: number,
  waitMs: number,
  at: number,
  refusalsBefore = budget.refusals,
) => limited(budget, { inFlight, waitMs, at, refusalsBefore });

describe("the budget policy", () => {
  it("lets anything start until the server says 429", () => {
    expect(mayStart(OPEN, 1_000, 0)).toBe(true);
  });

  it("a first 429 with 11 out allows 10, and holds no other request back", () => {
    const after = refuse(OPEN, 11, 1_000, 5_000);
    expect(limitAt(after, 5_000)).toBe(10);
    expect(after.holdUntil).toBe(OPEN.holdUntil);
    expect(mayStart(after, 9, 5_000)).toBe(true);
    expect(mayStart(after, 10, 5_000)).toBe(false);
    expect(after.climbEveryMs).toBe(CLIMB_EVERY_MS);
  });

  it("a first 429 with nothing else out holds every new request until its wait has passed", () => {
    const after = refuse(OPEN, 1, 1_000, 5_000);
    expect(limitAt(after, 5_000)).toBe(1);
    expect(mayStart(after, 0, 5_999)).toBe(false);
    expect(mayStart(after, 0, 6_000)).toBe(true);
  });

  it("the 429s of requests sent before the last one lower the limit, holding nothing", () => {
    let budget = refuse(OPEN, 40, 1_000, 0);
    budget = refuse(budget, 25, 1_000, 1, 0);
    budget = refuse(budget, 30, 1_000, 2, 0);
    expect(limitAt(budget, 2)).toBe(24);
    expect(budget.holdUntil).toBe(OPEN.holdUntil);
    expect(budget.refusals).toBe(3);
    expect(limitAt(refuse(OPEN, 1, 0, 0), 0)).toBe(1);
  });

  it("climbs back by one per CLIMB_EVERY_MS without a 429", () => {
    const budget = refuse(OPEN, 11, 0, 0);
    expect(limitAt(budget, CLIMB_EVERY_MS - 1)).toBe(10);
    expect(limitAt(budget, CLIMB_EVERY_MS)).toBe(11);
    expect(limitAt(budget, 3 * CLIMB_EVERY_MS)).toBe(13);
  });

  it("a 429 while climbing past the last limit goes back to it, holding no other request back", () => {
    const settled = refuse(OPEN, 11, 1_000, 0);
    const probe = refuse(settled, 11, 1_000, CLIMB_EVERY_MS);
    expect(limitAt(probe, CLIMB_EVERY_MS)).toBe(10);
    expect(probe.holdUntil).toBe(OPEN.holdUntil);
    expect(mayStart(probe, 9, CLIMB_EVERY_MS)).toBe(true);
    // The next climb waits twice as long, and so on, up to MAX_CLIMB_EVERY_MS.
    expect(limitAt(probe, 3 * CLIMB_EVERY_MS - 1)).toBe(10);
    expect(limitAt(probe, 3 * CLIMB_EVERY_MS)).toBe(11);
    let budget = probe;
    for (let i = 0; i < 8; i++)
      budget = refuse(budget, 11, 1_000, budget.limitedAt + budget.climbEveryMs);
    expect(budget.climbEveryMs).toBe(MAX_CLIMB_EVERY_MS);
    // A request sent before the last 429 refused as the budget climbs says nothing of the climb.
    const late = refuse(settled, 11, 1_000, CLIMB_EVERY_MS, 0);
    expect(late.climbEveryMs).toBe(CLIMB_EVERY_MS);
    expect(late.holdUntil).toBe(OPEN.holdUntil);
  });

  it("a 429 with no more out than the last limit (the server takes fewer now) holds everything", () => {
    const settled = refuse(OPEN, 11, 1_000, 0);
    const fewer = refuse(settled, 10, 1_000, CLIMB_EVERY_MS);
    expect(limitAt(fewer, CLIMB_EVERY_MS)).toBe(9);
    expect(fewer.holdUntil).toBe(CLIMB_EVERY_MS + 1_000);
    expect(fewer.climbEveryMs).toBe(CLIMB_EVERY_MS);
    // The 429s of requests already out when it came lower the limit, and make the hold no longer.
    const burst = refuse(fewer, 9, 5_000, CLIMB_EVERY_MS + 1, settled.refusals);
    expect(limitAt(burst, CLIMB_EVERY_MS + 1)).toBe(8);
    expect(burst.holdUntil).toBe(CLIMB_EVERY_MS + 1_000);
  });

  it("a later hold never shortens an earlier, longer one", () => {
    const long = refuse(OPEN, 1, 10_000, 0);
    expect(refuse(long, 1, 1, 100).holdUntil).toBe(10_000);
  });
});

describe("the caller's ceiling", () => {
  const capped = { ...OPEN, ceiling: 3 };

  it("no more than the ceiling start, before any 429", () => {
    expect(mayStart(capped, 2, 0)).toBe(true);
    expect(mayStart(capped, 3, 0)).toBe(false);
  });

  it("after a 429, the limit climbs back no higher than the ceiling", () => {
    const after = refuse(capped, 3, 0, 0);
    expect(after.ceiling).toBe(3);
    expect(limitAt(after, 0)).toBe(2);
    expect(limitAt(after, 10 * CLIMB_EVERY_MS)).toBe(3);
  });
});
