// The options each public entry point takes, by name. A name it does not take is refused at the
// call: ignored, a slip such as `limt` or `timeoutMS` would list everything or wait the default.
import { checkObject } from "../checks.js";
import { VerifyArgumentError } from "../errors.js";
import { cut } from "../shown.js";
import { closest } from "../suggest.js";
import type {
  AuditOptions,
  ListEntitiesOptions,
  ListFactorsOptions,
  VerifyClientOptions,
} from "./public.js";

const CALL = ["signal", "maxRetries", "timeoutMs", "headers"] as const;
const LIST = [...CALL, "pageSize", "limit", "page", "pageToken", "prefetch"] as const;

/**
 * The names given, each an option of `T` (or the build fails), and every option of `T` given (or
 * the call asks for a second argument, typed as the names left out).
 */
const every =
  <T>() =>
  <const Given extends readonly (keyof T & string)[]>(
    names: Given,
    ...complete: Exclude<keyof T, Given[number]> extends never
      ? []
      : [missing: Exclude<keyof T, Given[number]>]
  ) =>
    names;

const OPTIONS = {
  createVerifyClient: every<VerifyClientOptions>()([
    "accountSid",
    "authToken",
    "baseUrl",
    "headers",
    "fetch",
    "maxRetries",
    "timeoutMs",
    "logger",
    "logLevel",
    "maxResponseBytes",
    "maxConcurrency",
  ]),
  listFactors: every<ListFactorsOptions>()(["serviceSid", "identity", ...LIST]),
  listEntities: every<ListEntitiesOptions>()(["serviceSid", ...LIST]),
  auditFactors: every<AuditOptions>()([
    "serviceSid",
    "identities",
    "concurrency",
    "pageSize",
    ...CALL,
  ]),
};

/** `options` checked as an object holding only the options `entry` takes. */
export function checkOptions<T>(entry: keyof typeof OPTIONS, options: T): T {
  checkObject("options", options);
  const known: readonly string[] = OPTIONS[entry];
  const unknown = Object.keys(options as object).find((name) => !known.includes(name));
  if (unknown === undefined) return options;
  const guess = closest(unknown, known);
  throw new VerifyArgumentError(
    "options",
    `has ${JSON.stringify(cut(unknown, 40))}, which ${entry} does not take${guess ? ` (did you mean "${guess}"?)` : ""}`,
    `an object of these options only: ${known.join(", ")}`,
  );
}
