// A response whose body the attempt has read whole (read-body.ts), decoded once when asked for.
// openapi-fetch parses it through `json()` like any response.
import { VerifyPaginationError } from "../errors.js";

/** The statuses a Response may have no body with (101 is refused before, as under 200). */
const NULL_BODY_STATUSES = new Set([204, 205, 304]);
const decoder = new TextDecoder();

/** A response whose body was read whole; `attempts` is how many the request took (1: no retry). */
export type ReadResponse = Response & { attempts: number };

/** Whether `response` came from `readResponse` (and so carries `attempts`). */
export const isReadResponse = (response: Response): response is ReadResponse =>
  typeof (response as Partial<ReadResponse>).attempts === "number";

/**
 * The response as received, its body already read. Its headers describe the body it holds: the
 * decoded length as `Content-Length`, and no `Content-Encoding`, since decoding is done.
 */
export function readResponse(received: Response, bytes: Uint8Array): ReadResponse {
  made ??= makeClass();
  return new made(received, bytes);
}

// Made on first use, not at import: naming `Response` loads the platform's fetch implementation,
// a cost an app that only imports this package should not pay.
let made: ReturnType<typeof makeClass> | undefined;

/**
 * What a response says of how it came, kept as received for middleware to read, and not given to
 * `Response`: it refuses a reason phrase beyond Latin-1 (as a proxy's "404 見つかりません"), which
 * a server may send and fetch hands on. A fetch of the caller's own may leave them out.
 */
const KEPT = ["statusText", "url", "type", "redirected"] as const;
type Kept = Pick<Response, (typeof KEPT)[number]>;

function makeClass() {
  return class Read extends Response {
    attempts = 1;
    readonly #bytes: Uint8Array;
    readonly #kept: Kept;
    #text: string | undefined;

    constructor(received: Response, bytes: Uint8Array) {
      const headers = new Headers(received.headers);
      headers.delete("content-encoding");
      headers.set("content-length", String(bytes.byteLength));
      const { status } = received;
      super(null, { status, headers });
      const { statusText = "", url = "", type = "default", redirected = false } = received;
      this.#kept = { statusText, url, type, redirected };
      this.#bytes = NULL_BODY_STATUSES.has(status) ? new Uint8Array(0) : bytes;
    }

    override text(): Promise<string> {
      this.#text ??= decoder.decode(this.#bytes);
      return Promise.resolve(this.#text);
    }

    /** The body as JSON; a body that is not JSON is a `VerifyPaginationError` naming its type. */
    override async json(): Promise<any> {
      const text = await this.text();
      try {
        return JSON.parse(text);
      } catch (error) {
        throw VerifyPaginationError.notJson(this, (error as Error).message);
      }
    }

    override arrayBuffer(): Promise<ArrayBuffer> {
      return Promise.resolve(this.#bytes.slice().buffer);
    }

    override blob(): Promise<Blob> {
      const type = this.headers.get("content-type") ?? "";
      // Stryker disable next-line MethodExpression: a Blob copies its parts; the slice gives the type a part needs (bytes over an ArrayBuffer)
      return Promise.resolve(new Blob([this.#bytes.slice()], { type }));
    }

    static {
      // Defined here, not as getters in the class, because `Response` declares them properties.
      for (const name of KEPT) {
        Object.defineProperty(this.prototype, name, {
          get(this: Read) {
            return this.#kept[name];
          },
        });
      }
      // The body as a stream, for middleware that reads `response.body`: made only when asked for.
      // Stryker disable next-line StringLiteral,ObjectLiteral: the class is made once, at first use, so per-test coverage credits only the first test to read a response; "gives its body as a stream" fails on both
      Object.defineProperty(this.prototype, "body", {
        get(this: Read) {
          const bytes = this.#bytes;
          return new ReadableStream<Uint8Array>({
            start(controller) {
              if (bytes.byteLength > 0) controller.enqueue(bytes);
              controller.close();
            },
          });
        },
      });
    }

    override clone(): Read {
      const copy = new Read(this, this.#bytes);
      copy.attempts = this.attempts;
      return copy;
    }
  };
}
