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
  -o, --output FORMAT  table (default on a terminal), json, ndjson (default otherwise) or tsv
  --properties LIST    Comma-separated fields to show (default: sid,friendly_name,status,factor_type)
  --base-url URL       Where to send requests (default: $VERIFY_BASE_URL, else https://verify.twilio.com)
  --header 'N: V'      Send this header with every request (repeatable), e.g. 'Prefer: code=404'
  -h, --help           Show this help
  -v, --version        Show the version

Environment:
  TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN     Credentials: an Account SID and its Auth Token,
  TWILIO_API_KEY and TWILIO_API_SECRET         or an API Key SID (SK...) and its secret (used first)
  VERIFY_BASE_URL                              Where to send requests, when --base-url is not given
Credentials come from the environment only, never from flags.

Exit codes: 0 listed, 1 API or network error, 2 usage error, 130 interrupted.`;

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

/** The credentials, and the names of the two variables they came from (for messages). */
export interface Credentials {
  accountSid: string;
  authToken: string;
  from: [user: string, password: string];
}

/**
 * Credentials from the environment: an API Key and its secret when set (Verify's paths need no
 * Account SID), else the Account SID and its Auth Token.
 */
export function credentials(env: Record<string, string | undefined>): Credentials {
  const { TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_API_KEY, TWILIO_API_SECRET } = env;
  if (TWILIO_API_KEY || TWILIO_API_SECRET) {
    if (!TWILIO_API_KEY || !TWILIO_API_SECRET) {
      throw new UsageError("set both TWILIO_API_KEY and TWILIO_API_SECRET, or neither");
    }
    return {
      accountSid: TWILIO_API_KEY,
      authToken: TWILIO_API_SECRET,
      from: ["TWILIO_API_KEY", "TWILIO_API_SECRET"],
    };
  }
  if (!TWILIO_ACCOUNT_SID || !TWILIO_AUTH_TOKEN) {
    const missing = !TWILIO_ACCOUNT_SID ? "TWILIO_ACCOUNT_SID" : "TWILIO_AUTH_TOKEN";
    throw new UsageError(
      `${missing} is not set: set TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN, or TWILIO_API_KEY and TWILIO_API_SECRET`,
    );
  }
  return {
    accountSid: TWILIO_ACCOUNT_SID,
    authToken: TWILIO_AUTH_TOKEN,
    from: ["TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN"],
  };
}

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
  help: { type: "boolean", short: "h" },
  version: { type: "boolean", short: "v" },
} as const;

export type Command = ReturnType<typeof parse>;

type Values = {
  [K in keyof typeof OPTIONS]?: (typeof OPTIONS)[K] extends { type: "boolean" }
    ? boolean
    : (typeof OPTIONS)[K] extends { multiple: true }
      ? string[]
      : string;
};

/** Flags a user may reach for that this command takes from the environment instead. */
const SECRETS = new Set(["account-sid", "auth-token", "api-key", "api-secret"]);

/**
 * Checks each flag as it was typed, in this command's words: Node's own parser messages name
 * short forms and positionals this command does not have.
 */
function checkTokens(tokens: NonNullable<ReturnType<typeof parseArgs>["tokens"]>): void {
  for (const token of tokens) {
    if (token.kind !== "option") continue;
    const option = (OPTIONS as Record<string, { type: string }>)[token.name];
    if (!option) {
      const why = SECRETS.has(token.name)
        ? "credentials come from the environment only (see Environment in --help)"
        : "see --help for the flags";
      throw new UsageError(`unknown flag ${token.rawName}: ${why}`);
    }
    if (option.type === "string" && token.value === undefined) {
      throw new UsageError(`${token.rawName} needs a value`);
    }
    if (option.type === "boolean" && token.value !== undefined) {
      throw new UsageError(`${token.rawName} takes no value`);
    }
  }
}

/** `Name: value` as a header, or a usage error that says what is wrong with it. */
function header(text: string): [string, string] {
  const colon = text.indexOf(":");
  const pair: [string, string] = [text.slice(0, colon).trim(), text.slice(colon + 1).trim()];
  try {
    if (colon < 1) throw new TypeError("no name");
    new Headers([pair]);
  } catch {
    throw new UsageError(`--header "${text}" must be 'Name: value', with a valid header name`);
  }
  return pair;
}

export function parse(argv: string[], stdoutIsTTY: boolean) {
  const parsed = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: false,
    tokens: true,
    options: OPTIONS,
  });
  checkTokens(parsed.tokens);
  // Typed as strict parsing would type them, now that every token has been checked.
  const { positionals } = parsed;
  const values = parsed.values as Values;
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
    headers: (values.header ?? []).map(header),
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
