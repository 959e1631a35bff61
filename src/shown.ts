// What messages and log lines show of server text, URLs and responses: bounded, and never a
// credential.
import { REQUEST_ID_HEADER } from "./types.js";

/** `text` cut to `max` characters, with "…", and never between the halves of a surrogate pair. */
export function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max).replace(/[\uD800-\uDBFF]$/, "")}…` : text;
}

/**
 * Server text quoted in a message: on one line, and cut to `max` characters, so a hostile
 * response cannot make an error message as large as itself.
 */
export function snippet(text: string, max = 120): string {
  const flat = text
    .slice(0, max * 4)
    .replace(/\s+/g, " ")
    .trim();
  return cut(flat, max) || "(empty)";
}

/**
 * Parsed JSON written back as text. `JSON.parse` takes any depth, `JSON.stringify` runs out of
 * stack on a few thousand levels, and a hostile server may nest that deep.
 */
export function jsonText(value: unknown): string {
  try {
    return JSON.stringify(value) ?? "";
  } catch {
    return "(JSON nested too deeply to write back)";
  }
}

/**
 * A server's value as text: an object or array as JSON, anything else as `String` writes it.
 * `String` alone cannot be trusted with parsed JSON: an object whose own `toString` is not a
 * function (`{"toString": 1}`) makes it throw.
 */
export function textOf(value: unknown): string {
  return typeof value === "object" && value !== null ? jsonText(value) : String(value);
}

/**
 * What a value given for a parameter is, in words: a string quoted, to a bounded length, with its
 * length; a number or boolean as written; anything else by its kind.
 */
export function describe(value: unknown): string {
  if (typeof value === "string") {
    const count = `${value.length} character${value.length === 1 ? "" : "s"}`;
    // Quoted to a bounded length: a value may be megabytes long.
    return `is ${JSON.stringify(cut(value, 80))} (${count})`;
  }
  if (typeof value === "number" || typeof value === "boolean" || value == null)
    return `is ${value}`;
  if (typeof value === "bigint") return `is ${value}n`;
  if (Array.isArray(value)) return "is an array";
  return typeof value === "object" ? "is an object" : `is a ${typeof value}`;
}

/** A URL as it may be shown: anything between `//` and `@` (a user name, a password) hidden. */
export function withoutUserinfo(url: string): string {
  return url.replace(/\/\/[^/?#]*@/, "//…@");
}

/** `Twilio-Request-Id`, the id to quote to Twilio support. */
export function requestIdOf(headers: Headers): string | undefined {
  return headers.get(REQUEST_ID_HEADER) ?? undefined;
}
