import type { Client } from "openapi-fetch";
import type { paths } from "../generated/verify.js";
import { isObject, snippet, VerifyApiError, VerifyPaginationError } from "./errors.js";
import { paginate, type List, type Page, type ResponseInfo } from "./pager.js";
import type { PageRequest } from "./paging.js";
import type { RetryingFetch } from "./retrying-fetch.js";
import type { PageMeta } from "./types.js";
import { checkListOptions, checkPerCall, type ListOptions, type PerCall } from "./validate.js";

/** A list endpoint: its path in the spec and the key of its items in the answer. */
export interface ListEndpoint<Key extends string> {
  path: keyof paths;
  key: Key;
}

/** openapi-fetch's GET, for any list path: the answer is checked below, so `unknown` is honest. */
type Get = (
  path: string,
  init: Record<string, unknown>,
) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

/** One page through the typed client: auth, retries and timeouts come with it. */
export async function fetchPage<Key extends string>(
  api: Client<paths>,
  retryingFetch: RetryingFetch,
  endpoint: ListEndpoint<Key>,
  path: Record<string, string>,
  request: PageRequest,
  signal: AbortSignal,
  call: PerCall = {},
): Promise<{ body: Record<Key, unknown[]> & { meta: PageMeta }; response: ResponseInfo }> {
  let answer: Response | undefined;
  let attempts = 0;
  const counted = { ...call, attempts: (count: number) => (attempts = count) };
  let result: Awaited<ReturnType<Get>>;
  try {
    result = await (api.GET as unknown as Get)(endpoint.path, {
      params: {
        path,
        query: { PageSize: request.pageSize, Page: request.page, PageToken: request.pageToken },
      },
      // The listing's signal goes to the retrying fetch directly, not into the Request.
      fetch: async (prepared: Request) => {
        // The listing's own headers; never its own credentials, which stay the client's.
        for (const [name, value] of call.headers ?? []) {
          if (name !== "authorization") prepared.headers.set(name, value);
        }
        return (answer = await retryingFetch(prepared, signal, counted));
      },
    });
  } catch (error) {
    // openapi-fetch parses a 2xx body as JSON, and rejects with the parser's error if it is not.
    if (error instanceof SyntaxError && answer) throw notJson(answer, snippet(error.message));
    throw error;
  }
  const { data, error, response } = result;
  if (!response.ok) throw VerifyApiError.generate(response, error);
  if (data === undefined) throw notJson(response, "(empty)");
  if (!isObject(data) || !Array.isArray(data[endpoint.key]) || !isObject(data.meta)) {
    throw new VerifyPaginationError(
      `HTTP ${response.status} answer is not a page of ${endpoint.key} (no "${endpoint.key}" array or no "meta" object): ${snippet(JSON.stringify(data))}`,
    );
  }
  const items = data[endpoint.key] as unknown[];
  const bad = items.findIndex((item) => !isObject(item));
  if (bad >= 0) {
    const item = items[bad];
    const kind = item === null ? "null" : Array.isArray(item) ? "an array" : `a ${typeof item}`;
    throw new VerifyPaginationError(
      `HTTP ${response.status} answer is not a page of ${endpoint.key}: ${endpoint.key}[${bad}] is ${kind}, not an object`,
    );
  }
  const { status, headers } = response;
  const requestId = headers.get("twilio-request-id") ?? undefined;
  return {
    body: data as Record<Key, unknown[]> & { meta: PageMeta },
    response: { status, requestId, headers, attempts },
  };
}

function notJson(response: Response, detail: string): VerifyPaginationError {
  const type = response.headers.get("content-type") ?? "no content type";
  return new VerifyPaginationError(
    `HTTP ${response.status} answer is not JSON (${type}): ${detail}`,
  );
}

/**
 * A list endpoint as a lazy listing: its pages fetched one by one through the typed client, on the
 * one pager. A list declares only its endpoint, its path parameters and its body type.
 */
export function listOf<Key extends string, Item, Body extends Record<Key, Item[]>>(
  api: Client<paths>,
  retryingFetch: RetryingFetch,
  endpoint: ListEndpoint<Key>,
  path: Record<string, string>,
  options: ListOptions,
): List<Item, Page<Body>> {
  const pager = checkListOptions(options);
  const call = checkPerCall(options);
  return paginate<Key, Item, Page<Body>>(
    {
      key: endpoint.key,
      fetch: (request, signal) =>
        fetchPage(api, retryingFetch, endpoint, path, request, signal, call) as Promise<{
          body: Body & { meta: PageMeta };
          response: ResponseInfo;
        }>,
    },
    pager,
  );
}
