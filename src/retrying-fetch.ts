import { attempt, type AttemptLimits, type SendOnce } from "./attempt.js";
import { createLog, shownUrl, type Log } from "./log.js";
import { createRateBudget, type RateBudget } from "./rate-budget.js";
import { retryDelayMs, shouldRetry } from "./retry-policy.js";
import { sleep } from "./signals.js";

export interface RetryOptions extends AttemptLimits {
  send: SendOnce;
  maxRetries: number;
  /** The budget every attempt of this client takes a place in (default: one of its own). */
  budget?: RateBudget;
  /** Waits between attempts; tests pass one that records instead of sleeping. */
  wait?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Where attempts and retries are told (default: nowhere). */
  log?: Log;
}

const silent = createLog(console, "off");

/** An attempt's outcome in a log line: the status, or why there was none. */
const outcomeOf = (outcome: Response | Error) =>
  outcome instanceof Response ? `HTTP ${outcome.status}` : outcome.message;

/** What one call may change for itself, and hear back. */
export interface CallOptions {
  maxRetries?: number;
  timeoutMs?: number;
  /** Told how many attempts the call took, when it ends with an answer. */
  attempts?: (count: number) => void;
}

/**
 * A `fetch` that retries; `signal` (by default the request's own) cancels it all; `call` overrides
 * the client's retries and timeout for this call only.
 */
export type RetryingFetch = (
  request: Request,
  signal?: AbortSignal,
  call?: CallOptions,
) => Promise<Response>;

/**
 * Tries `request` until an answer is final or the retries run out. The signal comes apart from
 * the Request so a listing can pass its own without building a second signal-bearing Request
 * per page, which undici makes costly.
 */
export function createRetryingFetch({
  send,
  maxRetries,
  budget = createRateBudget(),
  wait = sleep,
  log = silent,
  ...limits
}: RetryOptions): RetryingFetch {
  return async function retryingFetch(request, signal = request.signal, call = {}) {
    const retries = call.maxRetries ?? maxRetries;
    const bounds = { ...limits, timeoutMs: call.timeoutMs ?? limits.timeoutMs };
    for (let tries = 0; ; tries++) {
      signal.throwIfAborted();
      const release = await budget.acquire(signal);
      const started = performance.now();
      const outcome = await attempt(send, request, signal, bounds);
      const delay = retryDelayMs(outcome, tries);
      log.debug(() => {
        const id = outcome instanceof Response ? outcome.headers.get("twilio-request-id") : null;
        const ms = Math.round(performance.now() - started);
        return `${request.method} ${shownUrl(request.url)} -> ${outcomeOf(outcome)} (attempt ${tries + 1}, ${ms} ms${id ? `, ${id}` : ""})`;
      });
      // Told while still counted in flight, so the budget knows how many the server refused.
      if (outcome instanceof Response && outcome.status === 429) budget.limited(delay);
      release();
      // A cancelled call ends with the caller's reason, whatever the attempt saw.
      signal.throwIfAborted();
      const final = tries >= retries || !shouldRetry(outcome);
      if (final && outcome instanceof Response) {
        call.attempts?.(tries + 1);
        return outcome;
      }
      if (final) throw outcome;
      log.info(
        () =>
          `${request.method} ${shownUrl(request.url)}: ${outcomeOf(outcome)}; retrying in ${Math.round(delay)} ms (retry ${tries + 1} of ${retries})`,
      );
      await wait(delay, signal);
    }
  };
}
