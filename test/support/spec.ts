import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { parse } from "yaml";

export const root = resolve(import.meta.dirname, "../..");
export const specPath = resolve(root, "openapi/verify.yaml");

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

const parsed = new Map<string, { text: string; spec: Json }>();

/** The spec at `path`, parsed once while its text stays the same; each caller gets its own copy. */
export function loadSpec(path = specPath): Json {
  const text = readFileSync(path, "utf8");
  let last = parsed.get(path);
  if (last?.text !== text) {
    last = { text, spec: parse(text) };
    parsed.set(path, last);
  }
  return structuredClone(last.spec);
}

export function fixture(name: string): Json {
  return JSON.parse(readFileSync(resolve(root, "test/support/fixtures", `${name}.json`), "utf8"));
}

/**
 * The example bodies: the seed reference's four, in its order, then the two passkeys examples of
 * Twilio's OpenAPI description. Each file is a verbatim copy; each maps to a named 200 example.
 */
export const examples = {
  empty: "empty",
  push: "push",
  totp: "totp",
  totpUpperCaseIdentity: "totp-upper-case-identity",
  passkeys: "passkeys",
  passkeysUpperCaseIdentity: "passkeys-upper-case-identity",
} as const;
/** List Entities' examples, from Twilio's OpenAPI description, each a verbatim copy. */
export const entityExamples = { entities: "entities", empty: "entities-empty" } as const;
export const fixtureNames = Object.values(examples);

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

/**
 * A draft 2020-12 validator for any schema in the spec, `$ref`s resolved inside the spec itself.
 * `strict` stays on for everything but OpenAPI's own annotation keyword `example`.
 */
export function schemaValidator(spec: Json = loadSpec()): (pointer: string) => ValidateFunction {
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
  addFormats(ajv);
  ajv.addKeyword("example");
  const id = "https://verify-factors.invalid/openapi/verify.yaml";
  ajv.addSchema({ $id: id, $defs: {}, components: spec.components }, undefined, undefined, false);
  ajv.addKeyword("components");
  return (pointer) => ajv.compile({ $ref: `${id}${pointer}` });
}
