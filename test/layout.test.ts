// The source's shape, as the design asks it to stay: small files of one job each, a short top
// level, and no two modules that import each other, however indirectly.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { expect, it } from "vitest";

const src = resolve(import.meta.dirname, "../src");
const files = readdirSync(src, { recursive: true, encoding: "utf8" })
  .filter((file) => file.endsWith(".ts"))
  .map((file) => join(src, file));

it("keeps every source file under 150 lines", () => {
  const long = files
    .map(
      (file) => [relative(src, file), readFileSync(file, "utf8").split("\n").length - 1] as const,
    )
    .filter(([, lines]) => lines > 150);
  expect(long).toStrictEqual([]);
});

it("keeps at most 12 files at the top of src/, the rest in folders by design", () => {
  expect(files.filter((file) => dirname(file) === src).length).toBeLessThanOrEqual(12);
});

/** The source files `file` imports, type-only imports included. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(/^(?:import|export)[^;]*? from "(\.{1,2}\/[^"]+)\.js";/gms)].map(
    ([, path]) => resolve(dirname(file), `${path}.ts`),
  );
}

it("has no import cycle", () => {
  const cycles: string[] = [];
  const done = new Set<string>();
  const walk = (file: string, path: string[]) => {
    const at = path.indexOf(file);
    if (at >= 0)
      return void cycles.push([...path.slice(at), file].map((f) => relative(src, f)).join(" -> "));
    if (done.has(file)) return;
    for (const next of importsOf(file)) walk(next, [...path, file]);
    done.add(file);
  };
  for (const file of files) walk(file, []);
  expect(cycles).toStrictEqual([]);
});
