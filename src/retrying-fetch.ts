import { attempt, type AttemptLimits, type SendOnce } from "./attempt.js";
import { retryDelayMs, shouldRetry } from "./retry-policy.js";
import { sleep } from "./signals.js";

export interface RetryOptions extends AttemptLimits {
  send: SendOnce;
  maxRetries: number;
  /** Waits between attempts; tests pass one that records instead of sleeping. */
  wait?: (ms: number, signal: AbortSignal) => Promise<void>;
}

/** A `fetch` that retries; `signal` (by default the request's own) cancels it all. */
export type RetryingFetch = (request: Request, signal?: AbortSignal) => Promise<Response>;

/**
 * Tries `request` until an answer is final or the retries run out. The signal comes apart from
 * the Request so a listing can pass its own without building a second signal-bearing Request
 * per page, which undici makes costly.
 */
export function createRetryingFetch({
  send,
  maxRetries,
  wait = sleep,
  ...limits
}: RetryOptions): RetryingFetch {
  return async function retryingFetch(request, signal = request.signal) {
    for (let tries = 0; ; tries++) {
      signal.throwIfAborted();
      const outcome = await attempt(send, request, signal, limits);
      // A cancelled call ends with the caller's reason, whatever the attempt saw.
      signal.throwIfAborted();
      const final = tries >= maxRetries || !shouldRetry(outcome);
      if (final && outcome instanceof Response) return outcome;
      if (final) throw outcome;
      await wait(retryDelayMs(outcome, tries), signal);
    }
  };
}
