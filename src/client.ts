import createClient, { type Client } from "openapi-fetch";
import type { paths } from "../generated/verify.js";
import { auditFactors, type AuditResult } from "./audit/audit-factors.js";
import { strictPathSerializer, strictQuerySerializer } from "./http/serializers.js";
import { createRateBudget } from "./http/rate-budget.js";
import { createRetryingFetch } from "./http/retrying-fetch.js";
import { DEFAULTS } from "./options/defaults.js";
import type {
  AuditOptions,
  ListEntitiesOptions,
  ListFactorsOptions,
  VerifyClientOptions,
} from "./options/public.js";
import {
  resolveAuditOptions,
  resolveClientOptions,
  resolveEntitiesOptions,
  resolveFactorsOptions,
} from "./options/resolve.js";
import type { ListSettings } from "./options/settings.js";
import { entityList, type EntityList } from "./paging/list-entities.js";
import { factorList, type FactorList } from "./paging/list-factors.js";

export interface VerifyClient {
  /** List an Entity's Factors, page by page, as items or as pages. */
  listFactors(options: ListFactorsOptions): FactorList;
  /** List a Service's Entities, page by page, as items or as pages. */
  listEntities(options: ListEntitiesOptions): EntityList;
  /** The factors of many identities (default: every Entity), some at a time, as they complete. */
  auditFactors(options: AuditOptions): AsyncIterable<AuditResult>;
  /**
   * The openapi-fetch client typed by the spec, with credentials, retries and timeouts below its
   * middleware. A call's `headers` win over the client's; `Authorization` is always the client's.
   */
  api: Client<paths>;
  /** How many 429 (Too Many Requests) responses this client has had, retries included. */
  throttled(): number;
}

export const DEFAULT_BASE_URL = DEFAULTS.baseUrl;
export const DEFAULT_MAX_RESPONSE_BYTES = DEFAULTS.maxResponseBytes;

export function createVerifyClient(options: VerifyClientOptions): VerifyClient {
  const client = resolveClientOptions(options);
  // One budget for every request of this client, listings and audits alike.
  const budget = createRateBudget(client.maxConcurrency);
  const retryingFetch = createRetryingFetch(client, budget);
  const api = createClient<paths>({
    baseUrl: client.baseUrl,
    headers: client.headers,
    fetch: retryingFetch,
    pathSerializer: strictPathSerializer,
    querySerializer: strictQuerySerializer,
  });
  const lists = {
    factors: (path: { ServiceSid: string; Identity: string }, list: ListSettings) =>
      factorList(api, retryingFetch, path, list),
    entities: (path: { ServiceSid: string }, list: ListSettings) =>
      entityList(api, retryingFetch, path, list),
  };
  return {
    api,
    listFactors(listOptions) {
      const { path, list } = resolveFactorsOptions(listOptions, client.call);
      return lists.factors(path, list);
    },
    listEntities(listOptions) {
      const { path, list } = resolveEntitiesOptions(listOptions, client.call);
      return lists.entities(path, list);
    },
    auditFactors: (auditOptions) =>
      auditFactors(lists, resolveAuditOptions(auditOptions, client.call)),
    throttled: () => budget.throttled,
  };
}
