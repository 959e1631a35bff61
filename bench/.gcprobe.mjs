import { PerformanceObserver, constants } from "node:perf_hooks";
import { startFakeVerify } from "./.build/fake-verify.mjs";
import { oursItems, oursPages, rawLoop } from "./contenders.mjs";
const total = 100000;
const server = await startFakeVerify({ total, memoize: true });
const which = process.argv.slice(2);
const fns = { raw: (u) => rawLoop(u, { pageSize: 1000 }), pages: (u) => oursPages(u, { pageSize: 1000 }),
  pagesNP: (u) => oursPages(u, { pageSize: 1000, prefetch: false }), items: (u) => oursItems(u, { pageSize: 1000 }),
  itemsNP: (u) => oursItems(u, { pageSize: 1000, prefetch: false }) };
let cur = { minor: 0, major: 0, gcms: 0 };
new PerformanceObserver((l) => { for (const e of l.getEntries()) { const k = e.detail.kind === constants.NODE_PERFORMANCE_GC_MAJOR ? "major" : "minor"; cur[k]++; cur.gcms += e.duration; } }).observe({ entryTypes: ["gc"] });
const t = Object.fromEntries(which.map((w) => [w, []]));
for (const w of which) await fns[w](server.url);
for (let r = 0; r < 12; r++) for (const w of (r % 2 ? [...which].reverse() : which)) {
  gc(); await new Promise((r) => setTimeout(r, 5)); cur = { minor: 0, major: 0, gcms: 0 };
  const s = performance.now(); const c = await fns[w](server.url); if (c !== total) throw 1;
  const ms = performance.now() - s; await new Promise((r) => setTimeout(r, 5)); t[w].push([ms, cur]);
}
const med = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
for (const w of which) console.log(w, "med", med(t[w].map((x) => x[0])).toFixed(0), "major", med(t[w].map((x) => x[1].major)), "minor", med(t[w].map((x) => x[1].minor)), "gcms", med(t[w].map((x) => x[1].gcms)).toFixed(0), "|", t[w].map((x) => `${x[0].toFixed(0)}/${x[1].major}/${x[1].minor}`).join(" "));
await server.close();
