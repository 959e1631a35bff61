// Type-checks src/ in this process against generated types made from an edited copy of the spec.
// One TypeScript program is kept and handed to the next as `oldProgram`, so every check after the
// first re-reads only generated/verify.ts and re-checks; the rest (lib, node_modules) is reused.
import { resolve } from "node:path";
import ts from "typescript";
import { root } from "./spec.js";

const generatedPath = resolve(root, "generated/verify.ts");
const config = ts.getParsedCommandLineOfConfigFile(
  resolve(root, "tsconfig.json"),
  { noEmit: true },
  { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} },
);
if (!config) throw new Error("tsconfig.json could not be read");
const rootNames = config.fileNames.filter(
  (file) => file.startsWith(resolve(root, "src")) || file === generatedPath,
);
const reused = new Map<string, ts.SourceFile>();
let previous: ts.Program | undefined;

export { generateTypes } from "../../scripts/spec-diff/type-verdict.mjs";

/** tsc's report for src/ against `generated` (empty when it type-checks), paths from the root. */
export function typeCheckSrc(generated: string): string {
  const host = ts.createCompilerHost(config!.options);
  const getSourceFile = host.getSourceFile;
  host.getSourceFile = (file, language, onError) => {
    if (resolve(file) === generatedPath) {
      return ts.createSourceFile(file, generated, language);
    }
    let source = reused.get(file);
    if (!source) {
      source = getSourceFile.call(host, file, language, onError);
      if (source) reused.set(file, source);
    }
    return source;
  };
  const program = ts.createProgram({
    rootNames,
    options: config!.options,
    host,
    oldProgram: previous,
  });
  previous = program;
  const diagnostics = ts.getPreEmitDiagnostics(program);
  return ts.formatDiagnostics(diagnostics, {
    getCanonicalFileName: (file) => file,
    getCurrentDirectory: () => root,
    getNewLine: () => "\n",
  });
}
