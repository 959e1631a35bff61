// A Twilio-like List Factors server for benchmarks, run in its own process so that its work
// does not compete with the client's event loop. Every page is serialised before it listens,
// so answering costs one write. Prints {"url": ...} on stdout when ready.
import { createServer } from "node:http";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: {
    total: { type: "string", default: "1000" },
    "page-size": { type: "string", default: "50" },
    "latency-ms": { type: "string", default: "0" },
  },
});
const total = Number(values.total);
const pageSize = Number(values["page-size"]);
const latencyMs = Number(values["latency-ms"]);
export const SERVICE_SID = "VA" + "0".repeat(31) + "1";
export const IDENTITY = "bench-identity-0001";
const path = `/v2/Services/${SERVICE_SID}/Entities/${IDENTITY}/Factors`;

const hex32 = (n) => n.toString(16).padStart(32, "0");
function factor(i) {
  const sid = "YF" + hex32(i);
  return {
    sid,
    account_sid: "AC" + hex32(1),
    service_sid: SERVICE_SID,
    entity_sid: "YE" + hex32(1),
    identity: IDENTITY,
    date_created: "2015-07-30T20:00:00Z",
    date_updated: "2015-07-30T20:00:00Z",
    friendly_name: `device ${i}`,
    status: "verified",
    factor_type: "totp",
    config: { alg: "sha1", skew: 1, time_step: 30, code_length: 6 },
    metadata: null,
    url: `https://verify.twilio.com${path}/${sid}`,
  };
}

const server = createServer();
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const origin = `http://127.0.0.1:${server.address().port}`;
const pageCount = Math.max(1, Math.ceil(total / pageSize));
const link = (page) => `${origin}${path}?PageSize=${pageSize}&Page=${page}&PageToken=PT${page}`;
const pages = Array.from({ length: pageCount }, (_, page) => {
  const factors = [];
  for (let i = page * pageSize; i < Math.min(total, (page + 1) * pageSize); i++)
    factors.push(factor(i));
  return Buffer.from(
    JSON.stringify({
      factors,
      meta: {
        page,
        page_size: pageSize,
        first_page_url: `${origin}${path}?PageSize=${pageSize}&Page=0`,
        previous_page_url: page > 0 ? link(page - 1) : null,
        url: link(page),
        next_page_url: page + 1 < pageCount ? link(page + 1) : null,
        key: "factors",
      },
    }),
  );
});

server.on("request", (req, res) => {
  const page = Number(/[?&]Page=(\d+)/.exec(req.url)?.[1] ?? 0);
  const body = pages[page];
  const send = () => {
    if (!body) {
      res.writeHead(404, { "content-type": "application/json" }).end('{"code":20404}');
      return;
    }
    res.writeHead(200, { "content-type": "application/json", "content-length": body.length });
    res.end(body);
  };
  if (latencyMs) setTimeout(send, latencyMs);
  else send();
});
console.log(JSON.stringify({ url: origin }));
