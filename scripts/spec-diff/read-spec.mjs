// Reads one side of a comparison: a file path, or `git:REF` for the spec as it was at that ref.
import { execFileSync } from "node:child_process";
import { closeSync, openSync, readSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { parse } from "yaml";

/** What the spec is called inside a git tree, for `git:REF`. */
export const SPEC_IN_REPO = "openapi/verify.yaml";

/** A mistake in what was asked: the message says what was wrong; exit 2. */
export class UsageError extends Error {}

/** What `path` is (`fs.Stats`), or `undefined` when it cannot be looked at (missing, say). */
export function statOf(path) {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/**
 * The text of `path` at git `ref` in the repository at `cwd`, or a `UsageError` that says there is
 * none; `where` ends its message (as " in DIR").
 */
export function gitShow(ref, cwd, path = SPEC_IN_REPO, where = "") {
  if (!ref) throw new UsageError(`"git:" needs a ref after it, as in git:HEAD~1 or git:main`);
  // git would read it as an option: `git:--output=FILE` would write FILE.
  if (ref.startsWith("-")) throw new UsageError(`git:${ref}: a ref cannot start with "-"`);
  try {
    return execFileSync("git", ["show", `${ref}:${path}`], {
      cwd,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (error) {
    const said = String(error.stderr ?? error.message)
      .trim()
      .split("\n")[0];
    throw new UsageError(`git:${ref}: no ${path} at that ref${where} (git says: ${said})`);
  }
}

/** The most bytes a description is read to, from a file as from git (its `maxBuffer`). */
const MAX_BYTES = 64 * 1024 * 1024;

/** A file's text, read to `MAX_BYTES` at most: a pipe or a device (`/dev/zero`) may never end. */
function readBounded(path, source) {
  const fd = openSync(path, "r");
  try {
    const chunks = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(1 << 20);
      const read = readSync(fd, chunk);
      if (read === 0) return Buffer.concat(chunks, total).toString("utf8");
      total += read;
      if (total > MAX_BYTES) {
        throw new UsageError(`${source}: larger than ${MAX_BYTES / 1024 / 1024} MiB; not read`);
      }
      chunks.push(chunk.subarray(0, read));
    }
  } finally {
    closeSync(fd);
  }
}

function readText(source, cwd) {
  if (source.startsWith("git:")) return gitShow(source.slice("git:".length), cwd);
  try {
    return readBounded(resolve(cwd, source), source);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const why =
      error.code === "ENOENT"
        ? "no such file"
        : error.code === "EISDIR"
          ? "a directory"
          : error.message;
    throw new UsageError(`${source}: cannot read it (${why})`);
  }
}

/** The OpenAPI document `source` names, parsed; a `UsageError` when it is not one. */
export function readSpec(source, cwd) {
  return parseSpec(readText(source, cwd), source);
}

/** `text` parsed as an OpenAPI document; a `UsageError` naming `source` when it is not one. */
export function parseSpec(text, source) {
  let doc;
  try {
    doc = parse(text);
  } catch (error) {
    throw new UsageError(`${source}: not YAML or JSON (${error.message.split("\n")[0]})`);
  }
  const version = doc?.openapi;
  const { paths } = doc ?? {};
  const pathsObject = typeof paths === "object" && paths !== null && !Array.isArray(paths);
  if (typeof version !== "string" || !/^3\.[01]\./.test(version) || !pathsObject) {
    throw new UsageError(
      `${source}: not an OpenAPI 3.0 or 3.1 description (it needs "openapi: 3.x.y" and a "paths" object)`,
    );
  }
  return doc;
}
