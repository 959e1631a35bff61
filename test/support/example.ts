// A user's example (from the README or a spec code sample), written to test/artifacts/ inside
// the repository so that `import "verify-factors"` resolves to this package.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { root } from "./spec.js";
import { typeCheckCommand } from "./type-check.js";

export const artifacts = join(root, "test/artifacts");

/** Writes `source` as `name` in test/artifacts/; its path. */
export function writeArtifact(name: string, source: string): string {
  mkdirSync(artifacts, { recursive: true });
  const path = join(artifacts, name);
  writeFileSync(path, source);
  return path;
}

/**
 * What tsc reports (empty when it type-checks) for a TypeScript example, strict, as a user's Node
 * project would check it. The example is checked against the package's types; the .d.ts files
 * themselves are package.test.ts's.
 */
export function typeCheckExample(name: string, source: string): string {
  const args = ["--noEmit", "--skipLibCheck", "--strict", "--target", "es2022"];
  args.push("--module", "nodenext", "--lib", "es2022,dom", "--types", "node");
  return typeCheckCommand([...args, writeArtifact(name, source)]);
}
