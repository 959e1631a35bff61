import type { Client } from "openapi-fetch";
import type { paths } from "../generated/verify.js";
import { VerifyApiError, VerifyPaginationError } from "./errors.js";
import { errorBodyText, parseRetryAfter, type RetryingFetch } from "./retry-fetch.js";
import type { Factor, PageMeta } from "./types.js";

export const FACTORS_PATH = "/v2/Services/{ServiceSid}/Entities/{Identity}/Factors";

export interface PageRequest {
  serviceSid: string;
  identity: string;
  pageSize?: number;
  page?: number;
  pageToken?: string;
}

export interface RawPage {
  factors: Factor[];
  meta: PageMeta;
}

function snippet(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > 120 ? `${flat.slice(0, 120)}…` : flat || "(empty)";
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Reads Twilio's `{code, message, more_info, status}`, RFC 9457 problem bodies and plain text. */
export function apiError(response: Response, body = errorBodyText(response) ?? ""): VerifyApiError {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    json = undefined;
  }
  const text = (name: string) =>
    isObject(json) && typeof json[name] === "string" ? json[name] : undefined;
  const problemType = text("type");
  const message =
    text("message") ??
    text("detail") ??
    text("title") ??
    `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""}: ${snippet(body)}`;
  return new VerifyApiError({
    status: response.status,
    body,
    code: isObject(json) && typeof json.code === "number" ? json.code : undefined,
    message,
    moreInfo:
      text("more_info") ?? (problemType && problemType !== "about:blank" ? problemType : undefined),
    requestId: response.headers.get("twilio-request-id") ?? undefined,
    retryAfterMs: parseRetryAfter(response.headers.get("retry-after")),
  });
}

/** One page through the typed client: auth, retries and timeouts come with it. */
export async function fetchPage(
  api: Client<paths>,
  send: RetryingFetch,
  request: PageRequest,
  signal: AbortSignal,
): Promise<RawPage> {
  const { data, response } = await api.GET(FACTORS_PATH, {
    params: {
      path: { ServiceSid: request.serviceSid, Identity: request.identity },
      query: { PageSize: request.pageSize, Page: request.page, PageToken: request.pageToken },
    },
    // Parsed here rather than by openapi-fetch, so a body that is not JSON gets a clear error.
    parseAs: "text",
    // The listing's signal goes to the retrying fetch directly, not into the Request.
    fetch: (prepared) => send(prepared, signal),
  });
  if (!response.ok) throw apiError(response);
  const text = data ?? "";
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    const type = response.headers.get("content-type") ?? "no content type";
    throw new VerifyPaginationError(
      `HTTP ${response.status} answer is not JSON (${type}): ${snippet(text)}`,
    );
  }
  if (!isObject(body) || !Array.isArray(body.factors) || !isObject(body.meta)) {
    throw new VerifyPaginationError(
      `HTTP ${response.status} answer is not a page of factors (no "factors" array or no "meta" object): ${snippet(text)}`,
    );
  }
  return body as unknown as RawPage;
}
