// The resolvers: each public entry point checks its options at the call, once, and turns them
// into settings with every default in place, which the layers below read as they are.
import {
  checkBaseUrl,
  checkBoolean,
  checkFunction,
  checkIdentity,
  checkInteger,
  checkIterable,
  checkServiceSid,
  checkSignal,
  checkString,
} from "../checks.js";
import { checkUserName } from "../http/credentials.js";
import { checkHeaders } from "../check-headers.js";
import { checkLogger, checkLogLevel, createLog, levelFromEnvironment } from "../log.js";
import type { Position } from "../paging/step.js";
import { DEFAULTS } from "./defaults.js";
import { checkOptions } from "./names.js";
import type {
  AuditOptions,
  CallOptions,
  ListEntitiesOptions,
  ListFactorsOptions,
  ListOptions,
  VerifyClientOptions,
} from "./public.js";
import type { AuditSettings, CallSettings, ClientSettings, ListSettings } from "./settings.js";

const optional = <T>(value: unknown, check: (value: unknown) => T): T | undefined =>
  value === undefined ? undefined : check(value);

export function resolveClientOptions(options: VerifyClientOptions): ClientSettings {
  checkOptions("createVerifyClient", options);
  const custom = optional(options.fetch, (v) =>
    checkFunction<NonNullable<VerifyClientOptions["fetch"]>>("fetch", v, "a fetch function"),
  );
  // What every request of the client is sent with; a signal belongs to a call, not a client.
  const { maxRetries, timeoutMs, headers } = options;
  const call = resolveCall(
    { maxRetries, timeoutMs, headers },
    { maxRetries: DEFAULTS.maxRetries, timeoutMs: DEFAULTS.timeoutMs },
  );
  return {
    baseUrl: checkBaseUrl(options.baseUrl === undefined ? DEFAULTS.baseUrl : options.baseUrl),
    accountSid: checkUserName(options.accountSid),
    authToken: checkString("authToken", options.authToken),
    headers: call.headers ?? new Headers(),
    // A fetch of the caller's own takes a Request alone, so the attempt's init goes into a copy.
    // Looked up per call, not captured, so a fetch patched in later (by a tracer) is used.
    send: custom
      ? (request, init) => custom(new Request(request, init))
      : (request, init) => globalThis.fetch(request, init),
    maxConcurrency:
      optional(options.maxConcurrency, (v) => checkInteger("maxConcurrency", v, 1, 1000)) ??
      Infinity,
    maxResponseBytes:
      optional(options.maxResponseBytes, (v) =>
        checkInteger("maxResponseBytes", v, 1, Number.MAX_SAFE_INTEGER),
      ) ?? DEFAULTS.maxResponseBytes,
    log: logOf(options),
    call: { maxRetries: call.maxRetries, timeoutMs: call.timeoutMs },
  };
}

function logOf(options: VerifyClientOptions) {
  const logger = checkLogger(options.logger === undefined ? console : options.logger);
  return createLog(
    logger,
    checkLogLevel(options.logLevel, levelFromEnvironment(), DEFAULTS.logLevel, logger),
  );
}

/** A call's own options over `client`'s settings. */
export function resolveCall(options: CallOptions, client: CallSettings): CallSettings {
  return {
    signal: optional(options.signal, checkSignal),
    maxRetries:
      optional(options.maxRetries, (v) => checkInteger("maxRetries", v, 0, 100)) ??
      client.maxRetries,
    timeoutMs:
      optional(options.timeoutMs, (v) => checkInteger("timeoutMs", v, 1, 2 ** 31 - 1)) ??
      client.timeoutMs,
    headers: optional(options.headers, checkHeaders),
  };
}

const checkPageSize = (v: unknown) => checkInteger("pageSize", v, 1, 1000);

/** A listing's own options; its callers have checked that `options` is an object. */
function resolveListOptions(options: ListOptions, client: CallSettings): ListSettings {
  const limit = optional(options.limit, (v) => checkInteger("limit", v, 1));
  const pageSize =
    optional(options.pageSize, checkPageSize) ??
    (limit !== undefined && limit < DEFAULTS.pageSize ? limit : undefined);
  const start: Position = {
    pageSize,
    page: optional(options.page, (v) => checkInteger("page", v, 0, Number.MAX_SAFE_INTEGER)),
    remaining: limit ?? Infinity,
  };
  const pageToken = optional(options.pageToken, (v) => checkString("pageToken", v));
  if (pageToken !== undefined) start.pageToken = pageToken;
  const prefetch =
    optional(options.prefetch, (v) => checkBoolean("prefetch", v)) ?? DEFAULTS.prefetch;
  return { ...resolveCall(options, client), start, prefetch };
}

export function resolveFactorsOptions(options: ListFactorsOptions, client: CallSettings) {
  checkOptions("listFactors", options);
  const path = {
    ServiceSid: checkServiceSid(options.serviceSid),
    Identity: checkIdentity(options.identity),
  };
  return { path, list: resolveListOptions(options, client) };
}

export function resolveEntitiesOptions(options: ListEntitiesOptions, client: CallSettings) {
  checkOptions("listEntities", options);
  const path = { ServiceSid: checkServiceSid(options.serviceSid) };
  return { path, list: resolveListOptions(options, client) };
}

export function resolveAuditOptions(options: AuditOptions, client: CallSettings): AuditSettings {
  checkOptions("auditFactors", options);
  return {
    ...resolveCall(options, client),
    serviceSid: checkServiceSid(options.serviceSid),
    identities: optional(options.identities, checkIterable),
    concurrency:
      optional(options.concurrency, (v) => checkInteger("concurrency", v, 1, 1000)) ??
      DEFAULTS.concurrency,
    pageSize: optional(options.pageSize, checkPageSize),
  };
}
