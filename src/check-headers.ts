// Headers a caller gives, checked at the call: a bad one would otherwise fail only after the
// retries, as a failed connection, or carry a line break into the request.
import { describe } from "./shown.js";
import { VerifyArgumentError } from "./errors.js";

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** Control characters but the tab: a line break in a value would end the header there. */
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f]/;
/** A header is bytes: `Headers` takes a character up to U+00FF as a byte, and throws on others. */
const BEYOND_A_BYTE = /[^\u0000-\u00ff]/;
/**
 * Headers the platform's fetch sets from the request itself, and `Expect`, which Node's refuses:
 * one set by hand breaks the request.
 */
const SET_BY_FETCH = new Set([
  "connection",
  "content-length",
  "expect",
  "host",
  "keep-alive",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
]);

/** One of a list of pairs, as `new Headers` takes it: a name and a value, nothing more. */
function checkPair(pair: unknown): [unknown, unknown] {
  if (!Array.isArray(pair) || pair.length !== 2) {
    // Never quoted: a string here may be a whole header, secret and all.
    const shown = Array.isArray(pair)
      ? `of ${pair.length} item${pair.length === 1 ? "" : "s"}`
      : `that ${typeof pair === "string" ? "is a string" : describe(pair)}`;
    throw new VerifyArgumentError("headers", `has a pair ${shown}`, "pairs of a name and a value");
  }
  return [pair[0], pair[1]];
}

/**
 * Headers as `new Headers` takes them, each name and value checked at the call, or a
 * `VerifyArgumentError` naming the header: a value may be a secret, so it is never repeated.
 */
export function checkHeaders(value: unknown): Headers {
  let pairs: [unknown, unknown][];
  if (value instanceof Headers) pairs = [...value];
  else if (Array.isArray(value)) pairs = value.map(checkPair);
  else if (typeof value === "object" && value !== null) pairs = Object.entries(value);
  else
    throw new VerifyArgumentError(
      "headers",
      describe(value),
      "a Headers object, pairs or a record",
    );
  const checked: [string, string][] = [];
  for (const [name, text] of pairs) {
    if (typeof name !== "string" || !HEADER_NAME.test(name)) {
      throw new VerifyArgumentError(
        "headers",
        `has a name that ${describe(name)}`,
        "names of letters, digits and !#$%&'*+.^_`|~-",
      );
    }
    if (typeof text !== "string" && typeof text !== "number") {
      throw new VerifyArgumentError(
        "headers",
        `has "${name}" with a value that ${describe(text)}`,
        "text",
      );
    }
    const written = String(text);
    if (CONTROL.test(written)) {
      throw new VerifyArgumentError(
        "headers",
        `has "${name}" with a value holding a line break or control character`,
        "values without them (the value is not shown: it may be a secret)",
      );
    }
    if (BEYOND_A_BYTE.test(written)) {
      throw new VerifyArgumentError(
        "headers",
        `has "${name}" with a value holding a character above U+00FF`,
        "values of Latin-1 characters: encode other text first, as with encodeURIComponent",
      );
    }
    if (SET_BY_FETCH.has(name.toLowerCase())) {
      throw new VerifyArgumentError(
        "headers",
        `has "${name}"`,
        "free of the headers fetch sets itself (Connection, Content-Length, Host, Transfer-Encoding...)",
      );
    }
    checked.push([name, written]);
  }
  return new Headers(checked);
}
