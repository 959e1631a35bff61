import { VerifyConnectionError, VerifyTimeoutError } from "./errors.js";
import { follow } from "./signals.js";

/** Sends one attempt: `request` with `init`'s signal and redirect mode. */
export type SendOnce = (request: Request, init: RequestInit) => Promise<Response>;

const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);
const where = (request: Request) => `${request.method} ${new URL(request.url).origin}`;

/**
 * One attempt, bounded by `timeoutMs` with its body: the body is read here, so a connection
 * that drops mid-page is retried like one that never answered. Never rejects for a failed
 * connection: that comes back as a `VerifyConnectionError` for the retry policy to judge.
 */
export async function attempt(
  send: SendOnce,
  request: Request,
  signal: AbortSignal,
  timeoutMs: number,
): Promise<Response | VerifyConnectionError> {
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
    return await readWhole(response);
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
 * The same answer with its body read to the end. The chunks are handed on as they came, in a
 * stream that openapi-fetch decodes once: joining them into one buffer would copy every page.
 */
async function readWhole(response: Response): Promise<Response> {
  const chunks: Uint8Array[] = [];
  const reader = response.body?.getReader();
  for (let step = await reader?.read(); step && !step.done; step = await reader!.read()) {
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
