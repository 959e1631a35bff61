// The command line's words: flags, their checks, and credentials from the environment.
import { parseArgs } from "node:util";
import { parseWholeNumber } from "../whole-number.js";
import { FORMATS, type FormatName } from "./formats.js";

export const USAGE = `Usage: verify-factors list --service-sid VA... --identity ID [options]

List the Factors of a Twilio Verify Entity.

Options:
  --service-sid SID    The Verify Service SID (VA followed by 32 hex digits)
  --identity ID        The Entity's identity (8 to 64 dash-separated alphanumerics)
  --limit N            List at most N factors
  --page-size N        Factors per request, 1 to 1000 (Twilio's default: 50)
  --page N             Start at this page index (with --page-token, to resume)
  --page-token T       Start at this page token (to resume)
  --output FORMAT      table (default on a terminal), json, ndjson (default otherwise) or tsv
  --properties LIST    Comma-separated fields to show (default: sid,friendly_name,status,factor_type)
  --base-url URL       Where to send requests (default: https://verify.twilio.com)
  -h, --help           Show this help
  -v, --version        Show the version

Credentials (environment only):
  TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN, or
  TWILIO_ACCOUNT_SID with TWILIO_API_KEY and TWILIO_API_SECRET

Exit codes: 0 listed, 1 API or network error, 2 usage error.`;

export const FIELDS = [
  "sid",
  "account_sid",
  "service_sid",
  "entity_sid",
  "identity",
  "date_created",
  "date_updated",
  "friendly_name",
  "status",
  "factor_type",
  "config",
  "metadata",
  "url",
];
const DEFAULT_PROPERTIES = ["sid", "friendly_name", "status", "factor_type"];

/** A mistake on the command line: exit 2, with the help hint. */
export class UsageError extends Error {}

function integer(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = parseWholeNumber(text);
  if (value === undefined) throw new UsageError(`--${name} must be a whole number, got "${text}"`);
  return value;
}

export function credentials(env: Record<string, string | undefined>): {
  accountSid: string;
  authToken: string;
} {
  const { TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_API_KEY, TWILIO_API_SECRET } = env;
  if (!TWILIO_ACCOUNT_SID) {
    throw new UsageError(
      "set TWILIO_ACCOUNT_SID (and TWILIO_AUTH_TOKEN, or TWILIO_API_KEY and TWILIO_API_SECRET)",
    );
  }
  if (TWILIO_API_KEY || TWILIO_API_SECRET) {
    if (!TWILIO_API_KEY || !TWILIO_API_SECRET) {
      throw new UsageError("set both TWILIO_API_KEY and TWILIO_API_SECRET, or neither");
    }
    return { accountSid: TWILIO_API_KEY, authToken: TWILIO_API_SECRET };
  }
  if (!TWILIO_AUTH_TOKEN)
    throw new UsageError("set TWILIO_AUTH_TOKEN, or TWILIO_API_KEY and TWILIO_API_SECRET");
  return { accountSid: TWILIO_ACCOUNT_SID, authToken: TWILIO_AUTH_TOKEN };
}

const OPTIONS = {
  "service-sid": { type: "string" },
  identity: { type: "string" },
  limit: { type: "string" },
  "page-size": { type: "string" },
  page: { type: "string" },
  "page-token": { type: "string" },
  output: { type: "string", short: "o" },
  properties: { type: "string" },
  "base-url": { type: "string" },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean", short: "v" },
} as const;

export type Command = ReturnType<typeof parse>;

export function parse(argv: string[], stdoutIsTTY: boolean) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: OPTIONS,
  });
  if (values.help || values.version) return { help: values.help, version: values.version } as const;
  const [command, ...extra] = positionals;
  if (command !== "list") {
    throw new UsageError(
      command ? `unknown command "${command}"; the command is "list"` : 'missing command "list"',
    );
  }
  if (extra.length) throw new UsageError(`unexpected argument "${extra[0]}"`);
  if (!values["service-sid"]) throw new UsageError("--service-sid is required");
  if (!values.identity) throw new UsageError("--identity is required");
  const output = (values.output ?? (stdoutIsTTY ? "table" : "ndjson")) as FormatName;
  if (!FORMATS.includes(output)) {
    throw new UsageError(`--output must be one of ${FORMATS.join(", ")}, got "${values.output}"`);
  }
  const properties = values.properties?.split(",").map((p) => p.trim()) ?? DEFAULT_PROPERTIES;
  const unknown = properties.find((p) => !FIELDS.includes(p));
  if (unknown !== undefined) {
    throw new UsageError(`--properties: unknown property "${unknown}"; known: ${FIELDS.join(",")}`);
  }
  return {
    output,
    properties,
    pickProperties: values.properties !== undefined,
    baseUrl: values["base-url"],
    list: {
      serviceSid: values["service-sid"],
      identity: values.identity,
      limit: integer("limit", values.limit),
      pageSize: integer("page-size", values["page-size"]),
      page: integer("page", values.page),
      pageToken: values["page-token"],
    },
  } as const;
}
