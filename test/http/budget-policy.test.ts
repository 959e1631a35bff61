import { describe, expect, it } from "vitest";
import {
  CLIMB_EVERY_MS,
  limitAt,
  limited,
  MAX_CLIMB_EVERY_MS,
  mayStart,
  OPEN,
} from "../../src/http/budget-policy.js";

describe("the budget policy", () => {
  it("lets anything start until the server says 429", () => {
    expect(mayStart(OPEN, 1_000, 0)).toBe(true);
  });

  it("after a 429 with 11 out, allows 10, and nothing new until Retry-After has passed", () => {
    const after = limited(OPEN, 11, 1_000, 5_000);
    expect(limitAt(after, 5_000)).toBe(10);
    expect(mayStart(after, 0, 5_999)).toBe(false);
    expect(mayStart(after, 9, 6_000)).toBe(true);
    expect(mayStart(after, 10, 6_000)).toBe(false);
  });

  it("keeps the lowest of several 429s in a burst, and never drops below one", () => {
    let budget = limited(OPEN, 40, 1_000, 0);
    budget = limited(budget, 25, 1_000, 1);
    budget = limited(budget, 30, 1_000, 2);
    expect(limitAt(budget, 2)).toBe(24);
    expect(limitAt(limited(OPEN, 1, 0, 0), 0)).toBe(1);
  });

  it("climbs back by one per CLIMB_EVERY_MS without a 429", () => {
    const budget = limited(OPEN, 11, 0, 0);
    expect(limitAt(budget, CLIMB_EVERY_MS - 1)).toBe(10);
    expect(limitAt(budget, CLIMB_EVERY_MS)).toBe(11);
    expect(limitAt(budget, 3 * CLIMB_EVERY_MS)).toBe(13);
  });

  it("a 429 while climbing past the last limit goes back to it, holding no other request back", () => {
    const settled = limited(OPEN, 11, 1_000, 0);
    const probe = limited(settled, 11, 1_000, CLIMB_EVERY_MS);
    expect(limitAt(probe, CLIMB_EVERY_MS)).toBe(10);
    expect(probe.holdUntil).toBe(1_000);
    expect(mayStart(probe, 9, CLIMB_EVERY_MS)).toBe(true);
    // The next climb waits twice as long, and so on, up to MAX_CLIMB_EVERY_MS.
    expect(limitAt(probe, 3 * CLIMB_EVERY_MS - 1)).toBe(10);
    expect(limitAt(probe, 3 * CLIMB_EVERY_MS)).toBe(11);
    let budget = probe;
    for (let i = 0; i < 8; i++)
      budget = limited(budget, 11, 1_000, budget.limitedAt + budget.climbEveryMs);
    expect(budget.climbEveryMs).toBe(MAX_CLIMB_EVERY_MS);
  });

  it("a 429 with no more out than the last limit (the server takes fewer now) holds everything", () => {
    const settled = limited(OPEN, 11, 1_000, 0);
    const fewer = limited(settled, 10, 1_000, CLIMB_EVERY_MS);
    expect(limitAt(fewer, CLIMB_EVERY_MS)).toBe(9);
    expect(fewer.holdUntil).toBe(CLIMB_EVERY_MS + 1_000);
    expect(fewer.climbEveryMs).toBe(CLIMB_EVERY_MS);
    // In a burst, before any climb, each 429 holds too, however many were out.
    expect(limited(settled, 30, 1_000, 500).holdUntil).toBe(1_500);
  });

  it("a later hold never shortens an earlier, longer one", () => {
    const long = limited(OPEN, 5, 10_000, 0);
    expect(limited(long, 5, 1, 100).holdUntil).toBe(10_000);
  });
});

describe("the caller's ceiling", () => {
  const capped = { ...OPEN, ceiling: 3 };

  it("no more than the ceiling start, before any 429", () => {
    expect(mayStart(capped, 2, 0)).toBe(true);
    expect(mayStart(capped, 3, 0)).toBe(false);
  });

  it("after a 429, the limit climbs back no higher than the ceiling", () => {
    const after = limited(capped, 3, 0, 0);
    expect(after.ceiling).toBe(3);
    expect(limitAt(after, 0)).toBe(2);
    expect(limitAt(after, 10 * CLIMB_EVERY_MS)).toBe(3);
  });
});
