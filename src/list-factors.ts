import type { Client } from "openapi-fetch";
import type { paths } from "../generated/verify.js";
import { listOf, type ListEndpoint } from "./fetch-page.js";
import type { List, Page } from "./pager.js";
import type { RetryingFetch } from "./retrying-fetch.js";
import type { Factor, FactorListResponse } from "./types.js";
import { checkIdentity, checkObject, checkServiceSid, type ListOptions } from "./validate.js";

export interface ListFactorsOptions extends ListOptions {
  /** The Verify Service SID, `VA` and 32 hex digits. */
  serviceSid: string;
  /** The Entity's identity: 8 to 64 dash-separated alphanumeric characters. */
  identity: string;
}

export type FactorPage = Page<FactorListResponse>;
export type FactorList = List<Factor, FactorPage>;

const FACTORS: ListEndpoint<"factors"> = {
  path: "/v2/Services/{ServiceSid}/Entities/{Identity}/Factors",
  key: "factors",
};

export function listFactors(
  api: Client<paths>,
  retryingFetch: RetryingFetch,
  options: ListFactorsOptions,
): FactorList {
  checkObject("options", options);
  const path = {
    ServiceSid: checkServiceSid(options.serviceSid),
    Identity: checkIdentity(options.identity),
  };
  return listOf<"factors", Factor, FactorListResponse>(api, retryingFetch, FACTORS, path, options);
}
