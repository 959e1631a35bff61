// One page through openapi-fetch's typed GET: the shared parts of every list endpoint's request
// (the paging query in the spec's own names, the call's settings) and of reading its response.
import { VerifyApiError } from "../api-error.js";
import { isObject } from "../checks.js";
import { VerifyPaginationError } from "../errors.js";
import type { RetryingFetch } from "../http/retrying-fetch.js";
import { isReadResponse } from "../http/read-response.js";
import type { CallSettings } from "../options/settings.js";
import { describe, jsonText, requestIdOf, snippet } from "../shown.js";
import type { PageMeta, QueryOf } from "../types.js";
import type { Fetched } from "./page.js";
import type { Position } from "./step.js";

/** The paging query in the spec's parameter names: a parameter renamed there fails the build here. */
export function queryOf(at: Position): QueryOf<"listFactors"> & QueryOf<"listEntities"> {
  return { PageSize: at.pageSize, Page: at.page, PageToken: at.pageToken };
}

/**
 * What a listing's GET is sent with besides its path and query: the call's headers (openapi-fetch
 * puts them over the client's) and the retrying fetch with the call's retries, timeout and signal.
 */
export function sentWith(retryingFetch: RetryingFetch, call: CallSettings, signal: AbortSignal) {
  const settings = { ...call, signal };
  return { headers: call.headers, fetch: (request: Request) => retryingFetch(request, settings) };
}

/** What openapi-fetch's GET resolves to. */
interface Result<Body> {
  data?: Body;
  error?: unknown;
  response: Response;
}

/**
 * The page in a GET's result, checked for what paging relies on (`items` an array of objects, a
 * `meta` object) since a server may send anything; a non-2xx response is a `VerifyApiError`.
 */
export async function pageOf<Body extends { meta: PageMeta }>(
  sent: Promise<Result<Body>>,
  name: string,
  items: (body: Body) => unknown,
): Promise<Fetched<Body>> {
  let result: Result<Body>;
  try {
    result = await sent;
  } catch (error) {
    // A response a middleware put in place of ours is parsed by openapi-fetch itself.
    if (error instanceof SyntaxError) {
      throw new VerifyPaginationError(`response is not JSON: ${snippet(error.message)}`);
    }
    throw error;
  }
  const { data, error, response } = result;
  if (!response.ok) throw VerifyApiError.fromResponse(response, error);
  const heading = `HTTP ${response.status} response`;
  if (data === undefined) throw VerifyPaginationError.notJson(response, "");
  const list = isObject(data) ? items(data) : undefined;
  if (!Array.isArray(list) || !isObject(data.meta)) {
    throw new VerifyPaginationError(
      `${heading} is not a page of ${name} (no "${name}" array or no "meta" object): ${snippet(jsonText(data))}`,
    );
  }
  const bad = list.findIndex((item) => !isObject(item));
  if (bad >= 0) {
    throw new VerifyPaginationError(
      `${heading} is not a page of ${name}: ${name}[${bad}] ${describe(list[bad])}, not an object`,
    );
  }
  const { status, headers } = response;
  const attempts = isReadResponse(response) ? response.attempts : 1;
  return { body: data, response: { status, requestId: requestIdOf(headers), headers, attempts } };
}
