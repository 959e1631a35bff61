import type { Client } from "openapi-fetch";
import type { paths } from "../../generated/verify.js";
import type { RetryingFetch } from "../http/retrying-fetch.js";
import type { ListSettings } from "../options/settings.js";
import type { Entity, EntityListResponse } from "../types.js";
import { pageOf, queryOf, sentWith } from "./fetch-page.js";
import type { List, Page } from "./page.js";
import { paginate } from "./pager.js";

export type EntityPage = Page<EntityListResponse>;
export type EntityList = List<Entity, EntityPage>;

/** A Service's Entities, from settings already checked. */
export function entityList(
  api: Client<paths>,
  retryingFetch: RetryingFetch,
  path: { ServiceSid: string },
  list: ListSettings,
): EntityList {
  return paginate<EntityListResponse, Entity>(
    {
      fetch: (at, signal) =>
        pageOf(
          api.GET("/v2/Services/{ServiceSid}/Entities", {
            params: { path, query: queryOf(at) },
            ...sentWith(retryingFetch, list, signal),
          }),
          "entities",
          (body) => body.entities,
        ),
      items: (body) => body.entities,
      withItems: (body, entities) => ({ ...body, entities }),
    },
    list,
  );
}
