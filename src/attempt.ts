import {
  VerifyConnectionError,
  VerifyResponseTooLargeError,
  VerifyTimeoutError,
} from "./errors.js";
import { follow } from "./signals.js";

/** Sends one attempt: `request` with `init`'s signal and redirect mode. */
export type SendOnce = (request: Request, init: RequestInit) => Promise<Response>;

/** The bounds of one attempt. */
export interface AttemptLimits {
  /** Milliseconds for the whole attempt, body included. */
  timeoutMs: number;
  /** Bytes of the decoded body read at most; past them the attempt fails. */
  maxResponseBytes: number;
}

const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);
const where = (request: Request) => `${request.method} ${new URL(request.url).origin}`;

/**
 * One attempt, bounded in time and size with its body: the body is read here, so a connection
 * that drops mid-page is retried like one that never answered. Never rejects for a failed
 * connection or an answer too large: those come back as errors for the retry policy to judge.
 */
export async function attempt(
  send: SendOnce,
  request: Request,
  signal: AbortSignal,
  { timeoutMs, maxResponseBytes }: AttemptLimits,
): Promise<Response | VerifyConnectionError | VerifyResponseTooLargeError> {
  const controller = new AbortController();
  const unlink = follow(signal, controller);
  const timer = setTimeout(
    () => controller.abort(new DOMException(`no answer within ${timeoutMs} ms`, "TimeoutError")),
    timeoutMs,
  );
  try {
    // "manual": a redirect is answered as it is, so credentials never follow it elsewhere.
    const response = await send(request, { signal: controller.signal, redirect: "manual" });
    if (response.type === "opaqueredirect") {
      // Browsers hide a redirect that is not followed behind status 0.
      return new VerifyConnectionError(
        `${where(request)}: answered with a redirect, which is not followed`,
      );
    }
    const whole = await readWhole(response, maxResponseBytes);
    if (whole) return whole;
    return new VerifyResponseTooLargeError(
      `${where(request)}: HTTP ${response.status} answer is larger than maxResponseBytes (${maxResponseBytes} bytes); reading stopped there`,
      maxResponseBytes,
    );
  } catch (error) {
    // Aborted, but not by the caller: the timer did it.
    if (controller.signal.aborted && !signal.aborted) {
      return new VerifyTimeoutError(`${where(request)}: no answer within ${timeoutMs} ms`, {
        cause: error,
      });
    }
    const reason = error instanceof Error ? (error.cause ?? error) : error;
    const detail = reason instanceof Error ? reason.message : String(reason);
    return new VerifyConnectionError(`${where(request)}: connection failed (${detail})`, {
      cause: error,
    });
  } finally {
    clearTimeout(timer);
    unlink();
  }
}

/**
 * The same answer with its body read to the end, or `undefined` once it passes `maxBytes`
 * (counted after any decompression, so a small compressed bomb is caught too). The chunks are
 * handed on as they came, in a stream that openapi-fetch decodes once: joining them into one
 * buffer would copy every page.
 */
async function readWhole(response: Response, maxBytes: number): Promise<Response | undefined> {
  const chunks: Uint8Array[] = [];
  const reader = response.body?.getReader();
  let bytes = 0;
  for (let step = await reader?.read(); step && !step.done; step = await reader!.read()) {
    bytes += step.value.byteLength;
    if (bytes > maxBytes) {
      await reader!.cancel().catch(() => {});
      return undefined;
    }
    chunks.push(step.value);
  }
  const body = NULL_BODY_STATUSES.has(response.status)
    ? null
    : new ReadableStream<Uint8Array>({
        start(controller) {
          for (const chunk of chunks) controller.enqueue(chunk);
          controller.close();
        },
      });
  return new Response(body, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
}
