/** Where a listing stood when it failed: pass it back to `listFactors` to continue there. */
export interface Cursor {
  page?: number;
  pageToken?: string;
  /** Items still owed when the listing had a `limit`. */
  limit?: number;
}

/** The root of every error this package throws. */
export class VerifyError extends Error {
  /** Set on errors thrown during a listing: `listFactors({ ...options, ...error.cursor })` resumes. */
  cursor?: Cursor;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A bad argument, thrown synchronously before any request is sent. */
export class VerifyArgumentError extends VerifyError {
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
}

/** Twilio answered with a status other than 2xx (after any retries). */
export class VerifyApiError extends VerifyError {
  readonly status: number;
  /** Twilio's error code (`20404`, `20429`, ...), when the body had one. */
  readonly code?: number;
  /** Twilio's `more_info` link, or an RFC 9457 problem `type`. */
  readonly moreInfo?: string;
  /** The `Twilio-Request-Id` response header, to quote to Twilio support. */
  readonly requestId?: string;
  /** How long the server asked to wait (`Retry-After`), in milliseconds. */
  readonly retryAfterMs?: number;
  /** The response body as received. */
  readonly body: string;

  constructor(details: ApiErrorDetails) {
    super(details.message ?? `HTTP ${details.status}`);
    this.status = details.status;
    this.code = details.code;
    this.moreInfo = details.moreInfo;
    this.requestId = details.requestId;
    this.retryAfterMs = details.retryAfterMs;
    this.body = details.body;
  }
}

/** The request never got an answer: DNS, refused or dropped connection. `cause` says why. */
export class VerifyConnectionError extends VerifyError {}

/** An attempt took longer than `timeoutMs`. */
export class VerifyTimeoutError extends VerifyConnectionError {}

/** A 2xx answer that is not a page of factors, or paging that would never end. */
export class VerifyPaginationError extends VerifyError {}
