// A Twilio-like Verify server for tests and benchmarks: a real HTTP server on 127.0.0.1 that pages
// the way Twilio does (absolute next_page_url with PageToken, `meta` as in the reference) and
// can be told to misbehave.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";

export const SERVICE_SID = "VA" + "0".repeat(31) + "1";
export const IDENTITY = "fake-identity-0001";
export const ACCOUNT_SID = "AC" + "0".repeat(31) + "1";
export const AUTH_TOKEN = "fake_auth_token_not_real";

export type Fault =
  | { status: number; body?: string; contentType?: string; retryAfter?: string; requestId?: string }
  | { delayMs: number }
  /** Answered as usual once `heldUntil` settles: in flight for as long as the test needs. */
  | { heldUntil: Promise<unknown> }
  | { hang: true }
  | { drop: "before-headers" | "mid-body" }
  | { html: true }
  | { truncated: true }
  /** A 200 whose body never ends, until the client goes away. */
  | { endless: true }
  /** A 200 that sends the start of its body, then nothing more until the client goes away. */
  | { stalled: true }
  /** A 200 of `bytes` spaces, gzip-compressed on the wire (a decompression bomb). */
  | { gzipOf: number };

export interface LoggedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  authorization?: string;
  /** Every header, as Node's server reads them (names in lower case). */
  headers: import("node:http").IncomingHttpHeaders;
  /** True when the client went away before the answer was complete. */
  aborted: boolean;
  /** When it arrived (performance.now()). */
  at: number;
}

export interface PageContext {
  page: number;
  pageSize: number;
  offset: number;
  origin: string;
}

export interface FakeOptions {
  /** How many factors the entity has. */
  total?: number;
  /** Every answer waits this long. */
  latencyMs?: number;
  /** Origin written into meta URLs (default: the server's own). */
  linkOrigin?: string;
  /** Page indexes that come back empty (still with a next page). */
  emptyPages?: number[];
  /** Rewrites `meta.next_page_url`, e.g. to repeat a cursor or drop the PageToken. */
  nextPageUrl?: (url: string | null, context: PageContext) => string | null;
  /** Rewrites each factor before it is sent. */
  factor?: (factor: Record<string, unknown>, index: number) => Record<string, unknown>;
  /** Factors for a listing when not made up from `total`. */
  factors?: Record<string, unknown>[];
  /** The Service's Entities, by identity, for List Entities (default: none). */
  identities?: string[];
  /** Each identity's own factors; without it, every identity has the same `factors`. */
  factorsFor?: (identity: string) => Record<string, unknown>[];
  /**
   * Requests in flight the server takes at once; beyond them it answers 429 with
   * `Retry-After: retryAfter` at once, as Twilio's concurrency limit does.
   */
  maxInFlight?: number;
  /** The Retry-After of those 429s (default "1"). */
  retryAfter?: string;
  /** Answer browsers' CORS preflights, and let pages read every answer's headers. */
  cors?: boolean;
  /**
   * Serialise each page once and answer it from memory after that, for benchmarks: the server's
   * own work then stays out of what is measured. Pages never change, so nothing goes stale.
   */
  memoize?: boolean;
}

export interface FakeVerify {
  url: string;
  log: LoggedRequest[];
  /** Faults for the coming requests, one each, in order. */
  fail(...faults: Fault[]): void;
  factors: Record<string, unknown>[];
  /** The most requests it had in flight at once, and how many it answered 429 for that. */
  stats: { peakInFlight: number; throttled: number };
  close(): Promise<void>;
}

const hex32 = (n: number) => n.toString(16).padStart(32, "0");

export function makeFactor(index: number): Record<string, unknown> {
  const push = index % 2 === 0;
  const sid = "YF" + hex32(index);
  return {
    sid,
    account_sid: ACCOUNT_SID,
    service_sid: SERVICE_SID,
    entity_sid: "YE" + hex32(1),
    identity: IDENTITY,
    date_created: "2015-07-30T20:00:00Z",
    date_updated: "2015-07-30T20:00:00Z",
    friendly_name: `device ${index}`,
    status: index % 3 === 0 ? "verified" : "unverified",
    factor_type: push ? "push" : "totp",
    config: push
      ? {
          app_id: "com.example.myapp",
          sdk_version: "1.0",
          notification_token: "test_token",
          notification_platform: "fcm",
        }
      : { alg: "sha1", skew: 1, time_step: 30, code_length: 6 },
    metadata: push ? { os: "Android" } : null,
    url: `https://verify.twilio.com/v2/Services/${SERVICE_SID}/Entities/${IDENTITY}/Factors/${sid}`,
  };
}

function twilioError(res: ServerResponse, status: number, code: number, message: string) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(
    JSON.stringify({
      code,
      message,
      more_info: `https://www.twilio.com/docs/errors/${code}`,
      status,
    }),
  );
}

function answerPage(res: ServerResponse, body: Buffer, requestNumber: number) {
  res.writeHead(200, {
    "content-type": "application/json",
    "content-length": body.length,
    "access-control-allow-origin": "*",
    "twilio-request-id": "RQ" + hex32(requestNumber),
  });
  res.end(body);
}

const FACTORS_PATH = /^\/v2\/Services\/([^/]+)\/Entities\/([^/]+)\/Factors$/;
const ENTITIES_PATH = /^\/v2\/Services\/([^/]+)\/Entities$/;

/** An Entity as List Entities answers it, for one identity. */
export function makeEntity(identity: string, index: number): Record<string, unknown> {
  const url = `https://verify.twilio.com/v2/Services/${SERVICE_SID}/Entities/${identity}`;
  return {
    sid: "YE" + hex32(index),
    identity,
    account_sid: ACCOUNT_SID,
    service_sid: SERVICE_SID,
    date_created: "2015-07-30T20:00:00Z",
    date_updated: "2015-07-30T20:00:00Z",
    url,
    links: { factors: `${url}/Factors`, challenges: `${url}/Challenges` },
  };
}

export async function startFakeVerify(options: FakeOptions = {}): Promise<FakeVerify> {
  const factors =
    options.factors ??
    Array.from({ length: options.total ?? 0 }, (_, i) => {
      const factor = makeFactor(i);
      return options.factor ? options.factor(factor, i) : factor;
    });
  const entities = (options.identities ?? []).map(makeEntity);
  const faults: Fault[] = [];
  let inFlight = 0;
  const stats = { peakInFlight: 0, throttled: 0 };
  const log: LoggedRequest[] = [];
  const pages = new Map<string, Buffer>();
  const sockets = new Set<import("node:net").Socket>();
  let origin = "";

  const answer = async (req: IncomingMessage, res: ServerResponse, entry: LoggedRequest) => {
    const url = new URL(req.url ?? "/", origin);
    const fault = faults.shift();
    if (options.latencyMs) await new Promise((r) => setTimeout(r, options.latencyMs));
    if (fault && "delayMs" in fault) await new Promise((r) => setTimeout(r, fault.delayMs));
    if (fault && "heldUntil" in fault) await fault.heldUntil;
    if (fault && "hang" in fault) return; // never answers; the client must give up
    if (fault && "drop" in fault && fault.drop === "before-headers") {
      req.socket.destroy();
      return;
    }
    if (fault && "status" in fault) {
      const headers: Record<string, string> = {
        "content-type": fault.contentType ?? "application/json",
      };
      if (fault.retryAfter !== undefined) headers["retry-after"] = fault.retryAfter;
      if (fault.requestId) headers["twilio-request-id"] = fault.requestId;
      res.writeHead(fault.status, headers);
      res.end(
        fault.body ??
          JSON.stringify({
            code: 20000 + fault.status,
            message: `Fake error ${fault.status}`,
            more_info: `https://www.twilio.com/docs/errors/${20000 + fault.status}`,
            status: fault.status,
          }),
      );
      return;
    }
    if (fault && "endless" in fault) {
      res.writeHead(200, { "content-type": "application/json" });
      const chunk = Buffer.alloc(64 * 1024, " ");
      const more = () => {
        while (!res.destroyed && res.write(chunk));
        if (!res.destroyed) res.once("drain", more);
      };
      more();
      return;
    }
    if (fault && "stalled" in fault) {
      res.writeHead(200, { "content-type": "application/json" });
      res.write('{"factors": [');
      return;
    }
    if (fault && "gzipOf" in fault) {
      res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" });
      res.end(gzipSync(Buffer.alloc(fault.gzipOf, " ")));
      return;
    }
    if (fault && "html" in fault) {
      res.writeHead(200, { "content-type": "text/html" });
      res.end("<html><body><h1>Service Temporarily Unavailable</h1></body></html>");
      return;
    }

    const match = FACTORS_PATH.exec(url.pathname);
    const entitiesMatch = ENTITIES_PATH.exec(url.pathname);
    if (req.method !== "GET" || !(match || entitiesMatch)) {
      return twilioError(res, 404, 20404, `The requested resource ${url.pathname} was not found`);
    }
    const key = match ? "factors" : "entities";
    const listed = match
      ? (options.factorsFor?.(decodeURIComponent(match[2]!)) ?? factors)
      : entities;
    if (!entry.authorization) return twilioError(res, 401, 20003, "Authenticate");
    const saved = !fault && options.memoize ? pages.get(req.url ?? "") : undefined;
    if (saved) return answerPage(res, saved, log.length);
    const pageSizeText = url.searchParams.get("PageSize") ?? "50";
    const pageSize = Number(pageSizeText);
    if (!/^\d+$/.test(pageSizeText) || pageSize < 1 || pageSize > 1000) {
      return twilioError(res, 400, 20001, "Invalid PageSize");
    }
    const page = Number(url.searchParams.get("Page") ?? "0");
    const token = url.searchParams.get("PageToken");
    const offset = token ? Number(/^PT(\d+)_/.exec(token)?.[1] ?? NaN) : page * pageSize;
    if (!Number.isInteger(offset)) return twilioError(res, 400, 20001, "Invalid PageToken");

    const empty = options.emptyPages?.includes(page) ?? false;
    const items = empty ? [] : listed.slice(offset, offset + pageSize);
    const nextOffset = offset + items.length;
    const links = options.linkOrigin ?? origin;
    const base = `${links}${url.pathname}`;
    const link = (p: number, extra = "") => `${base}?PageSize=${pageSize}&Page=${p}${extra}`;
    let next: string | null =
      nextOffset < listed.length ? link(page + 1, `&PageToken=PT${nextOffset}_${page + 1}`) : null;
    if (options.nextPageUrl) next = options.nextPageUrl(next, { page, pageSize, offset, origin });
    const body = JSON.stringify({
      [key]: items,
      meta: {
        page,
        page_size: pageSize,
        first_page_url: link(0),
        previous_page_url: page > 0 ? link(page - 1, `&PageToken=PB${offset}_${page - 1}`) : null,
        url: link(page, token ? `&PageToken=${token}` : ""),
        next_page_url: next,
        key,
      },
    });
    if (fault && "truncated" in fault) {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(body.slice(0, Math.floor(body.length / 2)));
      return;
    }
    if (fault && "drop" in fault) {
      // Promise the whole body, send half, then cut the connection.
      res.writeHead(200, {
        "content-type": "application/json",
        "content-length": Buffer.byteLength(body),
      });
      res.write(body.slice(0, Math.floor(body.length / 2)));
      setTimeout(() => req.socket.destroy(), 10);
      return;
    }
    const bytes = Buffer.from(body);
    if (options.memoize) pages.set(req.url ?? "", bytes);
    answerPage(res, bytes, log.length);
  };

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", origin);
    const entry: LoggedRequest = {
      method: req.method ?? "",
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      authorization: req.headers.authorization,
      headers: req.headers,
      aborted: false,
      at: performance.now(),
    };
    if (options.cors) {
      res.setHeader("access-control-allow-origin", "*");
      res.setHeader("access-control-expose-headers", "retry-after, twilio-request-id");
      if (req.method === "OPTIONS") {
        res.writeHead(204, {
          "access-control-allow-methods": "GET",
          "access-control-allow-headers": req.headers["access-control-request-headers"] ?? "",
          "access-control-max-age": "600",
        });
        res.end();
        return;
      }
    }
    // For benchmarks that run the server in another process: its counters, as JSON.
    if (url.pathname === "/__stats") {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ ...stats, requests: log.length }));
      return;
    }
    log.push(entry);
    inFlight++;
    stats.peakInFlight = Math.max(stats.peakInFlight, inFlight);
    res.on("close", () => {
      inFlight--;
      if (!res.writableFinished) entry.aborted = true;
    });
    if (options.maxInFlight !== undefined && inFlight > options.maxInFlight) {
      stats.throttled++;
      res.writeHead(429, {
        "content-type": "application/json",
        "retry-after": options.retryAfter ?? "1",
      });
      res.end(
        JSON.stringify({
          code: 20429,
          message: "Too Many Requests",
          more_info: "https://www.twilio.com/docs/errors/20429",
          status: 429,
        }),
      );
      return;
    }
    answer(req, res, entry).catch((error) => {
      res.destroy(error);
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: origin,
    log,
    factors,
    stats,
    fail: (...more) => faults.push(...more),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
