import { startFakeVerify } from "./.build/fake-verify.mjs";
import { oursItems, oursPages, rawLoop } from "./contenders.mjs";
const total = 100000;
const server = await startFakeVerify({ total, memoize: true });
const which = process.argv.slice(2);
const fns = { raw: (u) => rawLoop(u, { pageSize: 1000 }), pages: (u) => oursPages(u, { pageSize: 1000 }),
  pagesNP: (u) => oursPages(u, { pageSize: 1000, prefetch: false }), items: (u) => oursItems(u, { pageSize: 1000 }),
  itemsNP: (u) => oursItems(u, { pageSize: 1000, prefetch: false }) };
const t = Object.fromEntries(which.map((w) => [w, []]));
for (const w of which) await fns[w](server.url);
for (let r = 0; r < 15; r++) for (const w of (r % 2 ? [...which].reverse() : which)) {
  gc(); const s = performance.now(); const c = await fns[w](server.url); if (c !== total) throw 1; t[w].push(performance.now() - s);
}
const med = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
for (const w of which) console.log(w, med(t[w]).toFixed(0), t[w].map((x) => x.toFixed(0)).join(" "));
await server.close();
