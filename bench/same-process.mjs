// Run with --expose-gc: the fake server in this very process, answering from memory, so it no
// longer works in parallel with the client and the client's own CPU cost per factor shows in full.
// A fresh process, so nothing an earlier scenario left on the heap is collected during this one.
// Prints each contender's times, round by round, as JSON.
import { parseArgs } from "node:util";
import { startFakeVerify } from "./.build/fake-verify.mjs";
import { oursItems, oursPages, oursSteady, rawLoop } from "./contenders.mjs";
import { raceListings } from "./race.mjs";

const { values } = parseArgs({
  options: {
    total: { type: "string" },
    rounds: { type: "string" },
    "ours-first": { type: "boolean" },
  },
});
const total = Number(values.total);
const server = await startFakeVerify({ total, memoize: true });
// Steady state: 20 listings back to back, each a twentieth of the factors, the client reused.
const LISTINGS = 20;
const twentieth = await startFakeVerify({ total: total / LISTINGS, memoize: true });
const backToBack = (listOne) => async (_url, options) => {
  let count = 0;
  for (let i = 0; i < LISTINGS; i++) count += await listOne(twentieth.url, options);
  return count;
};
const named = [
  ["raw fetch loop (limit)", rawLoop],
  ["verify-factors items", oursItems],
  ["verify-factors pages()", oursPages],
  ["raw fetch loop, 20 listings back to back", backToBack(rawLoop)],
  ["verify-factors items, 20 listings back to back", backToBack(oursSteady())],
];
// Which contender lists first in a process can run faster for the rest of it: run.mjs has the
// processes take turns.
if (values["ours-first"]) named.reverse();
try {
  const ms = await raceListings(named, server.url, total, Number(values.rounds));
  console.log(JSON.stringify(ms));
} finally {
  await Promise.all([server.close(), twentieth.close()]);
}
