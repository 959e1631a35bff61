import { defaultPathSerializer } from "openapi-fetch";
import { VerifyArgumentError } from "../errors.js";

const PATH_PARAM = /\{([^{}]+)\}/g;

/**
 * openapi-fetch's serializer percent-encodes values, but `.` and `..` survive encoding and
 * URL parsing turns them into "this folder" and "the parent folder": an identity of `..` would
 * reach another endpoint. Such values, and missing ones, are refused before any request.
 */
export function strictPathSerializer(pathname: string, params: Record<string, unknown>): string {
  for (const [, name] of pathname.matchAll(PATH_PARAM)) {
    const value = params?.[name!];
    if (typeof value !== "string" && typeof value !== "number") {
      throw new VerifyArgumentError(name!, `is ${value === null ? "null" : typeof value}`, "given");
    }
    const text = String(value);
    if (/^(\.|%2e){0,2}$/i.test(text)) {
      throw new VerifyArgumentError(
        name!,
        `is ${JSON.stringify(text)}`,
        "a path segment of its own",
      );
    }
  }
  return defaultPathSerializer(pathname, params);
}
