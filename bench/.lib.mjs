import { createVerifyClient, VerifyError } from "verify-factors";
const creds = { accountSid: "AC" + "0".repeat(31) + "1", authToken: "fake_token", baseUrl: "http://127.0.0.1:9", maxRetries: 0, timeoutMs: 200 };
const svc = "VA" + "0".repeat(31) + "1", id = "fake-identity-0001";
const weird = [undefined, null, 0, -1, 1.5, NaN, Infinity, "", "x", [], {}, () => {}, Symbol("s"), 10n, true, new Proxy({}, { get() { throw new Error("trap"); } }), Object.create(null), new Date(), /x/, "\ud800", "a".repeat(1e6)];
const show = (v) => { try { return typeof v === "symbol" ? "Symbol" : typeof v === "bigint" ? "10n" : typeof v === "string" ? JSON.stringify(v.slice(0, 10)) : v === null ? "null" : Array.isArray(v) ? "[]" : typeof v === "function" ? "fn" : typeof v === "object" ? Object.prototype.toString.call(v) : String(v); } catch { return "proxy"; } };
const bad = [];
async function probe(label, fn) {
  try { const r = fn(); if (r && typeof r.then === "function") await r; else if (r && r[Symbol.asyncIterator]) { for await (const _ of r) break; } }
  catch (e) { if (!(e instanceof VerifyError)) bad.push(`${label}: ${e?.constructor?.name} ${String(e?.message).slice(0, 150)}`); }
}
const clientOpts = ["accountSid", "authToken", "baseUrl", "maxRetries", "timeoutMs", "headers", "fetch", "logger", "logLevel", "maxConcurrency", "maxResponseBytes"];
for (const k of clientOpts) for (const v of weird) await probe(`client.${k}=${show(v)}`, () => createVerifyClient({ ...creds, [k]: v }));
for (const v of weird) await probe(`client(${show(v)})`, () => createVerifyClient(v));
const client = createVerifyClient(creds);
const listOpts = ["serviceSid", "identity", "pageSize", "limit", "page", "pageToken", "prefetch", "signal", "maxRetries", "timeoutMs", "headers"];
for (const k of listOpts) for (const v of weird) {
  await probe(`listFactors.${k}=${show(v)}`, () => client.listFactors({ serviceSid: svc, identity: id, [k]: v }).firstPage());
  await probe(`listFactors.${k}=${show(v)} iter`, () => client.listFactors({ serviceSid: svc, identity: id, [k]: v }));
  await probe(`listEntities.${k}=${show(v)}`, () => client.listEntities({ serviceSid: svc, [k]: v }).toArray());
}
for (const v of weird) { await probe(`listFactors(${show(v)})`, () => client.listFactors(v)); await probe(`listEntities(${show(v)})`, () => client.listEntities(v)); }
const auditOpts = ["serviceSid", "identities", "concurrency", "pageSize", "signal", "maxRetries", "timeoutMs", "headers"];
for (const k of auditOpts) for (const v of weird) await probe(`audit.${k}=${show(v)}`, async () => { for await (const _ of client.auditFactors({ serviceSid: svc, identities: [id], [k]: v })) break; });
for (const v of weird) await probe(`audit identities=[${show(v)}]`, async () => { for await (const r of client.auditFactors({ serviceSid: svc, identities: [v] })) { if (r.error && !(r.error instanceof VerifyError)) throw r.error; } });
for (const v of weird) await probe(`audit(${show(v)})`, async () => { for await (const _ of client.auditFactors(v)) break; });
// api GET
for (const v of weird) await probe(`api.GET params=${show(v)}`, () => client.api.GET("/v2/Services/{ServiceSid}/Entities/{Identity}/Factors", v));
console.log(bad.length ? bad.join("\n") : "no non-Verify errors");
