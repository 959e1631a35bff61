// Auditing a Service: the factors of many identities, some at a time, results as they complete.
// Requests go through the client's shared budget, so asking for more concurrency than the account
// allows makes an audit slower, not failed.
import { checkIdentity } from "../checks.js";
import { VerifyApiError } from "../api-error.js";
import { VerifyAbortError, VerifyConnectionError, VerifyError } from "../errors.js";
import { refusedByTls } from "../http/retry-policy.js";
import { follow, letGo } from "../http/signals.js";
import type { AuditSettings, ListSettings } from "../options/settings.js";
import type { EntityList } from "../paging/list-entities.js";
import type { FactorList } from "../paging/list-factors.js";
import { entityFactors } from "./entity-factors.js";
import { checkStep, identitiesOf, iteratorOf } from "./identity-source.js";
import type { Entity, Factor } from "../types.js";

/**
 * One identity's outcome: its factors, or the error that kept them from being listed. `index` is
 * its place in the input (0 for the first identity given or the first Entity listed), since
 * results come in the order they complete. An input that is not a string has `identity` "" and
 * an error saying what it was.
 */
export type AuditResult =
  | { identity: string; index: number; factors: Factor[]; error?: undefined }
  | { identity: string; index: number; error: VerifyError; factors?: undefined };

/** The client's lists, taking settings already checked. */
export interface Lists {
  factors(path: { ServiceSid: string; Identity: string }, list: ListSettings): FactorList;
  entities(path: { ServiceSid: string }, list: ListSettings): EntityList;
}

/**
 * Whether every other identity would fail the same way: the credentials refused (401), the
 * account denied the Service (403), or TLS refusing the server. Such an error ends the audit
 * rather than failing each identity in turn.
 */
const failsEveryIdentity = (error: VerifyError) =>
  error instanceof VerifyApiError
    ? error.status === 401 || error.status === 403
    : error instanceof VerifyConnectionError && refusedByTls(error);

/** The audit of `settings`, started when it is iterated. */
export function auditFactors(lists: Lists, settings: AuditSettings): AsyncIterable<AuditResult> {
  return { [Symbol.asyncIterator]: () => run(lists, settings) };
}

async function* run(lists: Lists, settings: AuditSettings): AsyncGenerator<AuditResult> {
  const { serviceSid, pageSize, concurrency } = settings;
  // Aborted when the caller stops early or aborts: no listing outlives the audit.
  const stop = new AbortController();
  const unlink = follow(settings.signal, stop);
  const { signal } = stop;
  const list: ListSettings = {
    ...settings,
    signal,
    start: { pageSize, remaining: Infinity },
    prefetch: true,
  };
  const source =
    settings.identities ?? identitiesOf(lists.entities({ ServiceSid: serviceSid }, list));
  const identities = iteratorOf(source);

  // Each listing and each pull from the source settles into this state the moment it ends, so
  // no rejection goes unhandled, a slow source holds back no finished result, and the caller's
  // abort is seen at once; the loop below only hands out what is ready.
  const ready: AuditResult[] = [];
  let failure: { error: unknown } | undefined;
  let [inFlight, taken, pulling, exhausted] = [0, 0, false, false];
  let wake = () => {};
  const settle = () => wake();
  const fail = (error: unknown) => (failure ??= { error });
  const auditOne = async (given: unknown, index: number): Promise<AuditResult> => {
    const identity = typeof given === "string" ? given : "";
    try {
      const path = { ServiceSid: serviceSid, Identity: checkIdentity(given) };
      const factors = await entityFactors(lists.factors(path, list));
      return { identity, index, factors };
    } catch (error) {
      // One identity's failure is its result; the caller's abort ends the audit.
      if (signal.aborted || !(error instanceof VerifyError)) throw error;
      if (failsEveryIdentity(error)) fail(error);
      return { identity, index, error };
    }
  };
  const start = (identity: unknown) => {
    inFlight++;
    auditOne(identity, taken++)
      .then((result) => void ready.push(result), fail)
      .finally(() => {
        inFlight--;
        settle();
      });
  };
  const pull = () => {
    if (pulling || exhausted || failure || inFlight >= concurrency) return;
    pulling = true;
    // Through a promise: a plain iterable's next() may throw, and its result is not one.
    Promise.resolve()
      .then(() => identities.next())
      .then((step) => (checkStep(step).done ? (exhausted = true) : start(step.value)))
      .catch(fail)
      .finally(() => {
        pulling = false;
        settle();
      });
  };
  const caller = settings.signal;
  caller?.addEventListener("abort", settle);
  try {
    for (;;) {
      if (caller?.aborted) throw new VerifyAbortError(caller.reason);
      pull();
      if (ready.length > 0) {
        yield ready.shift()!;
        continue;
      }
      // A failure ends the audit once every identity already taken has its result: none is lost.
      const idle = inFlight === 0 && !pulling;
      if (idle && failure) throw failure.error;
      if (idle && exhausted) return;
      await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    caller?.removeEventListener("abort", settle);
    unlink();
    stop.abort();
    // The source may be waiting for its next identity, or fail to close: the audit waits for
    // neither, and what the source throws is not the audit's outcome.
    letGo(() => identities.return?.(undefined));
  }
}
