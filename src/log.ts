// What the client says about its requests, and to whom: a logger of the caller's (`console` fits)
// at a level, `warn` unless set. Lines name method, URL, status and timing, never a credential.
import { describe } from "./shown.js";
import { VerifyArgumentError } from "./errors.js";

export type LogLevel = "off" | "error" | "warn" | "info" | "debug";

export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export const LOG_LEVELS: readonly LogLevel[] = ["off", "error", "warn", "info", "debug"];

/**
 * The logger's methods the level lets through, each taking a function that makes the line: a
 * line the level leaves out is never made, so a quiet client pays nothing per request.
 */
export type Log = Record<Exclude<LogLevel, "off">, (line: () => string) => void>;

const quiet = () => {};

export function createLog(logger: Logger, level: LogLevel): Log {
  const rank = LOG_LEVELS.indexOf(level);
  const at = (name: Exclude<LogLevel, "off">) =>
    LOG_LEVELS.indexOf(name) <= rank
      ? (line: () => string) => {
          // A logger's failure must never change what the client does, nor, for an async
          // logger's rejected promise, end the app as an unhandled rejection.
          try {
            const returned: unknown = logger[name](`[verify-factors] ${line()}`);
            const then = (returned as PromiseLike<unknown> | undefined)?.then;
            if (typeof then === "function") then.call(returned, undefined, quiet);
          } catch {}
        }
      : quiet;
  return { error: at("error"), warn: at("warn"), info: at("info"), debug: at("debug") };
}

/** `VERIFY_FACTORS_LOG` where there is a `process` to read it from; nothing elsewhere. */
export function levelFromEnvironment(): string | undefined {
  try {
    return (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env
      ?.VERIFY_FACTORS_LOG;
  } catch {
    // Deno without --allow-env throws on reading the environment.
    return undefined;
  }
}

export function checkLogger(value: unknown): Logger {
  const logger = value as Partial<Record<string, unknown>> | null;
  const methods = ["debug", "info", "warn", "error"];
  if (
    typeof logger !== "object" ||
    logger === null ||
    methods.some((m) => typeof logger[m] !== "function")
  ) {
    throw new VerifyArgumentError(
      "logger",
      describe(value),
      "an object with debug, info, warn and error functions",
    );
  }
  return value as Logger;
}

let warnedOfEnvironment = false;

/**
 * The level asked for (checked: a wrong one throws), else the environment's, else `fallback`.
 * The environment never breaks an app: any case is read, empty means unset, and anything else
 * is warned of once, through `logger`, and `fallback` used.
 */
export function checkLogLevel(
  value: unknown,
  fromEnvironment: string | undefined,
  fallback: LogLevel,
  logger: Logger,
): LogLevel {
  if (value !== undefined) {
    if (!LOG_LEVELS.includes(value as LogLevel)) {
      throw new VerifyArgumentError("logLevel", describe(value), `one of ${LOG_LEVELS.join(", ")}`);
    }
    return value as LogLevel;
  }
  const wanted = fromEnvironment?.trim().toLowerCase();
  if (!wanted) return fallback;
  if (LOG_LEVELS.includes(wanted as LogLevel)) return wanted as LogLevel;
  if (!warnedOfEnvironment) {
    warnedOfEnvironment = true;
    createLog(logger, "warn").warn(
      () =>
        `VERIFY_FACTORS_LOG ${describe(fromEnvironment)}, not one of ${LOG_LEVELS.join(", ")}; using ${fallback}`,
    );
  }
  return fallback;
}
