// An attempt's body, read once: bytes counted as they arrive into one buffer, with a bound.
import { VerifyArgumentError } from "../errors.js";
import { letGo, untilAborted } from "./signals.js";

/**
 * The body read to the end into one buffer, or `undefined` once it passes `maxBytes` (counted after
 * any decompression, so a small compressed bomb is caught too). Once `signal` aborts, the body is
 * cancelled and the read that waits ends: a fetch of the caller's own may not end its body with
 * the signal.
 */
export async function readBody(
  response: Response,
  maxBytes: number,
  signal: AbortSignal,
): Promise<Uint8Array | undefined> {
  const reader = response.body?.getReader();
  if (!reader) return new Uint8Array(0);
  const cancel = () => letGo(() => reader.cancel());
  // Cancelling a platform stream ends a read that waits: it comes back as the end of the body,
  // checked below. A reader of a fetch of the caller's own may go on waiting: its reads are raced.
  const read =
    response.body instanceof ReadableStream
      ? () => reader.read()
      : () => untilAborted(reader.read(), signal);
  if (signal.aborted) cancel();
  signal.addEventListener("abort", cancel);
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  try {
    for (let step = await read(); !step.done; step = await read()) {
      // Only a fetch of the caller's own can break this: the platform's streams give bytes.
      if (!(step.value instanceof Uint8Array)) {
        cancel();
        const type = Object.prototype.toString.call(step.value).slice(8, -1);
        const problem = `resolved to a Response whose body gave a chunk of type ${type}`;
        throw new VerifyArgumentError(
          "fetch",
          problem,
          "a fetch function whose body streams give Uint8Array chunks",
        );
      }
      // A reader whose cancel() does not end it goes no further than the chunk at hand.
      if (signal.aborted) break;
      bytes += step.value.byteLength;
      if (bytes > maxBytes) {
        cancel();
        return undefined;
      }
      chunks.push(step.value);
    }
    // The listener has asked the body to cancel by now.
    if (signal.aborted) throw signal.reason;
  } finally {
    signal.removeEventListener("abort", cancel);
  }
  if (chunks.length === 1) return chunks[0]!;
  const whole = new Uint8Array(bytes);
  let at = 0;
  for (const chunk of chunks) {
    whole.set(chunk, at);
    at += chunk.byteLength;
  }
  return whole;
}
