// Races contenders fairly: the same rounds for each, in alternating order, each after a full GC.
export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The middle half of `xs`: its 25th and 75th percentiles, the spread a figure is stated with. */
export function quartiles(xs) {
  const sorted = [...xs].sort((a, b) => a - b);
  const at = (q) => sorted[Math.round(q * (sorted.length - 1))];
  return [at(0.25), at(0.75)];
}

/** `a[i] / b[i]` round by round: interleaved rounds pair up, so a ratio's spread is its own. */
export const ratios = (a, b) => a.map((x, i) => x / b[i]);

/** Warm-up once, then rounds in alternating order (A B C, C B A, ...); each one's times, in rounds. */
export async function race(named, run, rounds) {
  const times = Object.fromEntries(named.map(([name]) => [name, []]));
  for (const [, fn] of named) await run(fn);
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? named : [...named].reverse();
    for (const [name, fn] of order) {
      // A full GC first (node --expose-gc), so no contender pays for the garbage of the one before:
      // without it, twilio-node's 100,000 instances were collected during whoever ran next.
      globalThis.gc?.();
      const started = performance.now();
      const count = await run(fn);
      times[name].push(performance.now() - started);
      if (count === undefined) throw new Error(`${name} returned no count`);
    }
  }
  return times;
}

/** Races listings of all `total` factors at `url`, PageSize=1000, each checked to list them all. */
export function raceListings(named, url, total, rounds) {
  const run = async (fn) => {
    const count = await fn(url, { pageSize: 1000 });
    if (count !== total) throw new Error(`listed ${count} of ${total}`);
    return count;
  };
  return race(named, run, rounds);
}
