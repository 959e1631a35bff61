import type { Cursor } from "./cursor.js";
import { snippet } from "./shown.js";

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

  /** A response whose body is not JSON, by its status and content type; `detail` says why. */
  static notJson(response: Response, detail: string): VerifyPaginationError {
    const type = response.headers.get("content-type")?.trim();
    return new this(
      `HTTP ${response.status} response is not JSON (${type ? snippet(type, 80) : "no content type"}): ${snippet(detail)}`,
    );
  }
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
