// Components by name. The generated types export each as `components[kind][name]`, and this
// package exports `components`, so code may name one itself: a name gone breaks that code even
// when every operation's types stay the same (a schema renamed, say), and api-smart-diff, which
// follows `$ref`s into the operations, sees no change there.

/** The kinds of component openapi-typescript writes into `components`. */
const TYPED = ["schemas", "responses", "parameters", "requestBodies", "headers", "pathItems"];

const WHAT = "a component the generated types export by name";

/** @returns {import("./classify.mjs").Change[]} */
export function componentNameChanges(before, after) {
  const changes = [];
  for (const kind of TYPED) {
    const old = Object.keys(before.components?.[kind] ?? {});
    const now = Object.keys(after.components?.[kind] ?? {});
    for (const name of old.filter((name) => !now.includes(name))) {
      changes.push({
        kind: "breaking",
        where: [`components.${kind}.${name}`],
        what: `[Removed] ${WHAT}`,
        why: `code that names \`components[${JSON.stringify(kind)}][${JSON.stringify(name)}]\` stops compiling`,
      });
    }
    for (const name of now.filter((name) => !old.includes(name))) {
      changes.push({
        kind: "non-breaking",
        where: [`components.${kind}.${name}`],
        what: `[Added] ${WHAT}`,
      });
    }
  }
  return changes;
}
