// The budget's queue against a fake clock: who starts when, and what timers it leaves.
import { execFile } from "node:child_process";
import { getEventListeners } from "node:events";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createRateBudget } from "../../src/http/rate-budget.js";
import { root } from "../support/spec.js";

beforeEach(() => {
  vi.useFakeTimers({ now: 1_000_000 });
});
afterEach(() => {
  vi.useRealTimers();
});

const open = () => new AbortController().signal;

/** Acquires, recording the order in which the waiters start. */
function starter(budget: ReturnType<typeof createRateBudget>, started: string[]) {
  return (name: string, signal = open()) =>
    budget.acquire(signal).then((place) => {
      started.push(name);
      return place;
    });
}

describe("the rate budget's queue", () => {
  it("starts at once while nothing holds it back", async () => {
    const budget = createRateBudget();
    const places = await Promise.all([budget.acquire(open()), budget.acquire(open())]);
    expect(places.every((place) => typeof place.release === "function")).toBe(true);
    expect(budget.throttled).toBe(0);
  });

  it("counts each 429 it is told of", async () => {
    const budget = createRateBudget();
    const places = await Promise.all([budget.acquire(open()), budget.acquire(open())]);
    for (const place of places) place.refused(0);
    expect(budget.throttled).toBe(2);
  });

  it("holds every new request for the wait, then starts them in the order they came", async () => {
    const budget = createRateBudget();
    const started: string[] = [];
    const start = starter(budget, started);
    const first = await start("first");
    first.refused(2_000);
    first.release();
    const waiting = [start("a"), start("b")];
    await vi.advanceTimersByTimeAsync(1_999);
    expect(started).toStrictEqual(["first"]);
    await vi.advanceTimersByTimeAsync(1);
    // One was in flight at the 429: one at a time, in order.
    const a = await waiting[0]!;
    expect(started).toStrictEqual(["first", "a"]);
    a.release();
    await waiting[1];
    expect(started).toStrictEqual(["first", "a", "b"]);
  });

  it("lets no newcomer pass a request already waiting for a place", async () => {
    const budget = createRateBudget();
    const started: string[] = [];
    const start = starter(budget, started);
    const held = await Promise.all([start("one"), start("two")]);
    held[0]!.refused(0); // two were in flight: one is the limit now
    held[0]!.release();
    held[1]!.release();
    const waiting = start("waited");
    const late = start("late");
    await Promise.all([waiting, late].slice(0, 1));
    expect(started.slice(2)).toStrictEqual(["waited"]);
    (await waiting).release();
    await late;
    expect(started.slice(2)).toStrictEqual(["waited", "late"]);
  });

  it("sets no timer when nobody waits, and leaves none behind", async () => {
    const budget = createRateBudget();
    const place = await budget.acquire(open());
    place.refused(5_000);
    place.release();
    expect(vi.getTimerCount()).toBe(0);
  });

  it("an aborted waiter leaves the queue and the signal at once, with the signal's reason", async () => {
    const budget = createRateBudget();
    const place = await budget.acquire(open());
    place.refused(5_000);
    const controller = new AbortController();
    const waiting = budget.acquire(controller.signal);
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(1);
    expect(vi.getTimerCount()).toBe(1);
    controller.abort("no more");
    await expect(waiting).rejects.toBe("no more");
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
    // The last waiter gone, its wake-up timer goes too.
    expect(vi.getTimerCount()).toBe(0);
    place.release();
    await vi.advanceTimersByTimeAsync(5_000);
    // The next one starts: the aborted waiter took no place.
    await expect(budget.acquire(open())).resolves.toHaveProperty("release");
  });

  it("keeps one wake-up timer for all who wait out a hold, and goes with the last of them", async () => {
    const budget = createRateBudget();
    const started: string[] = [];
    const start = starter(budget, started);
    const first = await start("first");
    first.refused(1_000);
    first.release();
    const leaving = new AbortController();
    const gone = start("gone", leaving.signal).catch(() => "aborted");
    const staying = start("staying");
    expect(vi.getTimerCount()).toBe(1);
    leaving.abort();
    expect(await gone).toBe("aborted");
    // One still waits: its timer stays, and wakes it.
    expect(vi.getTimerCount()).toBe(1);
    await vi.advanceTimersByTimeAsync(1_000);
    await staying;
    expect(started).toStrictEqual(["first", "staying"]);
  });

  it("sets no timer for a waiter that waits for a place rather than a hold", async () => {
    let now = 0;
    const budget = createRateBudget(1, () => now);
    const place = await budget.acquire(open());
    const waiting = budget.acquire(open());
    expect(vi.getTimerCount()).toBe(0);
    place.release();
    (await waiting).release();
    // Nor at the very end of a hold, when the hold no longer keeps anyone back.
    const held = await budget.acquire(open());
    held.refused(500);
    now = 500;
    const next = budget.acquire(open());
    expect(vi.getTimerCount()).toBe(0);
    held.release();
    await expect(next).resolves.toHaveProperty("release");
  });

  it("lets no newcomer pass a waiter whose hold ended before its timer fired", async () => {
    let now = 0;
    const budget = createRateBudget(Infinity, () => now);
    const started: string[] = [];
    const start = starter(budget, started);
    const first = await start("first");
    first.refused(1_000);
    first.release();
    const waited = start("waited").then((place) => place.release());
    now = 1_000; // the hold is over; its timer has not run yet
    const late = start("late").then((place) => place.release());
    await Promise.all([waited, late]);
    expect(started).toStrictEqual(["first", "waited", "late"]);
  });

  it("sets its wake-up timer even when the clock reaches the hold's end while it looks", async () => {
    // A clock that stands still until `ticking`, then reads one later each time it is read.
    let [t, ticking] = [0, false];
    const budget = createRateBudget(Infinity, () => (ticking ? t++ : t));
    const place = await budget.acquire(open());
    place.refused(3); // held until 3
    place.release();
    [t, ticking] = [1, true];
    // Reads 1 (held: it queues), then 2: still held, so a timer must wake it, though the clock
    // reads 3, the hold's end, if asked once more.
    const waiting = budget.acquire(open());
    expect(vi.getTimerCount()).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    await expect(waiting).resolves.toHaveProperty("release");
  });

  it("a waiter that starts lets go of its signal", async () => {
    const budget = createRateBudget();
    const place = await budget.acquire(open());
    place.refused(1_000);
    const signal = open();
    const waiting = budget.acquire(signal);
    place.release();
    await vi.advanceTimersByTimeAsync(1_000);
    await waiting;
    expect(getEventListeners(signal, "abort")).toHaveLength(0);
  });

  it("refuses a signal already aborted without taking a place", async () => {
    const budget = createRateBudget();
    const controller = new AbortController();
    controller.abort("before");
    await expect(budget.acquire(controller.signal)).rejects.toBe("before");
  });
});

describe("the rate budget's timer", () => {
  it("keeps no process alive once the request waiting out a hold is aborted", async () => {
    vi.useRealTimers();
    const script = `
      import { createRateBudget } from "./dist/esm/src/http/rate-budget.js";
      const budget = createRateBudget();
      const place = await budget.acquire(new AbortController().signal);
      place.refused(60_000);
      place.release();
      const waiting = new AbortController();
      budget.acquire(waiting.signal).then(() => console.log("started"), () => console.log("aborted"));
      setTimeout(() => waiting.abort(), 100);`;
    const started = Date.now();
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ["--input-type=module", "-e", script],
      { cwd: root, timeout: 20_000 },
    );
    expect(stdout).toBe("aborted\n");
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
