import {
  VerifyArgumentError,
  VerifyConnectionError,
  VerifyResponseTooLargeError,
  VerifyTimeoutError,
} from "../errors.js";
import { describe, snippet, textOf } from "../shown.js";
import { readBody } from "./read-body.js";
import { readResponse, type ReadResponse } from "./read-response.js";
import { letGo, follow, untilAborted } from "./signals.js";

/** Sends one attempt: `request` with `init`'s signal, headers and redirect mode. */
export type SendOnce = (request: Request, init: RequestInit) => Promise<Response>;

/** The bounds of one attempt. */
export interface AttemptLimits {
  /** Milliseconds for the whole attempt, body included. */
  timeoutMs: number;
  /** Bytes of the decoded body read at most; past them the attempt fails. */
  maxResponseBytes: number;
}

/**
 * What `fetch` resolved to, checked as far as the attempt reads it: a fetch of the caller's own
 * may resolve to anything.
 */
function responseOf(value: unknown): Response {
  const response = value as Partial<Response> | null | undefined;
  const rule =
    "a fetch function resolving to a Response (status, headers, and a body stream or null)";
  if (
    typeof response?.status === "number" &&
    typeof response.headers?.get === "function" &&
    (response.body === null || typeof response.body?.getReader === "function")
  ) {
    // A body someone else has read, or is reading, has nothing left for this attempt.
    if (!response.bodyUsed && !response.body?.locked) return value as Response;
    throw new VerifyArgumentError("fetch", "resolved to a Response whose body was read", rule);
  }
  const problem =
    typeof value === "object" && value !== null
      ? "resolved to an object that is not a Response"
      : `resolved to a value that ${describe(value)}`;
  throw new VerifyArgumentError("fetch", problem, rule);
}

/** A response that comes after its attempt ended: let go unread. */
const giveUp = (late: Response) => letGo(() => late.body!.cancel());

const where = (request: Request) => `${request.method} ${new URL(request.url).origin}`;

/**
 * One attempt, bounded in time and size with its body: the body is read here, so a connection
 * that drops mid-page is retried like one that never responded. Never rejects for a failed
 * connection or a response too large: those come back as errors for the retry policy to judge.
 */
export async function attempt(
  send: SendOnce,
  request: Request,
  headers: Headers,
  signal: AbortSignal,
  { timeoutMs, maxResponseBytes }: AttemptLimits,
): Promise<ReadResponse | VerifyConnectionError | VerifyResponseTooLargeError> {
  const controller = new AbortController();
  const unlink = follow(signal, controller);
  const timer = setTimeout(
    () => controller.abort(new DOMException(`no response within ${timeoutMs} ms`, "TimeoutError")),
    timeoutMs,
  );
  const exchange = async () => {
    // "manual": a redirect is handed back as it is, so credentials never follow it elsewhere.
    const init = { signal: controller.signal, headers, redirect: "manual" } as const;
    const response = responseOf(await untilAborted(send(request, init), controller.signal, giveUp));
    if (response.type === "opaqueredirect") {
      // Browsers hide a redirect that is not followed behind status 0.
      return new VerifyConnectionError(
        `${where(request)}: responded with a redirect, which is not followed`,
      );
    }
    // A server may write any three digits; a Response holds 200 to 599 only.
    if (response.status < 200 || response.status > 599) {
      // Stryker disable next-line OptionalChaining: a null body's cancel throws, and is ignored alike
      letGo(() => response.body?.cancel());
      return new VerifyConnectionError(
        `${where(request)}: responded with status ${response.status}, not an HTTP status of 200 to 599`,
      );
    }
    const bytes = await readBody(response, maxResponseBytes, controller.signal);
    if (bytes) return readResponse(response, bytes);
    return new VerifyResponseTooLargeError(
      `${where(request)}: HTTP ${response.status} response is larger than maxResponseBytes (${maxResponseBytes} bytes); reading stopped there`,
      maxResponseBytes,
    );
  };
  try {
    return await exchange();
  } catch (error) {
    // A fetch of the caller's own that broke its contract: no retry mends that.
    if (error instanceof VerifyArgumentError) throw error;
    // Aborted, but not by the caller: the timer did it.
    if (controller.signal.aborted && !signal.aborted) {
      return new VerifyTimeoutError(`${where(request)}: no response within ${timeoutMs} ms`, {
        cause: error,
      });
    }
    const reason = error instanceof Error ? (error.cause ?? error) : error;
    // On one line: TLS errors, for one, end in a line break.
    const said = snippet(reason instanceof Error ? reason.message : textOf(reason));
    // Node's HTTP client asserts on some responses it cannot parse (a status of 0), in words
    // ("false == true") that say nothing of the response.
    const detail =
      (reason as { code?: unknown } | null)?.code === "ERR_ASSERTION"
        ? `a response Node's HTTP client could not parse: ${said}`
        : said;
    return new VerifyConnectionError(`${where(request)}: connection failed (${detail})`, {
      cause: error,
    });
  } finally {
    clearTimeout(timer);
    unlink();
  }
}
