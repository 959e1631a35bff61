// Which changes between two specs break code that uses this package. api-smart-diff finds and
// classifies the changes; the rules below only correct its verdict where a TypeScript consumer of
// the generated types sees it differently.
import { apiCompare } from "api-smart-diff";

/** @typedef {"breaking" | "non-breaking" | "docs"} Kind */
/** @typedef {{ kind: Kind, where: string, what: string, before?: unknown, after?: unknown, why?: string }} Change */

const PROSE = new Set(["description", "summary", "title", "externalDocs"]);
const SHAPES = new Set(["anyOf", "oneOf"]);
const inResponse = (path) => path.includes("responses");
const last = (path) => path[path.length - 1];
const parent = (path) => path[path.length - 2];

/**
 * Corrections to api-smart-diff's verdict, first match wins. It judges a response by whether old
 * clients still parse it; code compiled against our types also breaks when a type it narrows on
 * changes shape, and does not break when a response may carry more than it lists.
 */
const RULES = [
  {
    when: (d) => d.path.some((key) => key === "example" || key === "examples"),
    kind: "docs",
    why: "an example: it documents, it constrains nothing",
  },
  {
    when: (d) => PROSE.has(last(d.path)),
    kind: "docs",
  },
  {
    when: (d) => d.path.some((key) => typeof key === "string" && key.startsWith("x-")),
    kind: "docs",
    why: "a specification extension (x-...): tools read it, the generated types do not",
  },
  {
    when: (d) => inResponse(d.path) && (last(d.path) === "type" || parent(d.path) === "type"),
    kind: "breaking",
    why: "a response field changes type: code that reads it may stop compiling",
  },
  {
    when: (d) => inResponse(d.path) && parent(d.path) === "enum" && d.action === "remove",
    kind: "breaking",
    why: "a response enum loses a value: a `case` on it stops compiling",
  },
  {
    when: (d) => inResponse(d.path) && parent(d.path) === "enum" && d.action === "add",
    kind: "breaking",
    why: "a response enum gains a value: an exhaustive `switch` stops compiling, or meets a value it does not handle",
  },
  {
    when: (d) => inResponse(d.path) && SHAPES.has(parent(d.path)) && d.action === "add",
    kind: "breaking",
    why: "a response field may now take another shape: code that handles each shape must handle it",
  },
  {
    when: (d) => inResponse(d.path) && parent(d.path) === "properties" && d.action === "remove",
    kind: "breaking",
    why: "a response field is removed: code that reads it stops compiling",
  },
  {
    when: (d) => inResponse(d.path) && last(d.path) === "additionalProperties" && d.after !== false,
    kind: "non-breaking",
    why: "a response may now carry properties it does not list; no code can depend on their absence",
  },
];

const KIND = {
  breaking: "breaking",
  "non-breaking": "non-breaking",
  deprecated: "non-breaking",
  annotation: "docs",
  // What api-smart-diff cannot classify is reported where a reviewer must look at it.
  unclassified: "breaking",
};

const RESOLVED_IN_OPERATIONS = new Set([
  "schemas",
  "parameters",
  "headers",
  "responses",
  "requestBodies",
]);

/** Where a change is: the operation (method and path) it touches, or the document part. */
function where(path) {
  if (path[0] === "paths") {
    return path.length > 2 ? `${String(path[2]).toUpperCase()} ${path[1]}` : `${path[1]}`;
  }
  return path[0] === "components" ? `components.${path[1]}` : String(path[0]);
}

/**
 * The changes from `before` to `after`, classified for code that uses this package. Operations are
 * matched by method and path, so their operationIds may differ. Schemas, parameters, headers and
 * responses are compared where the operations use them (api-smart-diff resolves those `$ref`s), so
 * they are not listed twice; other components (security schemes, examples) are compared in place.
 * @returns {Change[]}
 */
export function classifyChanges(before, after) {
  const { diffs } = apiCompare(before, after);
  return diffs
    .filter((d) => d.path[0] !== "components" || !RESOLVED_IN_OPERATIONS.has(d.path[1]))
    .map((d) => {
      const rule = RULES.find((r) => r.when(d));
      const change = {
        kind: rule ? rule.kind : (KIND[d.type] ?? "breaking"),
        where: where(d.path),
        what:
          d.description || `[${d.action}] ${d.path.slice(d.path[0] === "paths" ? 3 : 0).join(".")}`,
      };
      if (d.before !== undefined) change.before = d.before;
      if (d.after !== undefined) change.after = d.after;
      if (rule?.why) change.why = rule.why;
      return change;
    });
}
