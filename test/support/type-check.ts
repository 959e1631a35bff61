// Type checks made in the test process with the compiler's API, not by spawning tsc: TypeScript
// loads once per worker, and a file parsed once (its lib files, @types/node, the package's
// declarations) serves every program after, for as long as its text stays the same.
import { resolve } from "node:path";
import ts from "typescript";
import { root } from "./spec.js";

const parsed = new Map<string, ts.SourceFile>();

/** The parse options a file is read with: the same file parses differently as ESM and CommonJS. */
const parseKey = (file: string, language: ts.ScriptTarget | ts.CreateSourceFileOptions) =>
  typeof language === "object"
    ? `${file}\0${language.languageVersion}\0${language.impliedNodeFormat}`
    : `${file}\0${language}`;

/** A compiler host that reuses parsed files; `replaced` maps a path to the text checked instead. */
function hostFor(
  options: ts.CompilerOptions,
  replaced = new Map<string, string>(),
): ts.CompilerHost {
  const host = ts.createCompilerHost(options);
  host.getSourceFile = (file, language) => {
    const text = replaced.get(resolve(file)) ?? host.readFile(file);
    if (text === undefined) return undefined;
    const key = parseKey(file, language);
    let source = parsed.get(key);
    if (source?.text !== text) {
      source = ts.createSourceFile(file, text, language);
      parsed.set(key, source);
    }
    return source;
  };
  return host;
}

/** Diagnostics as tsc prints them (empty for none), with paths from the repository's root. */
const format = (diagnostics: readonly ts.Diagnostic[]) =>
  ts.formatDiagnostics(diagnostics, {
    getCanonicalFileName: (file) => file,
    getCurrentDirectory: () => root,
    getNewLine: () => "\n",
  });

/** tsc's report for a program, `more` (its reading errors) first. */
const report = (program: ts.Program, more: readonly ts.Diagnostic[] = []) =>
  format([...more, ...ts.getPreEmitDiagnostics(program)]);

/** A tsconfig.json as tsc reads it; a file it cannot read at all throws. */
function readConfig(tsconfig: string, overrides?: ts.CompilerOptions): ts.ParsedCommandLine {
  return ts.getParsedCommandLineOfConfigFile(tsconfig, overrides, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"));
    },
  })!;
}

/** What tsc reports for files and options it has read, its reading errors first. */
function typeCheck({ fileNames: rootNames, options, errors }: ts.ParsedCommandLine): string {
  return report(ts.createProgram({ rootNames, options, host: hostFor(options) }), errors);
}

/** What `tsc -p tsconfig` reports for a project. */
export const typeCheckProject = (tsconfig: string) => typeCheck(readConfig(tsconfig));

/** What `tsc ...args` reports: flags and files as on tsc's command line. */
export const typeCheckCommand = (args: string[]) => typeCheck(ts.parseCommandLine(args));

const generatedPath = resolve(root, "generated/verify.ts");
let src: { rootNames: string[]; options: ts.CompilerOptions; previous?: ts.Program } | undefined;

export { generateTypes } from "../../scripts/spec-diff/type-verdict.mjs";

/**
 * The errors in the first file of a program, in the order tsc checks them, that has any: enough to
 * show that an edit breaks the build and where, without checking every file after it.
 */
function firstFailing(program: ts.Program): readonly ts.Diagnostic[] {
  const global = [...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics()];
  if (global.length > 0) return global;
  for (const file of program.getSourceFiles()) {
    if (file.isDeclarationFile) continue; // as under skipLibCheck
    const found = [
      ...program.getSyntacticDiagnostics(file),
      ...program.getSemanticDiagnostics(file),
    ];
    if (found.length > 0) return found;
  }
  return [];
}

/**
 * What tsc reports for src/ (with tsconfig.json's options) against `generated` in place of
 * generated/verify.ts; with `firstFileOnly`, only the first file that has errors, in tsc's order.
 * Each program is handed to the next as `oldProgram`, so only the generated file is new to it.
 */
export function typeCheckSrc(generated: string, { firstFileOnly = false } = {}): string {
  if (!src) {
    const { fileNames, options } = readConfig(resolve(root, "tsconfig.json"), { noEmit: true });
    const rootNames = fileNames.filter(
      (file) => file.startsWith(resolve(root, "src")) || file === generatedPath,
    );
    src = { rootNames, options };
  }
  const { rootNames, options, previous } = src;
  const host = hostFor(options, new Map([[generatedPath, generated]]));
  const program = ts.createProgram({ rootNames, options, host, oldProgram: previous });
  src.previous = program;
  return firstFileOnly ? format(firstFailing(program)) : report(program);
}
