import createClient, { type Client } from "openapi-fetch";
import type { paths } from "../generated/verify.js";
import { auditFactors, type AuditOptions, type AuditResult } from "./audit.js";
import { basicAuth, fixedHeaders } from "./auth.js";
import { VerifyArgumentError } from "./errors.js";
import { listEntities, type EntityList, type ListEntitiesOptions } from "./list-entities.js";
import { listFactors, type FactorList, type ListFactorsOptions } from "./list-factors.js";
import { strictPathSerializer } from "./path-serializer.js";
import { createLog, levelFromEnvironment, type Logger, type LogLevel } from "./log.js";
import { createRateBudget } from "./rate-budget.js";
import { createRetryingFetch } from "./retrying-fetch.js";
import {
  checkBaseUrl,
  checkInteger,
  checkLogger,
  checkLogLevel,
  checkObject,
  checkOptional,
  checkPerCall,
  checkString,
} from "./validate.js";

export interface VerifyClientOptions {
  /** Basic-auth username: your Account SID (`AC...`) or an API Key SID (`SK...`). */
  accountSid: string;
  /** Basic-auth password: the Account's Auth Token or the API Key's secret. */
  authToken: string;
  /** Default `https://verify.twilio.com`. Credentials are sent to this origin only. */
  baseUrl?: string;
  /**
   * Headers sent with every request, such as Prism's `Prefer`. `Authorization` is the client's
   * own: it is set from the credentials, for `baseUrl` only.
   */
  headers?: HeadersInit;
  /** A `fetch` of your own, for proxies and tests. */
  fetch?: (request: Request) => Promise<Response>;
  /** Retries of 429, 5xx, network errors and timeouts (default 2; 0 turns retries off). */
  maxRetries?: number;
  /** The limit on each attempt, body included, in milliseconds (default 30 000). */
  timeoutMs?: number;
  /** Where the client tells what it does (default `console`); see `logLevel`. */
  logger?: Logger;
  /**
   * `debug`: every attempt (method, URL, status, attempt, time, request id); `info`: every retry,
   * with its reason and wait, as openai-node does; `warn`, `error`, `off`: nothing of the kind.
   * Default: `VERIFY_FACTORS_LOG`, else `warn`, so a client that succeeds says nothing.
   */
  logLevel?: LogLevel;
  /**
   * The most bytes of an answer's body that are read (after decompression); a longer answer fails
   * with `VerifyResponseTooLargeError`. Default 32 MiB (`DEFAULT_MAX_RESPONSE_BYTES`).
   */
  maxResponseBytes?: number;
}

export interface VerifyClient {
  /** List an Entity's Factors, page by page, as items or as pages. */
  listFactors(options: ListFactorsOptions): FactorList;
  /** List a Service's Entities, page by page, as items or as pages. */
  listEntities(options: ListEntitiesOptions): EntityList;
  /** The factors of many identities (default: every Entity), some at a time, as they complete. */
  auditFactors(options: AuditOptions): AsyncIterable<AuditResult>;
  /** The openapi-fetch client typed by the spec, with auth, retries and timeouts installed. */
  api: Client<paths>;
}

export const DEFAULT_BASE_URL = "https://verify.twilio.com";

/**
 * A page holds at most 1000 factors. A factor's fields are bounded by the spec: four SIDs, two
 * dates and a URL of fixed size, an identity of 64 characters, a friendly name of 64, metadata of
 * 1024, and a config of a few short strings. Even with every character written as a six-byte
 * `\uXXXX` escape, that is under 10 KiB a factor, so under 10 MiB a page; 32 MiB leaves room for
 * fields Twilio adds, and still bounds what a hostile server can make the client hold.
 */
export const DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

export function createVerifyClient(options: VerifyClientOptions): VerifyClient {
  checkObject("options", options);
  const accountSid = checkString("accountSid", options.accountSid);
  const authToken = checkString("authToken", options.authToken);
  const baseUrl = checkBaseUrl(options.baseUrl ?? DEFAULT_BASE_URL);
  // The same checks as a listing's own maxRetries, timeoutMs and headers; here with defaults.
  const { maxRetries = 2, timeoutMs = 30_000, headers } = checkPerCall(options);
  const maxResponseBytes =
    checkOptional(options.maxResponseBytes, (v) =>
      checkInteger("maxResponseBytes", v, 1, Number.MAX_SAFE_INTEGER),
    ) ?? DEFAULT_MAX_RESPONSE_BYTES;
  const log = createLog(
    checkLogger(options.logger ?? console),
    checkLogLevel(options.logLevel, levelFromEnvironment()),
  );
  if (options.fetch !== undefined && typeof options.fetch !== "function") {
    throw new VerifyArgumentError("fetch", `is ${typeof options.fetch}`, "a fetch function");
  }
  // A fetch of the caller's own takes a Request alone, so each attempt's signal goes into a copy;
  // the platform's takes it as `init` and copies once itself. It is looked up per call, not
  // captured, so a fetch patched in later (by a test or a tracer) is used.
  const custom = options.fetch;
  const send = custom
    ? (request: Request, init: RequestInit) => custom(new Request(request, init))
    : (request: Request, init: RequestInit) => globalThis.fetch(request, init);

  // One budget for every request of this client, listings and audits alike.
  const budget = createRateBudget();
  const retryingFetch = createRetryingFetch({
    send,
    maxRetries,
    timeoutMs,
    maxResponseBytes,
    budget,
    log,
  });
  const api = createClient<paths>({
    baseUrl,
    fetch: retryingFetch,
    pathSerializer: strictPathSerializer,
  });
  if (headers) api.use(fixedHeaders(headers));
  api.use(basicAuth(baseUrl, accountSid, authToken));

  const lists = {
    listFactors: (listOptions: ListFactorsOptions) => listFactors(api, retryingFetch, listOptions),
    listEntities: (listOptions: ListEntitiesOptions) =>
      listEntities(api, retryingFetch, listOptions),
  };
  return { api, ...lists, auditFactors: (auditOptions) => auditFactors(lists, auditOptions) };
}
