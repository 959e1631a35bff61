// Auditing a Service: the factors of many identities, some at a time, results as they complete.
// Requests go through the client's shared budget, so asking for more concurrency than the account
// allows makes an audit slower, not failed.
import { checkIdentity } from "../checks.js";
import { VerifyError } from "../errors.js";
import type { AuditSettings, ListSettings } from "../options/settings.js";
import type { EntityList } from "../paging/list-entities.js";
import type { FactorList } from "../paging/list-factors.js";
import type { Entity, Factor } from "../types.js";

/** One identity's outcome: its factors, or the error that kept them from being listed. */
export type AuditResult =
  | { identity: string; factors: Factor[]; error?: undefined }
  | { identity: string; error: VerifyError; factors?: undefined };

/** The client's lists, taking settings already checked. */
export interface Lists {
  factors(path: { ServiceSid: string; Identity: string }, list: ListSettings): FactorList;
  entities(path: { ServiceSid: string }, list: ListSettings): EntityList;
}

/** An Entity's identity to audit; one that is not a string is audited as "", which fails its check. */
export const identityOf = (entity: Entity): string =>
  typeof entity.identity === "string" ? entity.identity : "";

async function* identitiesOf(entities: EntityList): AsyncGenerator<string> {
  for await (const entity of entities) yield identityOf(entity);
}

/** The audit of `settings`, started when it is iterated. */
export function auditFactors(lists: Lists, settings: AuditSettings): AsyncIterable<AuditResult> {
  return { [Symbol.asyncIterator]: () => run(lists, settings) };
}

async function* run(lists: Lists, settings: AuditSettings): AsyncGenerator<AuditResult> {
  const { serviceSid, pageSize, concurrency } = settings;
  // Aborted when the caller stops early or aborts: no listing outlives the audit.
  const stop = new AbortController();
  const signal = settings.signal ? AbortSignal.any([settings.signal, stop.signal]) : stop.signal;
  const list: ListSettings = {
    ...settings,
    signal,
    start: { pageSize, remaining: Infinity },
    prefetch: true,
  };
  const source =
    settings.identities ?? identitiesOf(lists.entities({ ServiceSid: serviceSid }, list));
  const identities =
    Symbol.asyncIterator in source
      ? source[Symbol.asyncIterator]()
      : (source as Iterable<string>)[Symbol.iterator]();

  const auditOne = async (identity: string): Promise<AuditResult> => {
    try {
      const path = { ServiceSid: serviceSid, Identity: checkIdentity(identity) };
      const factors = await lists.factors(path, list).toArray();
      return { identity, factors };
    } catch (error) {
      // One identity's failure is its result; the caller's abort ends the audit.
      if (signal.aborted || !(error instanceof VerifyError)) throw error;
      return { identity, error };
    }
  };

  const running = new Map<number, Promise<[number, AuditResult]>>();
  let started = 0;
  let more = true;
  const fill = async () => {
    while (more && running.size < concurrency) {
      const step = await identities.next();
      if (step.done) {
        more = false;
        return;
      }
      const id = started++;
      running.set(
        id,
        auditOne(String(step.value)).then((result) => [id, result]),
      );
    }
  };
  try {
    await fill();
    while (running.size > 0) {
      const [id, result] = await Promise.race(running.values());
      running.delete(id);
      yield result;
      await fill();
    }
  } finally {
    stop.abort();
    await identities.return?.();
  }
}
