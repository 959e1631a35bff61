// "Did you mean": the known name closest to a mistyped one, when one is close enough.

/** Edits (insert, delete, replace one character) that turn `a` into `b`. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const replace = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      row.push(Math.min(replace, previous[j]! + 1, row[j - 1]! + 1));
    }
    previous = row;
  }
  return previous[b.length]!;
}

/**
 * The closest of `known` to `name`, if within a third of its length (at least 2 edits); failing
 * that, the one name `name` begins, from 3 characters on (`--service` for `--service-sid`). Case
 * does not count: `--OUTPUT` is a slip for `--output`, not a different word.
 */
export function closest(name: string, known: Iterable<string>): string | undefined {
  const typed = name.toLowerCase();
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.ceil(name.length / 3)) + 1;
  const begun = new Set<string>();
  for (const candidate of known) {
    const lower = candidate.toLowerCase();
    const distance = editDistance(typed, lower);
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
    if (typed.length >= 3 && lower.startsWith(typed)) begun.add(candidate);
  }
  return best ?? (begun.size === 1 ? [...begun][0] : undefined);
}
