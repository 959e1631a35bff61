// OpenAPI 3.0 notation in 3.1's words, as this package's spec writes it, so that Twilio's
// description and ours differ only where their facts do: `nullable: true` becomes a "null" type,
// a `$ref`'s siblings go (3.0 ignores them), and an integer's `format` goes (it changes no type).

/** `node` rewritten; the input is not changed. */
export function normalise(node) {
  if (Array.isArray(node)) return node.map(normalise);
  if (!node || typeof node !== "object") return node;
  if (typeof node.$ref === "string") return { $ref: node.$ref };
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === "nullable") continue;
    out[key] = normalise(value);
  }
  if (node.nullable === true && typeof node.type === "string") out.type = [node.type, "null"];
  if (out.type === "integer" || (Array.isArray(out.type) && out.type.includes("integer"))) {
    delete out.format;
  }
  return out;
}
