// What the audit's HTML report lists beside the counts: the Entities with no factors, the
// failures, and the unverified factors older than --stale-days. Each list keeps its first
// LISTED entries and counts the rest, so memory stays bounded however large the Service.
import type { AuditResult } from "../../index.js";
import { cut, textOf } from "../../shown.js";
import { IDENTITY_KEPT } from "../terminal.js";

export const LISTED = 1000;
export const DAY_MS = 86_400_000;

/** A list that keeps its first LISTED items and counts them all. */
export interface Bounded<T> {
  items: T[];
  total: number;
}

/** A stale factor as the report shows it: the server's text, each field cut to KEPT_LENGTH. */
export interface StaleFactor {
  identity: string;
  sid: string | null;
  factor_type: string | null;
  friendly_name: string | null;
  date_created: string;
}

/**
 * The most characters of a server's text a listed entry keeps (Twilio's fields are 64 at most), and
 * of an error's line (with its link and request id): the lists hold 1,000 entries each for the
 * length of the audit, whatever a server sends.
 */
export const [KEPT_LENGTH, KEPT_MESSAGE_LENGTH] = [100, 1000];

const kept = (value: unknown) =>
  value === null || value === undefined ? null : cut(textOf(value), KEPT_LENGTH);

export interface Findings {
  staleDays: number;
  /** The moment factors are aged from: `date_created` before `staleDays` days earlier is stale. */
  now: Date;
  noFactors: Bounded<string>;
  failures: Bounded<{ identity: string; message: string }>;
  stale: Bounded<StaleFactor>;
  /** Unverified factors whose `date_created` is missing or not a date: their age is unknown. */
  undated: number;
}

const bounded = <T>(): Bounded<T> => ({ items: [], total: 0 });
const push = <T>(list: Bounded<T>, item: T) => {
  if (list.items.length < LISTED) list.items.push(item);
  list.total++;
};

export function createFindings(staleDays: number, now: Date): Findings {
  return {
    staleDays,
    now,
    noFactors: bounded(),
    failures: bounded(),
    stale: bounded(),
    undated: 0,
  };
}

/** Notes one audit result; `describe` words a failure as the command does on stderr. */
export function note(findings: Findings, result: AuditResult, describe: (e: Error) => string) {
  if (result.error) {
    const { identity, error } = result;
    const message = cut(describe(error), KEPT_MESSAGE_LENGTH);
    push(findings.failures, { identity: cut(identity, IDENTITY_KEPT), message });
    return;
  }
  if (result.factors.length === 0) push(findings.noFactors, result.identity);
  const cutoff = findings.now.getTime() - findings.staleDays * DAY_MS;
  for (const factor of result.factors) {
    if (factor.status !== "unverified") continue;
    // A server may send anything: only a string is read as a date.
    const created = typeof factor.date_created === "string" ? Date.parse(factor.date_created) : NaN;
    if (Number.isNaN(created)) findings.undated++;
    else if (created < cutoff) {
      push(findings.stale, {
        identity: result.identity,
        sid: kept(factor.sid),
        factor_type: kept(factor.factor_type),
        friendly_name: kept(factor.friendly_name),
        date_created: cut(factor.date_created!, KEPT_LENGTH),
      });
    }
  }
}
