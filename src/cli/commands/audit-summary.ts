// What an audit counts as it goes, to answer "who is protected by MFA": every Entity it took up
// is in exactly one of withVerified, onlyUnverified, noFactors and failed.
import type { Factor } from "../../index.js";
import { cut, snippet, textOf } from "../../shown.js";
import { visible } from "../terminal.js";

export interface Coverage {
  entities: number;
  /** Entities with at least one verified factor. */
  withVerified: number;
  /** Entities with factors, none of them verified. */
  onlyUnverified: number;
  noFactors: number;
  failed: number;
  /** Factors seen, by `type/status`, by type and by status. */
  factors: {
    total: number;
    byTypeAndStatus: Record<string, number>;
    byType: Record<string, number>;
    byStatus: Record<string, number>;
  };
}

const add = (counts: Record<string, number>, key: string) => (counts[key] = (counts[key] ?? 0) + 1);
/** Counts keyed by a server's words: with no prototype, "__proto__" is a key like any other. */
const counts = (): Record<string, number> => Object.create(null);

export function createCoverage(): Coverage {
  return {
    entities: 0,
    withVerified: 0,
    onlyUnverified: 0,
    noFactors: 0,
    failed: 0,
    factors: { total: 0, byTypeAndStatus: counts(), byType: counts(), byStatus: counts() },
  };
}

/** The status that makes an Entity protected, as the spec spells it: a rename fails the build. */
const VERIFIED = "verified" satisfies Factor["status"];

/**
 * The longest a type or status is kept in the counts (and the checkpoint); a longer one is cut
 * there, with "…". Twilio's are a word each: the bound keeps a hostile server's from being held,
 * each whole, for the length of the audit.
 */
export const MAX_WORD_LENGTH = 64;

/** A server's word in a key, with "%" and "/" escaped as in a URL: a key splits at its one "/". */
const word = (value: unknown) =>
  // Cut before escaping, so no escape is cut in two.
  cut(textOf(value), MAX_WORD_LENGTH).replace(/[%/]/g, encodeURIComponent);

/** An Entity's factors as the counts need them: `type/status` each. */
export const factorKeys = (factors: Factor[]): string[] =>
  factors.map(({ factor_type, status }) => `${word(factor_type)}/${word(status)}`);

/** A `type/status` key (`factorKeys`) split at its one "/". */
export function typeAndStatus(key: string): [type: string, status: string] {
  const slash = key.lastIndexOf("/");
  return [key.slice(0, slash), key.slice(slash + 1)];
}

/** Counts one Entity: its factors' `type/status` keys (`factorKeys`), or `undefined` when it failed. */
export function count(coverage: Coverage, keys: string[] | undefined): void {
  coverage.entities++;
  if (!keys) {
    coverage.failed++;
    return;
  }
  if (keys.some((key) => key.endsWith(`/${VERIFIED}`))) coverage.withVerified++;
  else if (keys.length > 0) coverage.onlyUnverified++;
  else coverage.noFactors++;
  for (const key of keys) {
    const [type, status] = typeAndStatus(key);
    coverage.factors.total++;
    add(coverage.factors.byTypeAndStatus, key);
    add(coverage.factors.byType, type);
    add(coverage.factors.byStatus, status);
  }
}

/**
 * What the summary line shows of the type/status counts, all of which `--summary` writes: Twilio
 * has six, and a hostile server's types could make the line megabytes long.
 */
const [SHOWN_KEYS, SHOWN_KEY_LENGTH] = [12, 60];

/** The summary line on stderr; `before`: Entities an earlier run of a resumed audit counted. */
export function summary(
  coverage: Coverage,
  rows: number,
  before = 0,
  checkpointed = false,
): string {
  const { entities, withVerified, onlyUnverified, noFactors, failed } = coverage;
  const resumed = before > 0 ? ` (${before} before this run, ${entities - before} now)` : "";
  const keys = Object.entries(coverage.factors.byTypeAndStatus);
  const shown = keys
    .slice(0, SHOWN_KEYS)
    .map(([key, n]) => `${snippet(visible(key), SHOWN_KEY_LENGTH)} ${n}`);
  if (keys.length > SHOWN_KEYS) shown.push(`and ${keys.length - SHOWN_KEYS} more`);
  const byType = shown.join(", ") || "none";
  const noun = entities === 1 ? "entity" : "entities";
  return (
    `verify-factors: ${entities} ${noun}${resumed}: ${withVerified} with a verified factor, ` +
    `${onlyUnverified} with only unverified factors, ${noFactors} with no factors, ${failed} failed; ` +
    `factors by type/status: ${byType}; ${rows} rows written\n` +
    (checkpointed && failed > 0
      ? `verify-factors: the same command run again audits the ${failed} that failed; the checkpoint keeps the rest\n`
      : "")
  );
}
