import type { CallSettings, ClientSettings } from "../options/settings.js";
import { requestIdOf, withoutUserinfo } from "../shown.js";
import { attempt } from "./attempt.js";
import { basicAuth } from "./credentials.js";
import type { RateBudget } from "./rate-budget.js";
import type { ReadResponse } from "./read-response.js";
import { retryDelayMs, shouldRetry, type Outcome } from "./retry-policy.js";
import { checkPathFilled } from "./serializers.js";
import { sleep } from "./signals.js";

/**
 * openapi-fetch's `fetch`: tries a request until its response is final or the retries run out,
 * with the credentials added to each attempt. `call` (default: the client's settings and the
 * request's own signal) is what a listing sets for its requests.
 */
export type RetryingFetch = (request: Request, call?: CallSettings) => Promise<ReadResponse>;

/** Waits between attempts; tests pass one that records instead of sleeping. */
export type Wait = (ms: number, signal: AbortSignal) => Promise<void>;

/** An attempt's outcome in a log line: the status, or why there was none. */
const outcomeOf = (outcome: Outcome) =>
  outcome instanceof Response ? `HTTP ${outcome.status}` : outcome.message;

export function createRetryingFetch(
  client: ClientSettings,
  budget: RateBudget,
  wait: Wait = sleep,
): RetryingFetch {
  const { send, log, maxResponseBytes } = client;
  const authorize = basicAuth(client.baseUrl, client.accountSid, client.authToken);
  return async function retryingFetch(request, call = client.call) {
    checkPathFilled(request.url);
    const signal = call.signal ?? request.signal;
    const limits = { timeoutMs: call.timeoutMs, maxResponseBytes };
    const headers = authorize(request);
    const shown = `${request.method} ${withoutUserinfo(request.url)}`;
    for (let tries = 0; ; tries++) {
      signal.throwIfAborted();
      const place = await budget.acquire(signal);
      let outcome: ReadResponse | Error;
      let delay: number;
      try {
        const started = performance.now();
        outcome = await attempt(send, request, headers, signal, limits);
        delay = retryDelayMs(outcome, tries);
        // Told while still counted in flight, so the budget knows how many the server refused.
        if (outcome instanceof Response && outcome.status === 429) place.refused(delay);
        const ms = Math.round(performance.now() - started);
        const id = outcome instanceof Response ? requestIdOf(outcome.headers) : undefined;
        log.debug(
          () =>
            `${shown} -> ${outcomeOf(outcome)} (attempt ${tries + 1}, ${ms} ms${id ? `, ${id}` : ""})`,
        );
      } finally {
        place.release();
      }
      // A cancelled call ends with the caller's reason, whatever the attempt saw.
      signal.throwIfAborted();
      const final = tries >= call.maxRetries || !shouldRetry(outcome);
      if (final && !(outcome instanceof Error)) {
        outcome.attempts = tries + 1;
        return outcome;
      }
      if (final) throw outcome;
      log.info(
        () =>
          `${shown}: ${outcomeOf(outcome)}; retrying in ${Math.round(delay)} ms (retry ${tries + 1} of ${call.maxRetries})`,
      );
      await wait(delay, signal);
    }
  };
}
