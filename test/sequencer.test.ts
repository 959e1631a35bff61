// The slowest files the sequencer starts first (test/support/sequencer.ts) are ones that exist.
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { expect, it } from "vitest";
import { SLOWEST } from "./support/slowest.js";

it("lists as slowest only test files that exist, each once", () => {
  const root = resolve(import.meta.dirname, "..");
  expect(SLOWEST.filter((file) => !existsSync(resolve(root, file)))).toStrictEqual([]);
  expect(new Set(SLOWEST).size).toBe(SLOWEST.length);
});
