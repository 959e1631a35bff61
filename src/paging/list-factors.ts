import type { Client } from "openapi-fetch";
import type { paths } from "../../generated/verify.js";
import type { RetryingFetch } from "../http/retrying-fetch.js";
import type { ListSettings } from "../options/settings.js";
import type { Factor, FactorListResponse, GeneratedFactorListResponse } from "../types.js";
import { pageOf, queryOf, sentWith } from "./fetch-page.js";
import type { List, Page } from "./page.js";
import { paginate } from "./pager.js";

export type FactorPage = Page<FactorListResponse>;
export type FactorList = List<Factor, FactorPage>;

/**
 * The spec types `config` as any factor type's config; Twilio sends the one of `factor_type`, and
 * `Factor` says so, so that narrowing on `factor_type` narrows `config`.
 */
const byType = (body: GeneratedFactorListResponse): FactorListResponse => ({
  ...body,
  factors: body.factors as Factor[],
});

/** An Entity's Factors, from settings already checked. */
export function factorList(
  api: Client<paths>,
  retryingFetch: RetryingFetch,
  path: { ServiceSid: string; Identity: string },
  list: ListSettings,
): FactorList {
  return paginate<FactorListResponse, Factor>(
    {
      async fetch(at, signal) {
        const sent = api.GET("/v2/Services/{ServiceSid}/Entities/{Identity}/Factors", {
          params: { path, query: queryOf(at) },
          ...sentWith(retryingFetch, list, signal),
        });
        const { body, response } = await pageOf(sent, "factors", (body) => body.factors);
        return { body: byType(body), response };
      },
      items: (body) => body.factors,
      withItems: (body, factors) => ({ ...body, factors }),
    },
    list,
  );
}
