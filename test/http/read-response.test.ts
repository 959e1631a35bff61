// The response an attempt makes of a body it has read, built in memory: nothing here crosses the
// wire (the attempt's tests do, against the fake server).
import { describe, expect, it } from "vitest";
import { VerifyPaginationError } from "../../src/errors.js";
import { isReadResponse, readResponse } from "../../src/http/read-response.js";

const bytes = (text: string) => new TextEncoder().encode(text);

async function read(stream: ReadableStream<Uint8Array>): Promise<Uint8Array[]> {
  const chunks: Uint8Array[] = [];
  const reader = stream.getReader();
  for (let step = await reader.read(); !step.done; step = await reader.read()) {
    chunks.push(step.value);
  }
  return chunks;
}

describe("readResponse", () => {
  const make = (text: string, init: ResponseInit = {}) =>
    readResponse(new Response(text, init), bytes(text));

  it("keeps the reason phrase received, even one a Response could not be made with", () => {
    const received = new Response("x", { status: 404 });
    Object.defineProperty(received, "statusText", { value: "見つかりません" });
    expect(readResponse(received, bytes("x")).statusText).toBe("見つかりません");
    expect(make("x", { statusText: "Gone" }).statusText).toBe("Gone");
  });

  it("keeps the URL, type and redirected flag received, and a duck's missing ones as a Response's", () => {
    const received = new Response("x");
    for (const [name, value] of Object.entries({
      url: "https://a.test/p",
      type: "cors",
      redirected: true,
    })) {
      Object.defineProperty(received, name, { value });
    }
    const kept = readResponse(received, bytes("x"));
    expect([kept.url, kept.type, kept.redirected]).toStrictEqual([
      "https://a.test/p",
      "cors",
      true,
    ]);
    const duck = { status: 200, headers: new Headers(), body: null } as Response;
    const plain = readResponse(duck, bytes("x"));
    expect([plain.statusText, plain.url, plain.type, plain.redirected]).toStrictEqual([
      "",
      "",
      "default",
      false,
    ]);
  });

  it("describes the body it holds: the decoded length, no Content-Encoding", () => {
    const received = new Response("x", { headers: { "content-encoding": "gzip" } });
    const response = readResponse(received, bytes("decoded"));
    expect(response.headers.get("content-length")).toBe("7");
    expect(response.headers.has("content-encoding")).toBe(false);
  });

  it("a body that is not JSON is a VerifyPaginationError naming its type", async () => {
    const typed = make("<html>", { status: 502, headers: { "content-type": "text/html" } });
    const error = await typed.json().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VerifyPaginationError);
    expect((error as Error).message).toMatch(/^HTTP 502 response is not JSON \(text\/html\): /);
    const untyped = readResponse(new Response(null, { status: 200 }), bytes("{"));
    untyped.headers.delete("content-type");
    await expect(untyped.json()).rejects.toThrow(/is not JSON \(no content type\)/);
  });

  it("parses JSON once it is asked for, and gives the same text every time", async () => {
    const response = make('{"a":1}');
    await expect(response.json()).resolves.toStrictEqual({ a: 1 });
    await expect(response.text()).resolves.toBe('{"a":1}');
    await expect(response.text()).resolves.toBe('{"a":1}');
  });

  it("gives its bytes as an ArrayBuffer and a Blob, copies a caller may change", async () => {
    const response = make("hello", { headers: { "content-type": "application/json" } });
    const buffer = await response.arrayBuffer();
    new Uint8Array(buffer)[0] = 0x4a;
    expect(new TextDecoder().decode(buffer)).toBe("Jello");
    await expect(response.text()).resolves.toBe("hello");
    const blob = await response.blob();
    expect(blob.type).toBe("application/json");
    await expect(blob.text()).resolves.toBe("hello");
    const untyped = readResponse(new Response(null), bytes("x"));
    untyped.headers.delete("content-type");
    expect((await untyped.blob()).type).toBe("");
  });

  it("gives its body as a stream of one chunk, or of none when empty, each time it is asked", async () => {
    const response = make("abc");
    expect((await read(response.body!)).map((c) => new TextDecoder().decode(c))).toStrictEqual([
      "abc",
    ]);
    expect(await read(response.body!)).toHaveLength(1);
    expect(await read(make("").body!)).toStrictEqual([]);
  });

  it("holds no body for a status that has none, whatever was read", async () => {
    const response = readResponse(new Response(null, { status: 204 }), bytes("junk"));
    await expect(response.text()).resolves.toBe("");
  });

  it("clones with its body and its attempts", async () => {
    const response = make("abc", { status: 201 });
    response.attempts = 3;
    const copy = response.clone();
    expect(copy).toBeInstanceOf(Response);
    if (!isReadResponse(copy)) throw new Error("a clone that is not a read response");
    expect([copy.status, copy.attempts]).toStrictEqual([201, 3]);
    await expect(copy.text()).resolves.toBe("abc");
  });
});

describe("isReadResponse", () => {
  it("tells a read response from one the platform made", () => {
    expect(isReadResponse(readResponse(new Response("x"), bytes("x")))).toBe(true);
    expect(isReadResponse(new Response("x"))).toBe(false);
  });
});
