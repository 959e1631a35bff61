// One client's requests share one budget: a 429 anywhere holds every new request back, and the
// number in flight adapts to what the server takes. The rules are budget-policy.ts's; this file
// only queues and wakes.
import { limited, mayStart, OPEN, type Budget } from "./budget-policy.js";

export interface RateBudget {
  /** Resolves when a request may start, with the function to call once its response is read. */
  acquire(signal: AbortSignal): Promise<() => void>;
  /** A request still in flight got a 429 response: back off everything for `waitMs`. */
  limited(waitMs: number): void;
  /** How many 429s the budget has been told of. */
  readonly throttled: number;
}

/** A budget for one client: at most `ceiling` in flight, whatever the server takes. */
export function createRateBudget(ceiling = Infinity, now = () => Date.now()): RateBudget {
  let budget: Budget = { ...OPEN, ceiling };
  let inFlight = 0;
  const queue: { start: () => void }[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let throttled = 0;

  const release = () => {
    inFlight--;
    pump();
  };
  // Starts whoever may start, in order; sets a timer for the end of a hold that keeps them waiting.
  // The clock is read once: read again, it could pass the hold's end between "may not start" and
  // "is held", and the waiters would be left with no timer to wake them.
  function pump(): void {
    const at = now();
    while (queue.length > 0 && mayStart(budget, inFlight, at)) {
      inFlight++;
      queue.shift()!.start();
    }
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
      if (queue.length === 0 && mayStart(budget, inFlight, now())) {
        inFlight++;
        return Promise.resolve(release);
      }
      return new Promise((resolve, reject) => {
        const waiter = {
          start: () => {
            signal.removeEventListener("abort", onAbort);
            resolve(release);
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
    limited(waitMs) {
      throttled++;
      budget = limited(budget, inFlight, waitMs, now());
    },
    get throttled() {
      return throttled;
    },
  };
}
