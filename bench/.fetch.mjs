import { createVerifyClient } from "verify-factors";
const svc = "VA" + "0".repeat(31) + "1", id = "fake-identity-0001";
const body = JSON.stringify({ factors: [], meta: { next_page_url: null } });
const cases = {
  strings: () => ({ status: 200, headers: new Headers({ "content-type": "application/json" }), body: new ReadableStream({ start(c) { c.enqueue(body); c.close(); } }) }),
  numbers: () => new Response(new ReadableStream({ start(c) { c.enqueue(42); c.close(); } })),
  erroring: () => new Response(new ReadableStream({ start(c) { c.enqueue(new TextEncoder().encode("{")); c.error(new Error("boom")); } })),
  arraybuf: () => new Response(new ReadableStream({ start(c) { c.enqueue(new TextEncoder().encode(body).buffer); c.close(); } })),
  nullproto: () => Object.assign(Object.create(null), { status: 200, headers: new Headers(), body: null }),
  throwsSync: () => { throw new TypeError("sync throw"); },
  resolvesNull: () => null,
  headersPlain: () => ({ status: 200, headers: { get: () => null }, body: null }),
};
for (const [name, make] of Object.entries(cases)) {
  const client = createVerifyClient({ accountSid: "AC" + "0".repeat(31) + "1", authToken: "t", maxRetries: 1, fetch: async () => make() });
  const t = Date.now();
  try { const r = await client.listFactors({ serviceSid: svc, identity: id }).toArray(); console.log(name, "OK", r.length); }
  catch (e) { console.log(name, e.constructor.name, e.message.slice(0, 200), Date.now() - t, "ms"); }
}
