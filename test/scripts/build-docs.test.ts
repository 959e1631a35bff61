// What `npm run docs` says when used wrongly; the page it builds is tested in test/docs.test.ts.
import { describe, expect, it } from "vitest";
import { buildDocs, USAGE } from "../../scripts/build-docs.mjs";
import { Capture } from "../support/capture.js";
import { root } from "../support/spec.js";

function docs(args: string[]) {
  const stdout = new Capture();
  const stderr = new Capture();
  const code = buildDocs(args, { stdout, stderr });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

describe("npm run docs", () => {
  it.each([
    [["--bogus"], "Unknown option '--bogus'"],
    [["--output"], "Option '-o, --output <value>' argument missing"],
    [["--spec", "/no/such/spec.yaml"], '--spec "/no/such/spec.yaml" is not a file'],
    [["--spec", root], `--spec ${JSON.stringify(root)} is not a file`],
  ])("%j: one line naming the flag, exit 2, nothing built", (args, message) => {
    expect(docs(args)).toEqual({
      code: 2,
      stdout: "",
      stderr: `docs: ${message}\nRun "npm run docs -- --help" for usage.\n`,
    });
  });

  it("--help prints the usage, exit 0", () => {
    expect(docs(["--help"])).toEqual({ code: 0, stdout: `${USAGE}\n`, stderr: "" });
  });
});
