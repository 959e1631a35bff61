// A description cut down to some of its operations and the components they use, so two
// descriptions of different scope (Twilio's whole Verify API and this package's two operations)
// can be compared part for part.

/** Every `#/components/...` reference inside `node`. */
function refsIn(node, out = new Set()) {
  if (Array.isArray(node)) node.forEach((item) => refsIn(item, out));
  else if (node && typeof node === "object") {
    for (const [key, value] of Object.entries(node)) {
      if (key === "$ref" && typeof value === "string" && value.startsWith("#/components/")) {
        out.add(value);
      } else refsIn(value, out);
    }
  }
  return out;
}

/**
 * `spec` with only the operations named in `keep` (`GET /path`) and the components they reach,
 * directly or through other components, and the tags they carry. Everything else at the top
 * (info, servers, security) stays as it is.
 */
export function trimToOperations(spec, keep) {
  const paths = {};
  for (const key of keep) {
    const [method, path] = key.split(" ");
    const operation = spec.paths?.[path]?.[method.toLowerCase()];
    if (!operation) continue;
    paths[path] ??= {};
    paths[path][method.toLowerCase()] = operation;
    // Parameters shared by the path's operations apply to this one too.
    if (spec.paths[path].parameters) paths[path].parameters = spec.paths[path].parameters;
  }
  const reached = new Set();
  const queue = [...refsIn(paths)];
  while (queue.length > 0) {
    const ref = queue.pop();
    if (reached.has(ref)) continue;
    reached.add(ref);
    const [, , kind, name] = ref.split("/");
    queue.push(...refsIn(spec.components?.[kind]?.[name]));
  }
  const components = {};
  for (const ref of [...reached].sort()) {
    const [, , kind, name] = ref.split("/");
    const value = spec.components?.[kind]?.[name];
    if (value === undefined) continue;
    components[kind] ??= {};
    components[kind][name] = value;
  }
  if (spec.components?.securitySchemes)
    components.securitySchemes = spec.components.securitySchemes;
  const trimmed = { ...spec, paths, components };
  const used = new Set(
    Object.values(paths).flatMap((item) => Object.values(item).flatMap((op) => op?.tags ?? [])),
  );
  if (spec.tags) trimmed.tags = spec.tags.filter((tag) => used.has(tag.name));
  return trimmed;
}
