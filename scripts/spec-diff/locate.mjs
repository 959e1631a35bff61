// Where a change found by api-smart-diff is, in the terms the verdict needs: which operations it
// touches, in which part (request or a response's status), and the parameter it concerns.
import { operationKeys } from "./type-verdict.mjs";

/** The components api-smart-diff also compares where operations use them (it resolves `$ref`s). */
export const USED_BY_OPERATIONS = new Set([
  "schemas",
  "parameters",
  "headers",
  "responses",
  "requestBodies",
]);

const operationOf = (spec, key) => {
  const [method, path] = key.split(" ");
  return spec.paths[path][method.toLowerCase()];
};

/** A parameter with its `$ref` followed, within the spec. */
const resolve = (spec, node) =>
  node?.$ref?.startsWith("#/components/parameters/")
    ? spec.components?.parameters?.[node.$ref.split("/").pop()]
    : node;

/** A path as one string, each key behind a separator, so that a suffix is whole keys. */
export const joined = (path) => path.map((key) => `\u0000${key}`).join("");

/** Whether `node` refers to `ref` anywhere inside it. */
const refersTo = (node, ref) => JSON.stringify(node ?? null).includes(`"$ref":"${ref}"`);

/**
 * @typedef {{ operation?: string, part?: "request" | "response" | "operation" | "security",
 *   status?: string, parameter?: string, tail: (string | number)[] }} Place
 */

/**
 * Each place a diff touches: one for a change inside an operation; for a change to a component
 * that api-smart-diff did not follow into the operations (a `5XX` response, say), one per
 * operation that uses it; none for one it did follow: `followed` holds the operations' own diff
 * paths (`joined`), and those report it.
 * @returns {Place[]}
 */
export function placesOf(diff, before, after, followed) {
  const { path } = diff;
  if (path[0] === "paths") {
    if (path.length < 3) return [{ part: "operation", tail: path.slice(1) }];
    const operation = `${String(path[2]).toUpperCase()} ${path[1]}`;
    const [part, index] = [path[3], path[4]];
    const tail = path.slice(3);
    if (part === undefined) return [{ operation, part: "operation", tail }];
    if (part === "responses") return [{ operation, part: "response", status: String(index), tail }];
    if (part === "security") return [{ operation, part: "security", tail }];
    if (part === "parameters" || part === "requestBody") {
      const spec = diff.action === "remove" ? before : after;
      const parameter = part === "parameters" ? parameterName(spec, operation, index) : undefined;
      return [{ operation, part: "request", parameter, tail: tail.slice(2) }];
    }
    return [{ operation, part: "operation", tail }];
  }
  if (path[0] === "security") return [{ part: "security", tail: path }];
  if (path[0] !== "components" || !USED_BY_OPERATIONS.has(path[1])) return [{ tail: path }];
  const ref = `#/components/${path[1]}/${path[2]}`;
  const tail = path.slice(3);
  // Followed where a diff of that operation's own response ends the same way (a `5XX` response
  // is not followed even when a `404` one with the same change is); a parameter's place in the
  // list is not known here, so any diff with the same ending counts.
  const isFollowed = (place) => {
    const [method, url] = place.operation.split(" ");
    const own =
      place.part === "response"
        ? joined(["paths", url, method.toLowerCase(), "responses", place.status])
        : "";
    return followed.some((other) => other.startsWith(own) && other.endsWith(joined(tail)));
  };
  return operationKeys(after)
    .filter((key) => operationKeys(before).includes(key))
    .flatMap((operation) => usesOf(after, operation, ref, path))
    .filter((place) => !isFollowed(place));
}

/** Where one operation uses the component at `ref`, as places. */
function usesOf(spec, operation, ref, path) {
  const { responses = {}, parameters = [] } = operationOf(spec, operation);
  const tail = path.slice(3);
  const places = Object.entries(responses)
    .filter(([, response]) => refersTo(response, ref))
    .map(([status]) => ({ operation, part: "response", status, tail }));
  for (const parameter of parameters) {
    if (!refersTo(parameter, ref) && !refersTo(resolve(spec, parameter), ref)) continue;
    places.push({ operation, part: "request", parameter: resolve(spec, parameter)?.name, tail });
  }
  return places;
}

function parameterName(spec, operation, index) {
  const parameters = operationOf(spec, operation)?.parameters ?? [];
  return typeof index === "number" ? resolve(spec, parameters[index])?.name : undefined;
}
