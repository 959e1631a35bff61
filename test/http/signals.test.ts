import { getEventListeners } from "node:events";
import { afterEach, describe, expect, it, vi } from "vitest";
import { letGo, follow, sleep, untilAborted } from "../../src/http/signals.js";
import { strayErrors } from "../support/helpers.js";

afterEach(() => {
  vi.useRealTimers();
});

describe("follow", () => {
  it("without a parent, aborts nothing and lets go of nothing", () => {
    const controller = new AbortController();
    const release = follow(undefined, controller);
    expect(typeof release).toBe("function");
    release();
    expect(controller.signal.aborted).toBe(false);
  });

  it("a parent already aborted aborts the controller at once, with its reason, and keeps no listener", () => {
    const parent = new AbortController();
    parent.abort(new Error("gone"));
    const controller = new AbortController();
    follow(parent.signal, controller);
    expect(controller.signal.reason).toStrictEqual(new Error("gone"));
    expect(getEventListeners(parent.signal, "abort")).toHaveLength(0);
  });

  it("a parent that aborts later aborts the controller with its reason", () => {
    const parent = new AbortController();
    const controller = new AbortController();
    follow(parent.signal, controller);
    expect(controller.signal.aborted).toBe(false);
    parent.abort("later");
    expect(controller.signal.reason).toBe("later");
    expect(getEventListeners(parent.signal, "abort")).toHaveLength(0);
  });

  it("once let go of, the parent keeps no listener and its abort no longer reaches", () => {
    const parent = new AbortController();
    const controller = new AbortController();
    const release = follow(parent.signal, controller);
    expect(getEventListeners(parent.signal, "abort")).toHaveLength(1);
    release();
    expect(getEventListeners(parent.signal, "abort")).toHaveLength(0);
    parent.abort("late");
    expect(controller.signal.aborted).toBe(false);
  });
});

describe("follow, with many controllers on one signal", () => {
  it("holds one listener for all of them, and none once all have let go", () => {
    const parent = new AbortController();
    const first = new AbortController();
    const second = new AbortController();
    const releaseFirst = follow(parent.signal, first);
    const releaseSecond = follow(parent.signal, second);
    expect(getEventListeners(parent.signal, "abort")).toHaveLength(1);
    releaseFirst();
    releaseFirst();
    expect(getEventListeners(parent.signal, "abort")).toHaveLength(1);
    releaseSecond();
    expect(getEventListeners(parent.signal, "abort")).toHaveLength(0);
    const third = new AbortController();
    follow(parent.signal, third);
    parent.abort("after");
    expect([first, second, third].map((c) => c.signal.aborted)).toStrictEqual([false, false, true]);
  });

  it("aborts every controller still following, with the parent's reason", () => {
    const parent = new AbortController();
    const controllers = Array.from({ length: 30 }, () => new AbortController());
    const releases = controllers.map((controller) => follow(parent.signal, controller));
    releases[0]!();
    parent.abort("all");
    expect(controllers.map((c) => c.signal.reason)).toStrictEqual([
      undefined,
      ...Array(29).fill("all"),
    ]);
    expect(getEventListeners(parent.signal, "abort")).toHaveLength(0);
    for (const release of releases) release();
  });
});

describe("sleep", () => {
  it("resolves after the time, and leaves no listener on the signal", async () => {
    vi.useFakeTimers();
    const signal = new AbortController().signal;
    let done = false;
    const slept = sleep(1000, signal).then(() => (done = true));
    await vi.advanceTimersByTimeAsync(999);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await slept;
    expect(done).toBe(true);
    expect(getEventListeners(signal, "abort")).toHaveLength(0);
  });

  it("rejects at once with the reason of a signal already aborted, setting no timer", async () => {
    vi.useFakeTimers();
    const controller = new AbortController();
    controller.abort("stop");
    await expect(sleep(1000, controller.signal)).rejects.toBe("stop");
    expect(vi.getTimerCount()).toBe(0);
  });

  it("rejects with the reason as soon as the signal aborts, and clears its timer", async () => {
    vi.useFakeTimers();
    const controller = new AbortController();
    const slept = sleep(60_000, controller.signal);
    expect(vi.getTimerCount()).toBe(1);
    controller.abort("stop");
    await expect(slept).rejects.toBe("stop");
    expect(vi.getTimerCount()).toBe(0);
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
  });
});

describe("untilAborted", () => {
  /** A response on its way, and what became of its body. */
  function onItsWay() {
    let resolve = (_response: Response) => {};
    const sent = new Promise<Response>((r) => (resolve = r));
    const body = { cancelled: false };
    const response = new Response(
      new ReadableStream({ cancel: () => void (body.cancelled = true) }),
    );
    return { sent, arrive: () => resolve(response), response, body };
  }

  it("gives what was sent, and leaves no listener on the signal", async () => {
    const signal = new AbortController().signal;
    const { sent, arrive, response, body } = onItsWay();
    const waited = untilAborted(sent, signal);
    arrive();
    expect(await waited).toBe(response);
    expect(body.cancelled).toBe(false);
    expect(getEventListeners(signal, "abort")).toHaveLength(0);
  });

  it("rejects with the reason as soon as the signal aborts, though nothing came", async () => {
    const controller = new AbortController();
    const waited = untilAborted(new Promise(() => {}), controller.signal);
    controller.abort("stop");
    await expect(waited).rejects.toBe("stop");
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
  });

  it("rejects at once for a signal already aborted", async () => {
    const controller = new AbortController();
    controller.abort("stop");
    await expect(untilAborted(new Promise(() => {}), controller.signal)).rejects.toBe("stop");
  });

  it("hands what comes after the signal aborted to late, and nothing when it came in time", async () => {
    const controller = new AbortController();
    const handed: unknown[] = [];
    const { sent, arrive, response } = onItsWay();
    const waited = untilAborted(sent, controller.signal, (late) => handed.push(late));
    controller.abort("stop");
    await expect(waited).rejects.toBe("stop");
    expect(handed).toStrictEqual([]);
    arrive();
    await sent;
    await new Promise((r) => setTimeout(r, 0));
    expect(handed).toStrictEqual([response]);
    const inTime = onItsWay();
    const given = untilAborted(inTime.sent, new AbortController().signal, (late) =>
      handed.push(late),
    );
    inTime.arrive();
    await given;
    await new Promise((r) => setTimeout(r, 0));
    expect(handed).toHaveLength(1);
  });

  it("passes on a failure of the send itself, with the signal live", async () => {
    const failure = new TypeError("fetch failed");
    await expect(untilAborted(Promise.reject(failure), new AbortController().signal)).rejects.toBe(
      failure,
    );
  });
});

describe("letGo", () => {
  const fails = () => {
    throw new Error("no end here");
  };
  it.each([
    ["gives no promise", () => undefined],
    ["throws at once", fails],
    ["rejects", async () => fails()],
    ["never settles", () => new Promise(() => {})],
  ])("calls end, and lets be one that %s", async (_name, end) => {
    let calls = 0;
    const stray = await strayErrors(() => {
      expect(letGo(() => (calls++, end()))).toBeUndefined();
    });
    expect(calls).toBe(1);
    expect(stray).toStrictEqual([]);
  });
});
