// attempt() with the sending done by the test: what it makes of each way an attempt can end.
// Its behaviour on the wire is attempt.test.ts's, against the fake server.
import { getEventListeners } from "node:events";
import { describe, expect, it } from "vitest";
import { VerifyConnectionError, VerifyTimeoutError } from "../../src/errors.js";
import { attempt, type SendOnce } from "../../src/http/attempt.js";
import { isReadResponse } from "../../src/http/read-response.js";
import { strayErrors } from "../support/helpers.js";

const request = new Request("https://verify.example.invalid/v2/Services/VA1/Entities");
const limits = { timeoutMs: 50, maxResponseBytes: 1024 };

function run(send: SendOnce, signal = new AbortController().signal) {
  return attempt(send, request, new Headers(), signal, limits);
}

describe("attempt", () => {
  it("reads the response and lets go of the caller's signal and its timer", async () => {
    const signal = new AbortController().signal;
    const result = await run(async () => new Response('{"a":1}'), signal);
    expect(isReadResponse(result as Response)).toBe(true);
    expect(getEventListeners(signal, "abort")).toHaveLength(0);
  });

  it("says why a connection failed on one line, however the platform words it", async () => {
    const tls = new TypeError("fetch failed", {
      cause: new Error("error:0A00010B:SSL routines::wrong version number:\n"),
    });
    const result = await run(async () => Promise.reject(tls));
    expect(result).toBeInstanceOf(VerifyConnectionError);
    expect((result as Error).message).toBe(
      "GET https://verify.example.invalid: connection failed (error:0A00010B:SSL routines::wrong version number:)",
    );
  });

  it("leaves no listener on the signal it gave fetch, which fetch may keep after the attempt", async () => {
    let given: AbortSignal | undefined;
    await run(async (_, init) => {
      given = init.signal!;
      return new Response('{"a":1}');
    });
    expect(getEventListeners(given!, "abort")).toHaveLength(0);
  });

  it("sends with the caller's headers, a signal of its own and redirects left as they are", async () => {
    let seen: RequestInit | undefined;
    const headers = new Headers({ "x-test": "1" });
    await attempt(
      async (_, init) => {
        seen = init;
        return new Response("{}");
      },
      request,
      headers,
      new AbortController().signal,
      limits,
    );
    expect(seen?.redirect).toBe("manual");
    expect(seen?.headers).toBe(headers);
    expect(seen?.signal).toBeInstanceOf(AbortSignal);
  });

  it("a redirect a browser hides is a connection error that says so", async () => {
    const redirect = new Response(null);
    Object.defineProperty(redirect, "type", { value: "opaqueredirect" });
    const result = await run(async () => redirect);
    expect(result).toBeInstanceOf(VerifyConnectionError);
    expect((result as Error).message).toBe(
      "GET https://verify.example.invalid: responded with a redirect, which is not followed",
    );
  });

  it.each([
    [199, "a stream", true],
    [600, "none", false],
  ])("status %i is a connection error, its body (%s) let go unread", async (status, _, stream) => {
    let cancelled = false;
    const body = stream ? new ReadableStream({ cancel: () => void (cancelled = true) }) : null;
    const response = new Response(body);
    Object.defineProperty(response, "status", { value: status });
    const result = await run(async () => response);
    expect(result).toBeInstanceOf(VerifyConnectionError);
    expect((result as Error).message).toBe(
      `GET https://verify.example.invalid: responded with status ${status}, not an HTTP status of 200 to 599`,
    );
    expect(cancelled).toBe(stream);
  });

  it("status 700 from a fetch of one's own whose body's cancel() throws still says the status", async () => {
    const body = {
      getReader: () => ({}),
      cancel: () => {
        throw new Error("cannot cancel");
      },
    };
    const response = { status: 700, headers: new Headers(), body, bodyUsed: false };
    const result = await run(async () => response as unknown as Response);
    expect((result as Error).message).toBe(
      "GET https://verify.example.invalid: responded with status 700, not an HTTP status of 200 to 599",
    );
  });

  it("status 700 with a body whose cancel() never settles ends the attempt all the same", async () => {
    const body = { getReader: () => ({}), cancel: () => new Promise(() => {}) };
    const response = { status: 700, headers: new Headers(), body, bodyUsed: false };
    const outcome = run(async () => response as unknown as Response);
    const held = new Promise((resolve) => setTimeout(() => resolve("held"), 1000));
    expect(await Promise.race([outcome, held])).toBeInstanceOf(VerifyConnectionError);
  });

  it.each([200, 599])("status %i, at an end of HTTP's range, is a response", async (status) => {
    const result = await run(async () => new Response("{}", { status }));
    expect((result as Response).status).toBe(status);
  });

  it.each([
    ["a send that never settles", () => new Promise<Response>(() => {})],
    [
      "a body that never ends",
      async () => new Response(new ReadableStream({ pull: () => new Promise(() => {}) })),
    ],
    [
      "a body of its own whose reads never end, cancelled or not",
      async () => {
        const reader = { read: () => new Promise(() => {}), cancel: async () => {} };
        const body = { getReader: () => reader };
        return {
          status: 200,
          headers: new Headers(),
          body,
          bodyUsed: false,
        } as unknown as Response;
      },
    ],
  ])("ends at timeoutMs with a fetch that ignores its signal: %s", async (_name, send) => {
    const result = await run(send);
    expect(result).toBeInstanceOf(VerifyTimeoutError);
  });

  const fails = () => {
    throw new Error("no cancel here");
  };
  it.each([
    ["a response", "stream"],
    ["null", null],
    ["an object with no body", {}],
    ["a null body", { body: null }],
    ["a body with no cancel()", { body: {} }],
    ["a cancel() that throws at once", { body: { cancel: fails } }],
    ["a cancel() that rejects", { body: { cancel: async () => fails() } }],
  ])("lets go of what the send gives after timeoutMs, unread: %s", async (_name, given) => {
    let cancelled = false;
    const late =
      given === "stream"
        ? new Response(new ReadableStream({ cancel: () => void (cancelled = true) }))
        : given;
    let arrive = (_value: unknown) => {};
    const sent = new Promise<Response>((r) => (arrive = r as (value: unknown) => void));
    const stray = await strayErrors(async () => {
      expect(await run(() => sent)).toBeInstanceOf(VerifyTimeoutError);
      arrive(late);
    });
    expect(stray).toStrictEqual([]);
    expect(cancelled).toBe(given === "stream");
  });

  it("ends at once, sending nothing it waits for, when the caller's signal has aborted already", async () => {
    const caller = new AbortController();
    caller.abort(new Error("stopped"));
    const result = await attempt(
      () => new Promise<Response>(() => {}),
      request,
      new Headers(),
      caller.signal,
      { ...limits, timeoutMs: 60_000 },
    );
    expect(result).toBeInstanceOf(VerifyConnectionError);
    expect((result as Error).message).toMatch(/connection failed \(stopped\)/);
  });

  it("no response within timeoutMs is a VerifyTimeoutError naming the request and the time", async () => {
    const result = await run(
      (_, init) =>
        new Promise((_resolve, reject) =>
          init.signal!.addEventListener("abort", () => reject(init.signal!.reason)),
        ),
    );
    expect(result).toBeInstanceOf(VerifyTimeoutError);
    expect((result as Error).message).toBe(
      "GET https://verify.example.invalid: no response within 50 ms",
    );
    expect((result as Error).cause).toBeInstanceOf(DOMException);
    expect(((result as Error).cause as DOMException).message).toBe("no response within 50 ms");
    // The reason fetch and the caller's code see: a timeout, as AbortSignal.timeout names it.
    expect(((result as Error).cause as DOMException).name).toBe("TimeoutError");
  });

  it("a failed connection is a VerifyConnectionError that gives the underlying reason", async () => {
    const failure = new TypeError("fetch failed", { cause: new Error("connect ECONNREFUSED") });
    const result = await run(async () => Promise.reject(failure));
    expect(result).toBeInstanceOf(VerifyConnectionError);
    expect((result as Error).message).toBe(
      "GET https://verify.example.invalid: connection failed (connect ECONNREFUSED)",
    );
    expect((result as Error).cause).toBe(failure);
    const plain = await run(async () => Promise.reject(new Error("reset")));
    expect((plain as Error).message).toMatch(/connection failed \(reset\)$/);
    const odd = await run(async () => Promise.reject("odd"));
    expect((odd as Error).message).toMatch(/connection failed \(odd\)$/);
    // An object String() throws on (its own toString is not a function) is shown as JSON.
    const object = await run(async () => Promise.reject({ toString: 1 }));
    expect((object as Error).message).toMatch(/connection failed \(\{"toString":1\}\)$/);
    const nothing = await run(async () => Promise.reject(null));
    expect((nothing as Error).message).toMatch(/connection failed \(null\)$/);
  });
});
