// openapi-fetch's serializers, with what they cannot put in a URL refused first, by name.
import { createQuerySerializer, defaultPathSerializer } from "openapi-fetch";
import { checkWellFormed } from "../checks.js";
import { describe } from "../shown.js";
import { VerifyArgumentError } from "../errors.js";

const PATH_PARAM = /\{([^{}]+)\}/g;

/** A lone surrogate has no UTF-8 bytes: percent-encoding it throws a bare `URIError`. */
function checkEncodable(name: string, value: unknown): void {
  const values = typeof value === "object" && value !== null ? Object.values(value) : [value];
  // Stryker disable next-line ConditionalExpression: a number or boolean has no surrogate to find
  for (const each of values) if (typeof each === "string") checkWellFormed(name, each);
}

/**
 * openapi-fetch's serializer percent-encodes values, but `.` and `..` survive encoding and
 * URL parsing turns them into "this folder" and "the parent folder": an identity of `..` would
 * reach another endpoint. Such values, and missing ones, are refused before any request.
 */
export function strictPathSerializer(pathname: string, params: Record<string, unknown>): string {
  for (const [, name] of pathname.matchAll(PATH_PARAM)) {
    const value = params?.[name!];
    if (typeof value !== "string" && typeof value !== "number") {
      throw new VerifyArgumentError(name!, describe(value), "given");
    }
    const text = String(value);
    if (/^(\.|%2e){0,2}$/i.test(text)) {
      throw new VerifyArgumentError(
        name!,
        `is ${JSON.stringify(text)}`,
        "a path segment of its own",
      );
    }
    checkEncodable(name!, text);
  }
  return defaultPathSerializer(pathname, params);
}

/**
 * openapi-fetch calls the path serializer only when `params.path` is given: without it, a call
 * from plain JavaScript would send `{ServiceSid}` as it is. The request's URL is checked for such
 * a segment before it is sent, and refused by the parameter's name, as a missing value is above.
 */
export function checkPathFilled(url: string): void {
  const path = url.replace(/[?#].*/s, "");
  const unfilled = /\/%7B(\w+)%7D(?=\/|$)/i.exec(path);
  if (unfilled) throw new VerifyArgumentError(unfilled[1]!, describe(undefined), "given");
}

const serializeQuery = createQuerySerializer();

/** openapi-fetch's default query serializer, for `api` calls whose values skipped the types. */
export function strictQuerySerializer(query: Record<string, unknown>): string {
  for (const [name, value] of Object.entries(query ?? {})) checkEncodable(name, value);
  return serializeQuery(query);
}
