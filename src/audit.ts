// Auditing a Service: the factors of many identities, some at a time, results as they complete.
// Requests go through the client's shared budget, so asking for more concurrency than the account
// allows makes an audit slower, not failed.
import { VerifyArgumentError, VerifyError } from "./errors.js";
import type { EntityList, ListEntitiesOptions } from "./list-entities.js";
import type { FactorList, ListFactorsOptions } from "./list-factors.js";
import type { Factor } from "./types.js";
import { checkInteger, checkObject, checkOptional, checkServiceSid } from "./validate.js";

export interface AuditOptions {
  /** The Verify Service SID, `VA` and 32 hex digits. */
  serviceSid: string;
  /** The identities to audit, read as they are needed; default: every Entity of the Service. */
  identities?: Iterable<string> | AsyncIterable<string>;
  /** Identities in flight at once, 1 to 1000 (default 10). */
  concurrency?: number;
  /** Ends the audit: the requests in flight are aborted and iteration rejects. */
  signal?: AbortSignal;
  /** Factors (and Entities) per request. */
  pageSize?: number;
}

/** One identity's outcome: its factors, or the error that kept them from being listed. */
export type AuditResult =
  | { identity: string; factors: Factor[]; error?: undefined }
  | { identity: string; error: VerifyError; factors?: undefined };

interface Lists {
  listFactors(options: ListFactorsOptions): FactorList;
  listEntities(options: ListEntitiesOptions): EntityList;
}

const DEFAULT_CONCURRENCY = 10;

async function* identitiesOf(entities: EntityList): AsyncGenerator<string> {
  for await (const entity of entities) yield entity.identity ?? "";
}

function isIterable(value: unknown): value is Iterable<string> | AsyncIterable<string> {
  const object = value as Record<symbol, unknown> | null;
  return (
    typeof object?.[Symbol.iterator] === "function" ||
    typeof object?.[Symbol.asyncIterator] === "function"
  );
}

/** Checks the options at the call; the audit itself starts when it is iterated. */
export function auditFactors(lists: Lists, options: AuditOptions): AsyncIterable<AuditResult> {
  checkObject("options", options);
  const serviceSid = checkServiceSid(options.serviceSid);
  const concurrency =
    checkOptional(options.concurrency, (v) => checkInteger("concurrency", v, 1, 1000)) ??
    DEFAULT_CONCURRENCY;
  if (options.identities !== undefined && !isIterable(options.identities)) {
    throw new VerifyArgumentError(
      "identities",
      `is ${typeof options.identities}`,
      "an iterable or async iterable of identities",
    );
  }
  return { [Symbol.asyncIterator]: () => run(lists, { ...options, serviceSid, concurrency }) };
}

async function* run(
  lists: Lists,
  options: AuditOptions & { concurrency: number },
): AsyncGenerator<AuditResult> {
  const { serviceSid, pageSize, concurrency } = options;
  // Aborted when the caller stops early or aborts: no listing outlives the audit.
  const stop = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
  const source =
    options.identities ?? identitiesOf(lists.listEntities({ serviceSid, pageSize, signal }));
  const identities =
    Symbol.asyncIterator in source
      ? source[Symbol.asyncIterator]()
      : (source as Iterable<string>)[Symbol.iterator]();

  const auditOne = async (identity: string): Promise<AuditResult> => {
    try {
      const factors = await lists.listFactors({ serviceSid, identity, pageSize, signal }).toArray();
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
