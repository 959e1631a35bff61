// Which changes between two specs break code that uses this package. api-smart-diff finds the
// changes and words them; the verdict is the generated types' (type-verdict.mjs), plus the
// request constraints types do not carry. Notation that changes no type is never breaking.
import { apiCompare } from "api-smart-diff";
import { componentNameChanges } from "./component-names.mjs";
import { joined, placesOf } from "./locate.mjs";
import { typeVerdicts } from "./type-verdict.mjs";

/** @typedef {"breaking" | "non-breaking" | "docs"} Kind */
/** @typedef {{ kind: Kind, where: string[], what: string, before?: unknown, after?: unknown, why?: string }} Change */

const PROSE = new Set(["description", "summary", "title", "externalDocs"]);
/** Request constraints a TypeScript type does not carry: tighter, a value once sent is refused. */
const CONSTRAINTS = new Set([
  "maximum",
  "minimum",
  "exclusiveMaximum",
  "exclusiveMinimum",
  "maxLength",
  "minLength",
  "pattern",
  "multipleOf",
  "maxItems",
  "minItems",
]);

/** Changes that document and constrain nothing, wherever they are. */
const DOCS = [
  [
    (d) => d.path[0] === "tags" || d.path[0] === "info",
    "document metadata: no generated type carries it",
  ],
  [
    (d) => d.path.some((k) => k === "example" || k === "examples"),
    "an example: it documents, it constrains nothing",
  ],
  [(d) => PROSE.has(d.path.at(-1))],
  [
    (d) => d.path.some((k) => typeof k === "string" && k.startsWith("x-")),
    "a specification extension (x-...): tools read it, the generated types do not",
  ],
];

/** Each operation's security as it applies: its own, or the document's. */
const securityOf = (spec, operation) => {
  const [method, path] = operation.split(" ");
  return JSON.stringify(spec.paths[path][method.toLowerCase()].security ?? spec.security ?? []);
};

/** The kind of one change at one place, and why, for code that uses this package. */
function judge(diff, place, { before, after, verdicts }) {
  const docs = DOCS.find(([when]) => when(diff));
  if (docs) return { kind: "docs", why: docs[1] };
  const verdict = place.operation && verdicts.get(place.operation);
  // The generated `operations` is keyed by operationId, and this package exports it.
  if (place.part === "operation" && diff.path.length === 4 && diff.path[3] === "operationId") {
    return diff.before === undefined
      ? { kind: "non-breaking" }
      : {
          kind: "breaking",
          why: `code that names \`operations[${JSON.stringify(diff.before)}]\` stops compiling`,
        };
  }
  if (place.part === "operation" && diff.path.length <= 3) {
    return diff.action === "remove"
      ? { kind: "breaking", why: "an operation is removed: code that calls it stops compiling" }
      : { kind: "non-breaking" };
  }
  if (place.part === "security") {
    const operations = place.operation ? [place.operation] : [...verdicts.keys()];
    const same = operations.every((o) => securityOf(before, o) === securityOf(after, o));
    return same
      ? { kind: "non-breaking", why: "restated: every operation asks for the same credentials" }
      : { kind: "breaking", why: "an operation asks for other credentials" };
  }
  if (place.part === "response") {
    const why = verdict?.responses.get(place.status);
    if (why) return { kind: "breaking", why };
    return verdict?.unchanged.has(place.status) ? notation(diff) : quiet(diff);
  }
  if (place.part === "request") {
    if (verdict?.request) return { kind: "breaking", why: verdict.request };
    if (CONSTRAINTS.has(diff.path.at(-1)) && diff.type === "breaking") {
      return {
        kind: "breaking",
        why: "a tighter request constraint: a value once sent may now be refused",
      };
    }
    return verdict?.unchanged.has("request") ? notation(diff) : quiet(diff);
  }
  return {
    kind: diff.type === "breaking" || diff.type === "unclassified" ? "breaking" : quiet(diff).kind,
  };
}

/** A change the types do not see: docs when api-smart-diff calls it an annotation. */
const quiet = (diff) => ({ kind: diff.type === "annotation" ? "docs" : "non-breaking" });

/**
 * A change in a part whose generated types are the same before and after: notation (a `format`
 * on an integer, siblings of a `$ref`), docs only; a constraint stays non-breaking, since a
 * server or validator still reads it.
 */
const notation = (diff) =>
  CONSTRAINTS.has(diff.path.at(-1)) || diff.path.includes("pattern")
    ? quiet(diff)
    : { kind: "docs", why: "notation only: the generated types are the same" };

const describePlace = (place) =>
  place.operation ?? (place.tail.length ? place.tail.slice(0, 2).join(".") : "document");

/** What changed, in api-smart-diff's words where it has them, naming the parameter. */
function wording(diff, place) {
  let what = diff.description || `[${diff.action}] ${place.tail.join(".")}`;
  if (place.parameter && !what.includes(`\`${place.parameter}\``)) {
    what = what.replace(
      / in (query|path|header) parameter\b/,
      ` in $1 parameter \`${place.parameter}\``,
    );
    if (!what.includes(`\`${place.parameter}\``)) what += ` (parameter \`${place.parameter}\`)`;
  }
  if (place.part === "response") {
    // api-smart-diff words a change to a response's content beside its schema (`examples`,
    // say) as one to the Request Body's.
    what = what.replace(/\bRequest Body content \([^)]*\)/, `Response ${place.status} content`);
    if (!/Response \S+/.test(what)) what += ` (response ${place.status})`;
  }
  // The examples this spec keeps in components are response bodies: said so, by name.
  const [top, kind, name] = diff.path;
  if (top === "components" && kind === "examples" && name !== undefined) {
    what = `[${diff.action}] response example \`${name}\`${diff.path.length > 3 ? ` (${diff.path.slice(3).join(".")})` : ""}`;
  }
  return what;
}

/**
 * The changes from `before` to `after`, each reported once: a change to something several
 * operations share names every operation it touches.
 * @returns {Promise<Change[]>}
 */
export async function classifyChanges(before, after) {
  const { diffs } = apiCompare(before, after);
  const context = { before, after, verdicts: await typeVerdicts(before, after) };
  const followed = diffs.filter((d) => d.path[0] === "paths").map((d) => joined(d.path));
  /** @type {Map<string, Change & { rank: number }>} */
  const changes = new Map();
  for (const diff of diffs) {
    for (const place of placesOf(diff, before, after, followed)) {
      const { kind, why } = judge(diff, place, context);
      const key = JSON.stringify([
        diff.action,
        place.part,
        place.parameter,
        place.tail,
        diff.before,
        diff.after,
      ]);
      const where = describePlace(place);
      const known = changes.get(key);
      if (known) {
        if (!known.where.includes(where)) known.where.push(where);
        if (kind === "breaking" && known.kind !== "breaking") Object.assign(known, { kind, why });
        continue;
      }
      const change = { kind, where: [where], what: wording(diff, place) };
      if (diff.before !== undefined) change.before = diff.before;
      if (diff.after !== undefined) change.after = diff.after;
      if (why) change.why = why;
      changes.set(key, change);
    }
  }
  return [...changes.values(), ...componentNameChanges(before, after)];
}
