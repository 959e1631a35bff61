import type { Client } from "openapi-fetch";
import type { paths } from "../generated/verify.js";
import { listOf, type ListEndpoint } from "./fetch-page.js";
import type { List, Page } from "./pager.js";
import type { RetryingFetch } from "./retrying-fetch.js";
import type { Entity, EntityListResponse } from "./types.js";
import { checkObject, checkServiceSid, type ListOptions } from "./validate.js";

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
  const path = { ServiceSid: checkServiceSid(options.serviceSid) };
  return listOf<"entities", Entity, EntityListResponse>(
    api,
    retryingFetch,
    ENTITIES,
    path,
    options,
  );
}
