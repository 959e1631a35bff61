// The command line's words: flags, their checks, and credentials from the environment.
import { parseArgs } from "node:util";
import { parseWholeNumber } from "../whole-number.js";
import { FORMATS, type FormatName } from "./formats.js";

export const USAGE = `Usage: verify-factors list --service-sid VA... --identity ID [options]
       verify-factors audit --service-sid VA... [options]

list: the Factors of one Twilio Verify Entity.
audit: the Factors of many Entities (every Entity of the Service, or those of --identities), one
row per matching factor, many Entities at a time under one shared rate budget.

Options (list):
  --service-sid SID    The Verify Service SID (VA followed by 32 hex digits)
  --identity ID        The Entity's identity (8 to 64 dash-separated alphanumerics)
  --limit N            List at most N factors
  --page-size N        Factors per request, 1 to 1000 (Twilio's default: 50)
  --page N             Start at this page index (with --page-token, to resume)
  --page-token T       Start at this page token (to resume)
  -o, --output FORMAT  table (default on a terminal), json, ndjson (default otherwise) or tsv
  --properties LIST    Comma-separated fields to show (default: sid,friendly_name,status,factor_type)
  --base-url URL       Where to send requests (default: $VERIFY_BASE_URL, else https://verify.twilio.com)
Options (audit; also --page-size, --output, --properties, --base-url, --header):
  --identities FILE    Audit these identities, one a line (- for stdin); default: every Entity
  --status S           Only factors with this status: unverified or verified
  --factor-type T      Only factors of these types: push, totp, passkeys (repeatable, or a,b)
  --concurrency N      Entities audited at once, 1 to 1000 (default 10)
  --out FILE           Write the rows to FILE instead of stdout
  --checkpoint FILE    With --out: record progress, so the same command run again after a
                       crash or kill goes on where it stopped, no row missing or twice
  --header 'N: V'      Send this header with every request (repeatable), e.g. 'Prefer: code=404'
  --log-level LEVEL    What to tell on stderr: off, error, warn (default), info (each retry) or
                       debug (each request, with its status, time and request id)
  -h, --help           Show this help
  -v, --version        Show the version

Environment:
  TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN     Credentials: an Account SID and its Auth Token,
  TWILIO_API_KEY and TWILIO_API_SECRET         or an API Key SID (SK...) and its secret (used first)
  VERIFY_BASE_URL                              Where to send requests, when --base-url is not given
  VERIFY_FACTORS_LOG                           The log level, when --log-level is not given
Credentials come from the environment only, never from flags.

Exit codes: 0 listed, 1 API or network error (audit: an Entity failed), 2 usage error,
130 interrupted.`;

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
const AUDIT_PROPERTIES = ["identity", ...DEFAULT_PROPERTIES];
const STATUSES = ["unverified", "verified"];
const FACTOR_TYPES = ["push", "totp", "passkeys"];

const COMMON_FLAGS = [
  "service-sid",
  "page-size",
  "output",
  "properties",
  "base-url",
  "header",
  "log-level",
];
const LIST_FLAGS = new Set([...COMMON_FLAGS, "identity", "limit", "page", "page-token"]);
const AUDIT_FLAGS = new Set([
  ...COMMON_FLAGS,
  "identities",
  "status",
  "factor-type",
  "concurrency",
  "out",
  "checkpoint",
]);

/** The audit's own flags, checked. */
function audit(values: Values, output: FormatName) {
  const status = values.status;
  if (status !== undefined && !STATUSES.includes(status)) {
    throw new UsageError(`--status must be one of ${STATUSES.join(", ")}, got "${status}"`);
  }
  const types = (values["factor-type"] ?? []).flatMap((t) => t.split(",").map((p) => p.trim()));
  const unknownType = types.find((t) => !FACTOR_TYPES.includes(t));
  if (unknownType !== undefined) {
    throw new UsageError(
      `--factor-type must be among ${FACTOR_TYPES.join(", ")}, got "${unknownType}"`,
    );
  }
  if (values.checkpoint !== undefined && values.out === undefined) {
    throw new UsageError("--checkpoint needs --out: it records how far the rows in that file go");
  }
  if (values.checkpoint !== undefined && output !== "ndjson" && output !== "tsv") {
    throw new UsageError(
      `--checkpoint needs --output ndjson or tsv (one row a line, so a file cut short can be mended), got "${output}"`,
    );
  }
  const concurrency = integer("concurrency", values.concurrency);
  if (concurrency !== undefined && (concurrency < 1 || concurrency > 1000)) {
    throw new UsageError(`--concurrency must be from 1 to 1000, got ${concurrency}`);
  }
  return {
    serviceSid: values["service-sid"]!,
    pageSize: integer("page-size", values["page-size"]),
    identities: values.identities,
    status,
    factorTypes: types,
    concurrency,
    out: values.out,
    checkpoint: values.checkpoint,
  };
}

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
  "log-level": { type: "string" },
  identities: { type: "string" },
  status: { type: "string" },
  "factor-type": { type: "string", multiple: true },
  concurrency: { type: "string" },
  out: { type: "string" },
  checkpoint: { type: "string" },
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
  if (command !== "list" && command !== "audit") {
    throw new UsageError(
      command
        ? `unknown command "${command}"; the commands are "list" and "audit"`
        : 'missing command: "list" or "audit"',
    );
  }
  if (extra.length) throw new UsageError(`unexpected argument "${extra[0]}"`);
  const misplaced = parsed.tokens.find(
    (t) => t.kind === "option" && !(command === "audit" ? AUDIT_FLAGS : LIST_FLAGS).has(t.name),
  );
  if (misplaced?.kind === "option") {
    throw new UsageError(`${misplaced.rawName} is not a flag of "${command}"`);
  }
  if (!values["service-sid"]) throw new UsageError("--service-sid is required");
  const output = (values.output ?? (stdoutIsTTY ? "table" : "ndjson")) as FormatName;
  if (!FORMATS.includes(output)) {
    throw new UsageError(`--output must be one of ${FORMATS.join(", ")}, got "${values.output}"`);
  }
  const defaults = command === "audit" ? AUDIT_PROPERTIES : DEFAULT_PROPERTIES;
  const properties = values.properties?.split(",").map((p) => p.trim()) ?? defaults;
  const unknown = properties.find((p) => !FIELDS.includes(p));
  if (unknown !== undefined) {
    throw new UsageError(`--properties: unknown property "${unknown}"; known: ${FIELDS.join(",")}`);
  }
  const shared = {
    output,
    properties,
    pickProperties: values.properties !== undefined,
    baseUrl: values["base-url"],
    headers: (values.header ?? []).map(header),
    logLevel: values["log-level"],
  };
  if (command === "audit")
    return { name: "audit", ...shared, audit: audit(values, output) } as const;
  if (!values.identity) throw new UsageError("--identity is required");
  return {
    name: "list",
    ...shared,
    list: {
      serviceSid: values["service-sid"]!,
      identity: values.identity!,
      limit: integer("limit", values.limit),
      pageSize: integer("page-size", values["page-size"]),
      page: integer("page", values.page),
      pageToken: values["page-token"],
    },
  } as const;
}
