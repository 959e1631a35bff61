import type { Client } from "openapi-fetch";
import type { paths } from "../generated/verify.js";
import { fetchPage, type ListEndpoint } from "./fetch-page.js";
import { paginate, type List, type Page } from "./pager.js";
import type { RetryingFetch } from "./retrying-fetch.js";
import type { Entity, EntityListResponse } from "./types.js";
import {
  checkListOptions,
  checkObject,
  checkPattern,
  SERVICE_SID,
  type ListOptions,
} from "./validate.js";

export interface ListEntitiesOptions extends ListOptions {
  /** The Verify Service SID, `VA` and 32 hex digits. */
  serviceSid: string;
}

export type EntityPage = Page<EntityListResponse>;
export type EntityList = List<Entity, EntityPage>;

const ENTITIES: ListEndpoint<"entities"> = {
  path: "/v2/Services/{ServiceSid}/Entities",
  key: "entities",
};

export function listEntities(
  api: Client<paths>,
  retryingFetch: RetryingFetch,
  options: ListEntitiesOptions,
): EntityList {
  checkObject("options", options);
  const path = {
    ServiceSid: checkPattern(
      "serviceSid",
      options.serviceSid,
      SERVICE_SID,
      "VA followed by 32 hex digits",
    ),
  };
  return paginate<"entities", Entity, EntityPage>(
    {
      key: ENTITIES.key,
      fetch: (request, signal) =>
        fetchPage(
          api,
          retryingFetch,
          ENTITIES,
          path,
          request,
          signal,
        ) as Promise<EntityListResponse>,
    },
    checkListOptions(options),
  );
}
