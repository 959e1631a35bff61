// The command line's flags and their checks, in the command's own words.
import { parseArgs } from "node:util";
import { auditFlags } from "./audit-flags.js";
import { AUDIT_PROPERTIES, DEFAULT_PROPERTIES, propertiesOf } from "./fields.js";
import { AUDIT_FLAGS, FLAGS, integer, LIST_FLAGS, OPTIONS, type Values } from "./flag-spec.js";
import { FORMATS, type FormatName } from "./formats.js";
import { closest } from "../suggest.js";
import { UsageError } from "./usage-error.js";

export { OPTIONS } from "./flag-spec.js";

export type Command = ReturnType<typeof parse>;
export type AuditCommand = Extract<Command, { name: "audit" }>;

/** Flags a user may reach for that this command takes from the environment instead. */
const SECRETS = new Set(["account-sid", "auth-token", "api-key", "api-secret"]);
const FROM_ENVIRONMENT = "credentials come from the environment only (see Environment in --help)";

/**
 * Checks each flag as it was typed, in this command's words: Node's own parser messages name
 * short forms and positionals this command does not have.
 */
function checkTokens(tokens: NonNullable<ReturnType<typeof parseArgs>["tokens"]>): void {
  const given = new Set<string>();
  for (const token of tokens) {
    if (token.kind !== "option") continue;
    const option = (OPTIONS as Record<string, { type: string; multiple?: boolean }>)[token.name];
    if (!option) {
      const near = closest(token.name, Object.keys(OPTIONS));
      const why = SECRETS.has(token.name)
        ? FROM_ENVIRONMENT
        : near
          ? `did you mean --${near}?`
          : "see --help for the flags";
      throw new UsageError(`unknown flag ${token.rawName}: ${why}`);
    }
    if (option.type === "string" && token.value === undefined) {
      throw new UsageError(`${token.rawName} needs a value`);
    }
    // `--out --summary s.json` is a value forgotten, not a file named "--summary". A value that
    // looks like a flag is taken only inline (`--out=--x`), as Node's strict parser asks.
    const value = token.inlineValue ? undefined : token.value;
    if (option.type === "string" && value && (value.startsWith("--") || FLAGS.has(value))) {
      const why = FLAGS.has(value.split("=")[0]!)
        ? `${value} is a flag of its own`
        : `to give one that starts with --, write ${token.rawName}=VALUE`;
      throw new UsageError(`${token.rawName} needs a value; ${why}`);
    }
    if (option.type === "boolean" && token.value !== undefined) {
      throw new UsageError(`${token.rawName} takes no value`);
    }
    // The parser would keep the last value without a word: `--identity a --identity b` is a
    // mistake to point out, not a choice to make for the user.
    if (option.type === "string" && !option.multiple && given.has(token.name)) {
      throw new UsageError(`--${token.name} is given more than once; give it once`);
    }
    given.add(token.name);
  }
}

/**
 * `Name: value` as a pair; the client checks the name and value themselves. The text is never
 * repeated: it may hold a secret.
 */
function header(text: string): [string, string] {
  const colon = text.indexOf(":");
  if (colon < 1)
    throw new UsageError("--header must be 'Name: value', with a colon after the name");
  const name = text.slice(0, colon).trim();
  // The client sends its own, so one given here would be dropped without a word.
  if (name.toLowerCase() === "authorization")
    throw new UsageError(`--header cannot set Authorization: ${FROM_ENVIRONMENT}`);
  return [name, text.slice(colon + 1).trim()];
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
    if (!command) throw new UsageError('missing command: "list" or "audit"');
    const near = closest(command, ["list", "audit"]);
    const hint = near ? `; did you mean ${near}?` : '; the commands are "list" and "audit"';
    throw new UsageError(`unknown command "${command}"${hint}`);
  }
  if (extra.length) throw new UsageError(`unexpected argument "${extra[0]}"`);
  const misplaced = parsed.tokens.find(
    (t) => t.kind === "option" && !(command === "audit" ? AUDIT_FLAGS : LIST_FLAGS).has(t.name),
  );
  if (misplaced?.kind === "option") {
    const near = closest(misplaced.name, command === "audit" ? AUDIT_FLAGS : LIST_FLAGS);
    const hint = near ? `; did you mean --${near}?` : "";
    throw new UsageError(`${misplaced.rawName} is not a flag of "${command}"${hint}`);
  }
  // Given but empty (`--service-sid=`) is left to the client's check, which says what it must be.
  if (values["service-sid"] === undefined) throw new UsageError("--service-sid is required");
  // A table only for a person at a terminal: rows written to --out are ndjson unless asked.
  const output = (values.output ??
    (stdoutIsTTY && values.out === undefined ? "table" : "ndjson")) as FormatName;
  if (!FORMATS.includes(output)) {
    throw new UsageError(`--output must be one of ${FORMATS.join(", ")}, got "${values.output}"`);
  }
  const defaults = command === "audit" ? AUDIT_PROPERTIES : DEFAULT_PROPERTIES;
  const properties = propertiesOf(values.properties) ?? defaults;
  const shared = {
    output,
    properties,
    pickProperties: values.properties !== undefined,
    baseUrl: values["base-url"],
    headers: (values.header ?? []).map(header),
    logLevel: values["log-level"],
  };
  if (command === "audit")
    return { name: "audit", ...shared, audit: auditFlags(values, output) } as const;
  if (values.identity === undefined) throw new UsageError("--identity is required");
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
