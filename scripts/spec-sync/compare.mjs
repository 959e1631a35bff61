// The differences between Twilio's description and ours, fact by fact, less the ones this
// package keeps on purpose (openapi/sync-kept.yaml, each with its reason).
import { factsOf } from "./facts.mjs";
import { normalise } from "./normalise.mjs";
import { trimToOperations } from "../openapi/trim.mjs";
import { operationKeys } from "../spec-diff/type-verdict.mjs";

/** @typedef {{ id: string, theirs?: unknown, ours?: unknown }} Difference */

const isExample = (id) => / example [0-9a-f]{12}$/.test(id);

/** Whether a kept entry covers `id`: `*` stands for any text, `?` for one character. */
const covers = (kept, id) =>
  new RegExp(
    `^${kept
      .replace(/[.+^${}()|[\]\\]/g, "\\$&")
      .replace(/\*/g, ".*")
      .replace(/\?/g, ".")}$`,
  ).test(id);

/**
 * Every difference between `twilio` (its whole description) and `ours`, in the operations ours
 * covers, and which kept entries matched none (stale reasons).
 * @returns {{ differences: Difference[], unused: string[] }}
 */
export function compareWithTwilio(twilio, ours, kept) {
  const keys = operationKeys(ours);
  const theirs = factsOf(normalise(trimToOperations(twilio, keys)), keys);
  const mine = factsOf(normalise(ours), keys);
  const differences = [];
  for (const id of new Set([...theirs.keys(), ...mine.keys()])) {
    const [a, b] = [theirs.get(id), mine.get(id)];
    if (
      a !== undefined &&
      b !== undefined &&
      (isExample(id) || JSON.stringify(a) === JSON.stringify(b))
    )
      continue;
    differences.push({
      id,
      ...(a !== undefined && { theirs: a }),
      ...(b !== undefined && { ours: b }),
    });
  }
  const used = new Set();
  const left = differences.filter((difference) => {
    const entry = kept.find((k) => covers(k.id, difference.id));
    if (entry) used.add(entry.id);
    return !entry;
  });
  return { differences: left, unused: kept.map((k) => k.id).filter((id) => !used.has(id)) };
}
