import { spawn, type SpawnOptions } from "node:child_process";
import { closeSync, openSync } from "node:fs";
import { resolve } from "node:path";
import { main } from "../../src/cli/main.js";
import { Capture } from "./capture.js";
import { ACCOUNT_SID, AUTH_TOKEN, IDENTITY, SERVICE_SID } from "./fake-verify.js";

export const bin = resolve(import.meta.dirname, "../../dist/esm/src/cli/bin.js");
export const credentials = { TWILIO_ACCOUNT_SID: ACCOUNT_SID, TWILIO_AUTH_TOKEN: AUTH_TOKEN };

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * The command in this process, as the bin runs it, with stdout and stderr captured, and `screen`:
 * both as one terminal would show them, in the order written. A `full` stdout takes nothing.
 */
export async function runMain(
  args: string[],
  env: Record<string, string> = credentials,
  { tty = false, full = false } = {},
): Promise<Run & { screen: string }> {
  const screen = { text: "" };
  const stdout = new Capture(tty, screen, full);
  const stderr = new Capture(tty, screen);
  const code = await main(args, env, { stdout, stderr });
  return { code, stdout: stdout.text, stderr: stderr.text, screen: screen.text };
}

/**
 * The real process: `argv` whole, or the bin with `args`, piped into `pipeTo` if given, its stdout
 * written straight to the file `stdoutTo` if given.
 */
export function spawnBin(
  args: string[],
  {
    env = credentials,
    pipeTo,
    argv,
    stdinFrom,
    stdoutTo,
    stderrTo,
  }: {
    env?: Record<string, string>;
    pipeTo?: string;
    argv?: string[];
    /** A file (or folder, or device) stdin is read from, instead of a pipe the test writes. */
    stdinFrom?: string;
    /** A file stdout (or stderr) is appended to, as `>>` does, instead of a pipe the test reads. */
    stdoutTo?: string;
    stderrTo?: string;
  } = {},
) {
  const command = pipeTo
    ? `${JSON.stringify(process.execPath)} ${JSON.stringify(bin)} ${args.map((a) => JSON.stringify(a)).join(" ")} | ${pipeTo}`
    : undefined;
  const [input, out, err] = [
    [stdinFrom, "r"],
    [stdoutTo, "a"],
    [stderrTo, "a"],
  ].map(([path, flags]) => (path === undefined ? "pipe" : openSync(path, flags!)));
  const options = {
    env: { PATH: process.env.PATH!, ...env },
    stdio: [input, out, err],
  } as SpawnOptions;
  const child = argv
    ? spawn(argv[0]!, argv.slice(1), options)
    : command
      ? spawn("bash", ["-o", "pipefail", "-c", command], options)
      : spawn(process.execPath, [bin, ...args], options);
  for (const fd of [input, out, err]) if (typeof fd === "number") closeSync(fd); // the child has its own
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk) => (stdout += chunk));
  child.stderr?.on("data", (chunk) => (stderr += chunk));
  const done = new Promise<Run>((resolve) =>
    child.on("close", (code) => resolve({ code, stdout, stderr })),
  );
  return { child, done };
}

/** `verify-factors audit` of the fixture's Service against `url`, then `more`. */
export const auditArgs = (url: string, ...more: string[]) => [
  "audit",
  "--service-sid",
  SERVICE_SID,
  "--base-url",
  url,
  ...more,
];

export const listArgs = (url: string, ...more: string[]) => [
  "list",
  "--service-sid",
  SERVICE_SID,
  "--identity",
  IDENTITY,
  "--base-url",
  url,
  ...more,
];
