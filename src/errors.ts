import type { Cursor } from "./cursor.js";
import { parseRetryAfter } from "./http/retry-after.js";
import { requestIdOf, snippet } from "./shown.js";

/**
 * Where an error keeps the kinds of error it is, under a key every copy of this package shares:
 * Node loads the ESM and the CommonJS build as two copies when both `import` and `require` it
 * (the dual-package hazard), and `instanceof` must hold across them.
 */
const KINDS = Symbol.for("verify-factors.error-kinds");

/** The root of every error this package throws. */
export class VerifyError extends Error {
  /** The class's name, spelled out so that minifiers and the copies agree on it. */
  static readonly kind: string = "VerifyError";

  /** Set on errors thrown during a listing: `listFactors({ ...options, ...error.cursor })` resumes. */
  cursor?: Cursor;

  /** An error of this kind, made by this copy of the package or by the other one. */
  static override [Symbol.hasInstance](value: unknown): boolean {
    if (Function.prototype[Symbol.hasInstance].call(this, value)) return true;
    const kinds = (value as { [KINDS]?: unknown } | null | undefined)?.[KINDS];
    return Array.isArray(kinds) && kinds.includes(this.kind);
  }

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    const kinds: string[] = [];
    for (let type: typeof VerifyError = new.target; type.kind; type = Object.getPrototypeOf(type)) {
      kinds.push(type.kind);
    }
    Object.defineProperty(this, KINDS, { value: kinds });
    this.name = new.target.kind;
  }
}

/** A bad argument, thrown synchronously before any request is sent. */
export class VerifyArgumentError extends VerifyError {
  static override readonly kind: string = "VerifyArgumentError";
  readonly parameter: string;
  readonly rule: string;

  constructor(parameter: string, problem: string, rule: string) {
    super(`${parameter} ${problem}; it must be ${rule}`);
    this.parameter = parameter;
    this.rule = rule;
  }
}

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

/** A JSON object: not null, not an array. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
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
    const body = typeof error === "string" ? error : (JSON.stringify(error) ?? "");
    const field = (name: string) =>
      isObject(error) && typeof error[name] === "string" ? error[name] : undefined;
    const problemType = field("type");
    const { status, statusText, headers } = response;
    const heading = `HTTP ${status}${statusText ? ` ${statusText}` : ""}`;
    // A proxy's or load balancer's HTML page says nothing a message could use.
    const html = typeof error === "string" && /html/i.test(headers.get("content-type") ?? "");
    return new VerifyApiError({
      status,
      body,
      code: isObject(error) && typeof error.code === "number" ? error.code : undefined,
      message: snippet(
        field("message") ??
          field("detail") ??
          field("title") ??
          (html
            ? `${heading}: an HTML page, not Twilio's JSON error`
            : `${heading}: ${snippet(body)}`),
        MAX_MESSAGE,
      ),
      moreInfo:
        field("more_info") ??
        (problemType && problemType !== "about:blank" ? problemType : undefined),
      requestId: requestIdOf(headers),
      headers,
      retryAfterMs: parseRetryAfter(headers.get("retry-after")),
    });
  }
}

/** The request never got a response: DNS, refused or dropped connection. `cause` says why. */
export class VerifyConnectionError extends VerifyError {
  static override readonly kind: string = "VerifyConnectionError";
}

/** An attempt took longer than `timeoutMs`. */
export class VerifyTimeoutError extends VerifyConnectionError {
  static override readonly kind: string = "VerifyTimeoutError";
}

/** A 2xx response that is not a page of the list, or paging that would never end. */
export class VerifyPaginationError extends VerifyError {
  static override readonly kind: string = "VerifyPaginationError";
}

/** A response longer than `maxResponseBytes`: reading stopped there, so memory stays bounded. */
export class VerifyResponseTooLargeError extends VerifyError {
  static override readonly kind: string = "VerifyResponseTooLargeError";
  /** The limit that was exceeded, in bytes of the decoded body. */
  readonly maxResponseBytes: number;

  constructor(message: string, maxResponseBytes: number) {
    super(message);
    this.maxResponseBytes = maxResponseBytes;
  }
}

/**
 * The caller's `signal` aborted a listing. Each listing gets its own, so its `cursor` is its own
 * even when listings share a signal; `cause` is the signal's reason. Named "AbortError", so
 * `error.name === "AbortError"` checks keep working.
 */
export class VerifyAbortError extends VerifyError {
  static override readonly kind: string = "VerifyAbortError";
  constructor(reason: unknown) {
    const why = reason instanceof Error ? `: ${snippet(reason.message)}` : "";
    super(`the listing was aborted${why}`, { cause: reason });
    this.name = "AbortError";
  }
}
