// The body reader, on responses built in memory: nothing here crosses the wire (the attempt's
// tests do, against the fake server).
import { describe, expect, it } from "vitest";
import { VerifyArgumentError } from "../../src/errors.js";
import { readBody } from "../../src/http/read-body.js";

const bytes = (text: string) => new TextEncoder().encode(text);

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
    expect(await readBody(new Response(null, { status: 204 }), 10)).toStrictEqual(
      new Uint8Array(0),
    );
  });

  it("joins the chunks in order", async () => {
    const body = await readBody(chunked("ab", "cd", "e"), 100);
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
    expect(await readBody(response, 100)).toBe(chunk);
  });

  it("takes a body of exactly maxBytes, and stops at one byte more", async () => {
    expect(await readBody(chunked("12345"), 5)).toStrictEqual(bytes("12345"));
    expect(await readBody(chunked("123", "456"), 5)).toBeUndefined();
  });
  it("stops at a chunk that is not bytes, and cancels the rest", async () => {
    let cancelled = false;
    const body = new ReadableStream({
      start: (controller) => controller.enqueue("text"),
      cancel: () => void (cancelled = true),
    });
    await expect(readBody(new Response(body), 100)).rejects.toThrow(VerifyArgumentError);
    expect(cancelled).toBe(true);
  });
});
