// The flags as Node's parser reads them, which command takes which, and the whole numbers some
// of them take.
import { parseWholeNumber } from "../whole-number.js";
import { UsageError } from "./usage-error.js";

export const OPTIONS = {
  "service-sid": { type: "string" },
  identity: { type: "string" },
  limit: { type: "string" },
  "page-size": { type: "string" },
  page: { type: "string" },
  "page-token": { type: "string" },
  output: { type: "string", short: "o" },
  properties: { type: "string" },
  "base-url": { type: "string" },
  header: { type: "string", multiple: true },
  "log-level": { type: "string" },
  identities: { type: "string" },
  status: { type: "string" },
  "factor-type": { type: "string", multiple: true },
  concurrency: { type: "string" },
  out: { type: "string" },
  checkpoint: { type: "string" },
  summary: { type: "string" },
  failed: { type: "string" },
  report: { type: "string" },
  "stale-days": { type: "string" },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean", short: "v" },
} as const;

/** Every flag as it may be typed: `--summary`, `-o`. */
export const FLAGS = new Set(
  Object.entries(OPTIONS).flatMap(([name, option]) => [
    `--${name}`,
    ...("short" in option ? [`-${option.short}`] : []),
  ]),
);

/** The flags each command takes. */
const COMMON_FLAGS = [
  "service-sid",
  "page-size",
  "output",
  "properties",
  "base-url",
  "header",
  "log-level",
];
export const LIST_FLAGS = new Set([...COMMON_FLAGS, "identity", "limit", "page", "page-token"]);
export const AUDIT_FLAGS = new Set([
  ...COMMON_FLAGS,
  "identities",
  "status",
  "factor-type",
  "concurrency",
  "out",
  "checkpoint",
  "summary",
  "failed",
  "report",
  "stale-days",
]);

export type Values = {
  [K in keyof typeof OPTIONS]?: (typeof OPTIONS)[K] extends { type: "boolean" }
    ? boolean
    : (typeof OPTIONS)[K] extends { multiple: true }
      ? string[]
      : string;
};

export function integer(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = parseWholeNumber(text);
  if (value === undefined) throw new UsageError(`--${name} must be a whole number, got "${text}"`);
  // Past this a number is rounded, and a message would quote the rounded one, not what was typed.
  if (!Number.isSafeInteger(value)) {
    throw new UsageError(
      `--${name} must be a whole number up to ${Number.MAX_SAFE_INTEGER}, got "${text}"`,
    );
  }
  return value;
}
