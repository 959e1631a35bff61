// The facts of a description that spec:sync compares, each under an id that says where it is:
// `GET /path parameter PageSize maximum`, `GET /path response 200 factors[].status enum`.

import { createHash } from "node:crypto";

const PARAMETER_FACTS = ["in", "required"];
const SCHEMA_FACTS = [
  "type",
  "enum",
  "minimum",
  "maximum",
  "minLength",
  "maxLength",
  "pattern",
  "default",
];

/** A `$ref` inside the document followed to what it names. */
function deref(spec, node) {
  let seen = 0;
  while (node?.$ref && seen++ < 20) {
    node = node.$ref
      .replace(/^#\//, "")
      .split("/")
      .reduce((at, key) => at?.[key.replace(/~1/g, "/").replace(/~0/g, "~")], spec);
  }
  return node;
}

/** JSON with object keys in order: two bodies that differ only in key order are the same. */
const canonical = (value) =>
  JSON.stringify(value, (_, v) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );

const at = (path, fact) => (path ? `${path} ${fact}` : fact);

const sorted = (value) => (Array.isArray(value) ? [...value].map(String).sort() : value);

/** The facts of one schema and every field below it, by field path. */
function schemaFacts(spec, schema, path, put, depth = 0) {
  schema = deref(spec, schema);
  if (!schema || typeof schema !== "object" || depth > 12) return;
  for (const part of [...(schema.allOf ?? []), ...(schema.anyOf ?? []), ...(schema.oneOf ?? [])]) {
    schemaFacts(spec, part, path, put, depth + 1);
  }
  for (const fact of SCHEMA_FACTS) {
    if (schema[fact] !== undefined) put(at(path, fact), sorted(schema[fact]));
  }
  if (schema.required) put(at(path, "required"), sorted(schema.required));
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    schemaFacts(spec, property, path ? `${path}.${name}` : name, put, depth + 1);
  }
  if (schema.items) schemaFacts(spec, schema.items, `${path}[]`, put, depth + 1);
}

/**
 * Every fact of the operations named in `keys`, from `spec`, by id. A fact met twice (a field in
 * two shapes of a union) keeps every value it takes.
 * @returns {Map<string, unknown>}
 */
export function factsOf(spec, keys) {
  const facts = new Map();
  const put = (id, value) => {
    const known = facts.get(id);
    if (known === undefined) facts.set(id, value);
    else if (JSON.stringify(known) !== JSON.stringify(value)) {
      facts.set(id, sorted([...new Set([known, value].flat().map(String))]));
    }
  };
  for (const key of keys) {
    const [method, path] = key.split(" ");
    const item = spec.paths?.[path];
    const operation = item?.[method.toLowerCase()];
    if (!operation) continue;
    for (const raw of [...(item.parameters ?? []), ...(operation.parameters ?? [])]) {
      const parameter = deref(spec, raw);
      const where = `${key} parameter ${parameter.name}`;
      for (const fact of PARAMETER_FACTS) put(`${where} ${fact}`, parameter[fact] ?? false);
      schemaFacts(spec, parameter.schema, "", (id, value) => put(`${where} ${id}`, value));
    }
    for (const [status, raw] of Object.entries(operation.responses ?? {})) {
      const response = deref(spec, raw);
      for (const [type, media] of Object.entries(response?.content ?? {})) {
        const where = `${key} response ${status} ${type}`;
        schemaFacts(spec, media.schema, "", (id, value) => put(`${where} ${id}`, value));
        // An example is a fact by its value: the same body under another name is the same fact.
        for (const [name, example] of Object.entries(media.examples ?? {})) {
          const value = canonical(deref(spec, example)?.value);
          const digest = createHash("sha256").update(value).digest("hex").slice(0, 12);
          put(`${where} example ${digest}`, { example: name });
        }
      }
    }
  }
  return facts;
}
