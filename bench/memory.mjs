// Run with --expose-gc: the heap a listing keeps, sampled after a full GC every 50,000 items.
// RSS is not the measure: V8 grows it lazily and rarely gives it back.
import { parseArgs } from "node:util";
import { oursItems, rawLoop } from "./contenders.mjs";

const { values } = parseArgs({
  options: {
    url: { type: "string" },
    contender: { type: "string" },
    every: { type: "string", default: "50000" },
  },
});
const every = Number(values.every);
// twilio-node is loaded only where it is measured, and before the baseline, as the others' code is.
const { twilioList } = values.contender === "twilio-list" ? await import("./twilio.mjs") : {};
const heap = () => {
  global.gc();
  global.gc();
  return process.memoryUsage().heapUsed;
};

const baseline = heap();
let peak = 0;
const sample = (_factor, count) => {
  if (count % every === 0) peak = Math.max(peak, heap() - baseline);
};
const options = { pageSize: 1000, onItem: sample };
let kept;
if (values.contender === "ours") await oursItems(values.url, options);
else if (values.contender === "raw") await rawLoop(values.url, options);
else if (values.contender === "twilio-list") {
  kept = await twilioList(values.url, options); // list() returns everything at once
  peak = Math.max(peak, heap() - baseline);
} else throw new Error(`unknown contender ${values.contender}`);
void kept?.length;
console.log(JSON.stringify({ retainedBytes: peak }));
