import { createServer, type AddressInfo } from "node:net";
import {
  createVerifyClient,
  VerifyArgumentError,
  type VerifyClientOptions,
} from "../../src/index.js";
import { ACCOUNT_SID, AUTH_TOKEN, IDENTITY, SERVICE_SID } from "./fake-verify.js";

export const target = { serviceSid: SERVICE_SID, identity: IDENTITY };

export function clientFor(server: { url: string }, options: Partial<VerifyClientOptions> = {}) {
  return createVerifyClient({
    accountSid: ACCOUNT_SID,
    authToken: AUTH_TOKEN,
    baseUrl: server.url,
    ...options,
  });
}

export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

/** The error a promise rejects with; fails the test when it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<any> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a rejection, got a value");
}

/** The VerifyArgumentError `run` throws; another error, or none, fails the test. */
export function argumentError(run: () => unknown): VerifyArgumentError {
  try {
    run();
  } catch (error) {
    if (error instanceof VerifyArgumentError) return error;
    throw error;
  }
  throw new Error("expected a VerifyArgumentError, got none");
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * What `run` leaves uncaught or unhandled, up to `ms` after it ends: Node reports an unhandled
 * rejection after the microtasks of the turn it was made in.
 */
export async function strayErrors(run: () => unknown, ms = 0): Promise<unknown[]> {
  const stray: unknown[] = [];
  const note = (error: unknown) => stray.push(error);
  process.on("uncaughtException", note).on("unhandledRejection", note);
  try {
    await run();
    await sleep(ms);
  } finally {
    process.off("uncaughtException", note).off("unhandledRejection", note);
  }
  return stray;
}

/**
 * Resolves once `done()` holds, looking every 5 ms: for a state the test cannot await directly.
 * Rejects when it still does not hold after `withinMs`, so a state that never comes fails the test
 * with this message instead of running into its timeout.
 */
export async function until(done: () => boolean, withinMs = 10_000): Promise<void> {
  const deadline = Date.now() + withinMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`not so after ${withinMs} ms: ${done}`);
    await sleep(5);
  }
}

/** A promise that settles when the test opens it: for the fake's `heldUntil` fault. */
export function gate(): { opened: Promise<void>; open: () => void } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

/**
 * How many signals Node keeps alive for `signal` (those `AbortSignal.any` made from it): read from
 * Node's own bookkeeping, since that set is what grows the heap when a long-lived signal is shared.
 */
export function signalsKeptBy(signal: AbortSignal): number {
  const key = Object.getOwnPropertySymbols(signal).find(
    (symbol) => symbol.description === "kDependantSignals",
  );
  const kept = key
    ? (signal as unknown as Record<symbol, Set<unknown> | undefined>)[key]
    : undefined;
  return kept?.size ?? 0;
}

/**
 * A plain TCP server that answers each request with `answer` as written, for responses no HTTP
 * server library would send. `connections()` counts the connections made to it.
 */
export async function rawServer(answer: string) {
  let connections = 0;
  const server = createServer((socket) => {
    connections++;
    socket.once("data", () => socket.end(answer));
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    connections: () => connections,
    close: () => new Promise((done) => server.close(done)),
  };
}

/**
 * A server that speaks no TLS (plain TCP, answering in HTTP) and its `https://` address: a client
 * that dials it fails its TLS handshake.
 */
export async function noTlsServer() {
  const server = await rawServer("HTTP/1.1 400 Bad Request\r\n\r\n");
  return { ...server, url: server.url.replace(/^http:/, "https:") };
}
