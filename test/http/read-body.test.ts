// The body reader, on responses built in memory: nothing here crosses the wire (the attempt's
// tests do, against the fake server).
import { getEventListeners } from "node:events";
import { describe, expect, it } from "vitest";
import { VerifyArgumentError } from "../../src/errors.js";
import { readBody } from "../../src/http/read-body.js";
import { strayErrors } from "../support/helpers.js";

const bytes = (text: string) => new TextEncoder().encode(text);
const live = new AbortController().signal;

/** A response whose body arrives in the chunks given. */
function chunked(...chunks: string[]): Response {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(bytes(chunk));
      controller.close();
    },
  });
  return new Response(body);
}

describe("readBody", () => {
  it("reads a response without a body as empty", async () => {
    expect(await readBody(new Response(null, { status: 204 }), 10, live)).toStrictEqual(
      new Uint8Array(0),
    );
  });

  it("joins the chunks in order", async () => {
    const body = await readBody(chunked("ab", "cd", "e"), 100, live);
    expect(new TextDecoder().decode(body)).toBe("abcde");
  });

  it("hands a body of one chunk on as it came, without a copy", async () => {
    const chunk = bytes("whole");
    const response = new Response(
      new ReadableStream({
        start(controller) {
          controller.enqueue(chunk);
          controller.close();
        },
      }),
    );
    expect(await readBody(response, 100, live)).toBe(chunk);
  });

  it("takes a body of exactly maxBytes, and stops at one byte more", async () => {
    expect(await readBody(chunked("12345"), 5, live)).toStrictEqual(bytes("12345"));
    expect(await readBody(chunked("123", "456"), 5, live)).toBeUndefined();
  });
  it("stops at a chunk that is not bytes, and cancels the rest", async () => {
    let cancelled = false;
    const body = new ReadableStream({
      start: (controller) => controller.enqueue("text"),
      cancel: () => void (cancelled = true),
    });
    await expect(readBody(new Response(body), 100, live)).rejects.toThrow(VerifyArgumentError);
    expect(cancelled).toBe(true);
  });

  it("reads no further than the chunk at hand once its signal aborts, and cancels the body", async () => {
    const controller = new AbortController();
    let cancelled: unknown;
    const body = new ReadableStream<Uint8Array>({
      pull(stream) {
        stream.enqueue(bytes("chunk"));
        controller.abort(new Error("over"));
      },
      cancel: (reason) => void (cancelled = reason ?? "cancelled"),
    });
    await expect(readBody(new Response(body), 100, controller.signal)).rejects.toThrow("over");
    expect(cancelled).toBeDefined();
  });

  it("ends a read that waits once its signal aborts, and cancels the body", async () => {
    const controller = new AbortController();
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      start: (stream) => stream.enqueue(bytes("[")),
      // Never gives more: a stalled body.
      pull: () => new Promise(() => {}),
      cancel: () => void (cancelled = true),
    });
    const read = readBody(new Response(body), 100, controller.signal);
    setTimeout(() => controller.abort(new Error("over")), 10);
    await expect(read).rejects.toThrow("over");
    expect(cancelled).toBe(true);
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
  });

  it("reads nothing of a body whose signal aborted before, and cancels it", async () => {
    const controller = new AbortController();
    controller.abort(new Error("over"));
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({ cancel: () => void (cancelled = true) });
    await expect(readBody(new Response(body), 100, controller.signal)).rejects.toThrow("over");
    expect(cancelled).toBe(true);
  });

  /** A body of the caller's own making: `read` as given, and a `cancel` that does not end it. */
  const handMade = (
    read: () => Promise<ReadableStreamReadResult<Uint8Array>>,
    cancel: () => unknown,
  ) => ({ body: { getReader: () => ({ read, cancel }) } }) as unknown as Response;

  it("goes no further than the chunk at hand once its signal aborts, with a reader cancel() does not end", async () => {
    const controller = new AbortController();
    let reads = 0;
    const endless = handMade(
      async () => {
        if (++reads === 3) controller.abort(new Error("over"));
        return { done: false, value: bytes("x") };
      },
      async () => {},
    );
    await expect(readBody(endless, 1000, controller.signal)).rejects.toThrow("over");
    expect(reads).toBe(3);
  });

  it.each([
    ["past maxBytes", 2, undefined],
    ["at a chunk that is not bytes", 100, "text"],
    ["once its signal aborts", 100, undefined],
  ])(
    "does not wait for a reader whose cancel() never settles: %s",
    async (_name, maxBytes, chunk) => {
      const controller = new AbortController();
      let reads = 0;
      const body = handMade(
        async () => {
          if (++reads === 2 && maxBytes === 100 && !chunk) controller.abort(new Error("over"));
          return { done: false, value: (chunk ?? bytes("xx")) as Uint8Array };
        },
        () => new Promise(() => {}),
      );
      const outcome = readBody(body, maxBytes, controller.signal).then(
        (value) => ({ value }),
        (error: Error) => ({ error: error.message }),
      );
      const held = new Promise((resolve) => setTimeout(() => resolve("held"), 1000));
      expect(await Promise.race([outcome, held])).not.toBe("held");
    },
  );

  it("ends a read that waits once its signal aborts, with a reader cancel() does not end", async () => {
    const controller = new AbortController();
    let reads = 0;
    const stuck = handMade(
      () =>
        ++reads === 1 ? Promise.resolve({ done: false, value: bytes("x") }) : new Promise(() => {}),
      () => {},
    );
    const read = readBody(stuck, 1000, controller.signal);
    await new Promise((r) => setTimeout(r, 0));
    controller.abort(new Error("over"));
    await expect(read).rejects.toThrow("over");
    expect(reads).toBe(2);
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
  });

  it("lets be a reader whose cancel() throws at once when its signal aborts mid-read", async () => {
    const controller = new AbortController();
    const late = handMade(
      () =>
        new Promise((resolve) => setTimeout(() => resolve({ done: false, value: bytes("x") }), 20)),
      () => {
        throw new Error("no cancel here");
      },
    );
    const stray = await strayErrors(async () => {
      const read = readBody(late, 1000, controller.signal);
      controller.abort(new Error("over"));
      await expect(read).rejects.toThrow("over");
    });
    expect(stray).toStrictEqual([]);
  });
});
