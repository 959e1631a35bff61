// The Factor fields the command shows, checked against the spec's Factor.
import type { Factor } from "../types.js";
import { closest } from "../suggest.js";
import { UsageError } from "./usage-error.js";

/**
 * A Factor's fields, in the order `--properties` lists them. Checked both ways against the spec's
 * Factor: a field added, renamed or removed there fails the build here until this follows.
 */
const FIELD_SET: { [Field in keyof Factor]-?: true } = {
  sid: true,
  account_sid: true,
  service_sid: true,
  entity_sid: true,
  identity: true,
  date_created: true,
  date_updated: true,
  friendly_name: true,
  status: true,
  factor_type: true,
  config: true,
  metadata: true,
  url: true,
};
export const FIELDS = Object.keys(FIELD_SET) as (keyof Factor)[];
export const DEFAULT_PROPERTIES: (keyof Factor)[] = [
  "sid",
  "friendly_name",
  "status",
  "factor_type",
];
export const AUDIT_PROPERTIES: (keyof Factor)[] = ["identity", ...DEFAULT_PROPERTIES];

/** `--properties` as typed, each one a field, or a `UsageError` naming the closest field. */
export function propertiesOf(text: string | undefined): (keyof Factor)[] | undefined {
  const properties = text?.split(",").map((p) => p.trim());
  const unknown = properties?.find((p) => !(FIELDS as string[]).includes(p));
  if (unknown === undefined) return properties as (keyof Factor)[] | undefined;
  const near = closest(unknown, FIELDS);
  const known = `known: ${FIELDS.join(",")}`;
  const hint = near ? `did you mean ${near}? (${known})` : known;
  throw new UsageError(`--properties: unknown property "${unknown}"; ${hint}`);
}
