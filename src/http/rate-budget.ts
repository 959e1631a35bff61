// One client's requests share one budget: the number in flight adapts to what the server takes,
// and a 429 that says the server takes fewer than it did holds every new request back. The rules
// are budget-policy.ts's; this file only queues and wakes.
import { limited, mayStart, OPEN, type Budget } from "./budget-policy.js";

/** One request's place in the budget, from its start until its response is read. */
export interface Place {
  /** Its response was a 429, and its retry waits `waitMs`. Told while the place is held. */
  refused(waitMs: number): void;
  /** Its response is read: the place is free. */
  release(): void;
}

export interface RateBudget {
  /** Resolves when a request may start, with its place. */
  acquire(signal: AbortSignal): Promise<Place>;
  /** How many 429s the budget has been told of. */
  readonly throttled: number;
}

/** A budget for one client: at most `ceiling` in flight, whatever the server takes. */
export function createRateBudget(ceiling = Infinity, now = () => Date.now()): RateBudget {
  let budget: Budget = { ...OPEN, ceiling };
  let inFlight = 0;
  const queue: { start: (place: Place) => void }[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;

  // Taken when the request starts: what the budget had heard by then tells what its 429 means.
  function take(): Place {
    inFlight++;
    const refusalsBefore = budget.refusals;
    return {
      refused(waitMs) {
        budget = limited(budget, { inFlight, waitMs, at: now(), refusalsBefore });
      },
      release() {
        inFlight--;
        pump();
      },
    };
  }
  // Starts whoever may start, in order; sets a timer for the end of a hold that keeps them waiting.
  // The clock is read once: read again, it could pass the hold's end between "may not start" and
  // "is held", and the waiters would be left with no timer to wake them.
  function pump(): void {
    const at = now();
    while (queue.length > 0 && mayStart(budget, inFlight, at)) queue.shift()!.start(take());
    if (queue.length > 0 && timer === undefined && at < budget.holdUntil) {
      timer = setTimeout(() => {
        timer = undefined;
        pump();
      }, budget.holdUntil - at);
      // Not unref'd: a waiter's request has not started, so nothing else may keep the process
      // alive until the hold ends. The timer goes with the last waiter (see `onAbort`).
    }
  }

  return {
    acquire(signal) {
      if (signal.aborted) return Promise.reject(signal.reason);
      // Nobody waiting and a place free: start now, with no waiter and no listener. Going through
      // the queue instead would start it at once too, which is why skipping this path is an
      // equivalent mutant; letting a newcomer pass a waiter is held by the queue's tests.
      // Stryker disable next-line ConditionalExpression,BlockStatement: equivalent, see above
      if (queue.length === 0 && mayStart(budget, inFlight, now())) return Promise.resolve(take());
      return new Promise((resolve, reject) => {
        const waiter = {
          start: (place: Place) => {
            signal.removeEventListener("abort", onAbort);
            resolve(place);
          },
        };
        const onAbort = () => {
          queue.splice(queue.indexOf(waiter), 1);
          // The last waiter gone, nothing is left to wake (clearing no timer is harmless).
          if (queue.length === 0) {
            clearTimeout(timer);
            timer = undefined;
          }
          reject(signal.reason);
        };
        // Stryker disable next-line ObjectLiteral,BooleanLiteral: a signal aborts once; start() removes it
        signal.addEventListener("abort", onAbort, { once: true });
        queue.push(waiter);
        pump();
      });
    },
    get throttled() {
      return budget.refusals;
    },
  };
}
