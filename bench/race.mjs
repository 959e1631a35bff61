// Races contenders fairly: the same rounds for each, in alternating order, each after a full GC.
export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Warm-up once, then rounds in alternating order (A B C, C B A, ...); median time of each. */
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
  return Object.fromEntries(Object.entries(times).map(([name, ts]) => [name, median(ts)]));
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
