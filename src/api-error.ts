// The error for a response with a status other than 2xx, built from that response on its class.
import { isObject } from "./checks.js";
import { VerifyError } from "./errors.js";
import { parseRetryAfter } from "./http/retry-after.js";
import { jsonText, requestIdOf, snippet, withoutUserinfo } from "./shown.js";
import { RETRY_AFTER_HEADER } from "./types.js";

export interface ApiErrorDetails {
  status: number;
  body: string;
  code?: number;
  message?: string;
  moreInfo?: string;
  requestId?: string;
  retryAfterMs?: number;
  headers?: Headers;
}

/** The most characters of server text an error message quotes; `body` keeps it all. */
const MAX_MESSAGE = 500;

/** Twilio responded with a status other than 2xx (after any retries). */
export class VerifyApiError extends VerifyError {
  static override readonly kind: string = "VerifyApiError";
  readonly status: number;
  /** Twilio's error code (`20404`, `20429`, ...), when the body had one. */
  readonly code?: number;
  /** Twilio's `more_info` link, or an RFC 9457 problem `type`. */
  readonly moreInfo?: string;
  /** The `Twilio-Request-Id` response header, to quote to Twilio support. */
  readonly requestId?: string;
  /** All the response's headers (`Twilio-Concurrent-Requests`, ...). */
  readonly headers?: Headers;
  /** How long the server asked to wait (`Retry-After`), in milliseconds. */
  readonly retryAfterMs?: number;
  /** The response body: its text, or, when it is JSON, that JSON (as `JSON.stringify` writes it). */
  readonly body: string;

  constructor(details: ApiErrorDetails) {
    super(details.message ?? `HTTP ${details.status}`);
    this.status = details.status;
    this.code = details.code;
    this.moreInfo = details.moreInfo;
    this.requestId = details.requestId;
    this.retryAfterMs = details.retryAfterMs;
    this.headers = details.headers;
    this.body = details.body;
  }

  /**
   * The error for a non-2xx response, from the body as openapi-fetch hands it over (parsed JSON, or
   * the text when it is not JSON). Reads Twilio's `{code, message, more_info, status}`, RFC 9457
   * problem bodies and plain text.
   */
  static fromResponse(response: Response, error: unknown): VerifyApiError {
    const body = typeof error === "string" ? error : jsonText(error);
    const field = (name: string) =>
      isObject(error) && typeof error[name] === "string" ? error[name] : undefined;
    const problemType = field("type");
    const { status, headers } = response;
    return new this({
      status,
      body,
      code: isObject(error) && typeof error.code === "number" ? error.code : undefined,
      message: snippet(
        field("message") ??
          field("detail") ??
          field("title") ??
          plainMessage(response, body, typeof error === "string"),
        MAX_MESSAGE,
      ),
      moreInfo:
        field("more_info") ??
        (problemType && problemType !== "about:blank" ? problemType : undefined),
      requestId: requestIdOf(headers),
      headers,
      retryAfterMs: parseRetryAfter(headers.get(RETRY_AFTER_HEADER)),
    });
  }
}

/** What to say of a response whose body carries no message of its own. */
function plainMessage({ status, statusText, headers }: Response, body: string, text: boolean) {
  const heading = `HTTP ${status}${statusText ? ` ${statusText}` : ""}`;
  const location = status >= 300 && status < 400 ? headers.get("location") : null;
  // Never followed: the credentials must not travel to wherever it points.
  if (location !== null) {
    return `${heading}: a redirect to ${snippet(withoutUserinfo(location))}, which is not followed`;
  }
  // A proxy's or load balancer's HTML page says nothing a message could use.
  if (text && /html/i.test(headers.get("content-type") ?? "")) {
    return `${heading}: an HTML page, not Twilio's JSON error`;
  }
  return `${heading}: ${snippet(body)}`;
}
