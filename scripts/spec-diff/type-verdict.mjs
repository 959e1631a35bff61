// The compiler's verdict on a spec change. Both versions go through openapi-typescript, as
// `npm run generate` does, and each operation's generated types are compared as code that uses
// them sees them: a response breaks that code when its new type is not assignable to its old one
// or loses a field the code may read; a request breaks it when the old parameters are not
// assignable to the new ones or lose one the code may pass.
import openapiTS, { astToString } from "openapi-typescript";
import ts from "typescript";

/** Where the generated files and the probe live: in memory only. */
const DIR = "/spec-diff-types";
const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/** `METHOD /path` for each operation of a spec. */
export function operationKeys(spec) {
  return Object.entries(spec.paths ?? {}).flatMap(([path, item]) =>
    METHODS.filter((method) => item?.[method]).map((method) => `${method.toUpperCase()} ${path}`),
  );
}

/** What `npm run generate` (openapi-typescript with `--enum-values`) writes for `spec`. */
export const generateTypes = async (spec) =>
  astToString(await openapiTS(structuredClone(spec), { enumValues: true, silent: true }));

/** openapi-typescript could not read one side (`"old"` or `"new"`): nothing to compare. */
export class GenerateError extends Error {
  constructor(side, cause) {
    super(String(cause?.message ?? cause).split("\n")[0], { cause });
    this.side = side;
  }
}

const generateSide = (spec, side) =>
  generateTypes(spec).catch((error) => {
    throw new GenerateError(side, error);
  });

/** TypeScript's own lib files, parsed once for every comparison this process makes. */
const libFiles = new Map();

/** One program over both generated files and a probe that names each type to compare. */
function program(files) {
  const options = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    lib: ["lib.es2022.d.ts"],
    types: [],
  };
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.getSourceFile = (name, ...rest) => {
    if (name in files) return ts.createSourceFile(name, files[name], ...rest);
    if (!libFiles.has(name)) libFiles.set(name, getSourceFile(name, ...rest));
    return libFiles.get(name);
  };
  host.fileExists = (name) => name in files || fileExists(name);
  host.directoryExists = (name) => name === DIR || ts.sys.directoryExists(name);
  host.readFile = (name) => files[name] ?? readFile(name);
  return ts.createProgram({ rootNames: Object.keys(files), options, host });
}

/** Every property path a value of `type` may have (`factors[].config.alg`). */
function fieldPaths(checker, type, prefix = "", out = new Set(), seen = new Set()) {
  if (seen.has(type)) return out;
  seen.add(type);
  for (const member of type.isUnion() ? type.types : [type]) {
    if (checker.isArrayType(member)) {
      const [element] = checker.getTypeArguments(member);
      if (element) fieldPaths(checker, element, `${prefix}[]`, out, seen);
    } else if (member.flags & ts.TypeFlags.Object || member.isIntersection()) {
      // An index signature is a field too: code may read any name through it.
      if (checker.getIndexInfosOfType(member).length > 0) out.add(`${prefix}[key: string]`);
      for (const property of checker.getPropertiesOfType(member)) {
        const path = prefix ? `${prefix}.${property.name}` : property.name;
        out.add(path);
        fieldPaths(checker, checker.getTypeOfSymbol(property), path, out, seen);
      }
    }
  }
  seen.delete(type);
  return out;
}

/**
 * Why code written against `old` breaks against `next`, if it does: it reads a field `next` no
 * longer has, or a value flows the wrong way (a response's new value into the old type, the
 * code's old request into the new type).
 */
function breakage(checker, old, next, what, flow) {
  const kept = fieldPaths(checker, next);
  const lost = [...fieldPaths(checker, old)].filter((path) => !kept.has(path));
  // A body's fields read as code reads them: `factors[].config`, not `content.application/json.…`.
  const shown = lost.map((p) => `\`${p.replace(/^content\.[^.]+\./, "")}\``);
  if (lost.length > 0) return `${what} loses ${shown.join(", ")}`;
  const fits =
    flow === "response"
      ? checker.isTypeAssignableTo(next, old)
      : checker.isTypeAssignableTo(old, next);
  if (fits) return undefined;
  return flow === "response"
    ? `${what} may now hold a value its old type did not allow`
    : `${what} no longer accept what they accepted`;
}

/** Whether two types are the same to code: each assignable to the other, with the same fields. */
function same(checker, a, b) {
  const [fa, fb] = [fieldPaths(checker, a), fieldPaths(checker, b)];
  return (
    fa.size === fb.size &&
    [...fa].every((path) => fb.has(path)) &&
    checker.isTypeAssignableTo(a, b) &&
    checker.isTypeAssignableTo(b, a)
  );
}

/**
 * For each operation in both specs: why its request breaks code (`request`), and why each of its
 * responses does (`responses`, by status); absent when it does not. `unchanged` lists the parts
 * (`request`, or a status) whose generated types are the same in both.
 * @returns {Promise<Map<string, { request?: string, responses: Map<string, string>, unchanged: Set<string> }>>}
 */
export async function typeVerdicts(before, after) {
  const [oldTypes, newTypes] = await Promise.all([
    generateSide(before, "old"),
    generateSide(after, "new"),
  ]);
  const common = operationKeys(before).filter((key) => operationKeys(after).includes(key));
  const aliases = [];
  const probe = [
    'import type { paths as Old } from "./old";',
    'import type { paths as New } from "./new";',
  ];
  common.forEach((key, i) => {
    const [method, path] = key.split(" ");
    const lower = method.toLowerCase();
    const at = (side) => `${side}[${JSON.stringify(path)}][${JSON.stringify(lower)}]`;
    probe.push(`export type Q${i}Old = ${at("Old")}["parameters"];`);
    probe.push(`export type Q${i}New = ${at("New")}["parameters"];`);
    const statuses = Object.keys(after.paths[path][lower].responses ?? {});
    for (const status of Object.keys(before.paths[path][lower].responses ?? {})) {
      if (!statuses.includes(status)) continue;
      const s = JSON.stringify(status);
      const id = `R${i}_${aliases.length}`;
      probe.push(`export type ${id}Old = ${at("Old")}["responses"][${s}];`);
      probe.push(`export type ${id}New = ${at("New")}["responses"][${s}];`);
      aliases.push({ key, status, id });
    }
  });
  const files = {
    [`${DIR}/old.ts`]: oldTypes,
    [`${DIR}/new.ts`]: newTypes,
    [`${DIR}/probe.ts`]: probe.join("\n"),
  };
  const built = program(files);
  const checker = built.getTypeChecker();
  if (process.env.DEBUG_TV)
    console.error(
      ts
        .formatDiagnostics(ts.getPreEmitDiagnostics(built), {
          getCanonicalFileName: (f) => f,
          getCurrentDirectory: () => "",
          getNewLine: () => "\n",
        })
        .slice(0, 2000),
    );
  const declared = new Map();
  ts.forEachChild(built.getSourceFile(`${DIR}/probe.ts`), (node) => {
    if (ts.isTypeAliasDeclaration(node)) {
      declared.set(node.name.text, checker.getTypeAtLocation(node.name));
    }
  });
  const verdicts = new Map();
  common.forEach((key, i) => {
    const [method, path] = key.split(" ");
    const responses = new Map();
    const request = breakage(
      checker,
      declared.get(`Q${i}Old`),
      declared.get(`Q${i}New`),
      "the request's parameters",
      "request",
    );
    // Removed statuses: code written for that response's shape has nothing to read.
    const kept = Object.keys(after.paths[path][method.toLowerCase()].responses ?? {});
    for (const status of Object.keys(before.paths[path][method.toLowerCase()].responses ?? {})) {
      if (!kept.includes(status))
        responses.set(status, `the ${status} response is no longer described`);
    }
    for (const { status, id } of aliases.filter((a) => a.key === key)) {
      const why = breakage(
        checker,
        declared.get(`${id}Old`),
        declared.get(`${id}New`),
        `the ${status} response`,
        "response",
      );
      if (why) responses.set(status, why);
    }
    const unchanged = new Set();
    if (same(checker, declared.get(`Q${i}Old`), declared.get(`Q${i}New`))) unchanged.add("request");
    for (const { status, id } of aliases.filter((a) => a.key === key)) {
      if (same(checker, declared.get(`${id}Old`), declared.get(`${id}New`))) unchanged.add(status);
    }
    verdicts.set(key, request ? { request, responses, unchanged } : { responses, unchanged });
  });
  return verdicts;
}
