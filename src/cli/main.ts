// The `verify-factors` command: reads the flags, makes the client, and runs `list` or `audit`.
// Credentials come from the environment only, never from flags that land in shell history.
import { createVerifyClient, VerifyArgumentError, type Logger, type LogLevel } from "../index.js";
import { runAudit } from "./commands/audit.js";
import { runList } from "./commands/list.js";
import { credentials } from "./credentials.js";
import { createReport } from "./errors.js";
import { parse } from "./flags.js";
import { ownPackage } from "./package-root.js";
import { cannotWrite, output, type Io } from "./io.js";
import { visible } from "./terminal.js";
import { USAGE } from "./usage.js";
import { UsageError } from "./usage-error.js";

export type { Io } from "./io.js";

/** Log lines on stderr, made visible like every other line the command writes there. */
function stderrLogger({ stderr }: Io): Logger {
  const line = (message: string) => void stderr.write(`${visible(message)}\n`);
  return { debug: line, info: line, warn: line, error: line };
}

/** Where each library parameter came from on this command line: a flag or a variable. */
function flagNames(
  from: readonly [string, string],
  fromFlag: { baseUrl: boolean; logLevel: boolean },
): Record<string, string> {
  return {
    serviceSid: "--service-sid",
    identity: "--identity",
    limit: "--limit",
    pageSize: "--page-size",
    page: "--page",
    pageToken: "--page-token",
    concurrency: "--concurrency",
    headers: "--header",
    logLevel: fromFlag.logLevel ? "--log-level" : "VERIFY_FACTORS_LOG",
    baseUrl: fromFlag.baseUrl ? "--base-url" : "VERIFY_BASE_URL",
    accountSid: from[0],
    authToken: from[1],
  };
}

/** Runs the command; resolves to its exit code. */
export async function main(
  argv: string[],
  env: Record<string, string | undefined>,
  io: Io,
): Promise<number> {
  let report = createReport(io, {}, ["", ""]);
  try {
    const command = parse(argv, Boolean(io.stdout.isTTY));
    if ("help" in command) {
      const stdout = output(io.stdout);
      await stdout.write(command.help ? `${USAGE}\n` : `${ownPackage()?.version ?? "unknown"}\n`);
      stdout.release();
      return stdout.failure ? report.fail(1, cannotWrite(stdout.failure)) : 0;
    }
    const { from, ...login } = credentials(env);
    const fromFlag = {
      baseUrl: command.baseUrl !== undefined,
      logLevel: command.logLevel !== undefined,
    };
    report = createReport(io, flagNames(from, fromFlag), from);
    const client = createVerifyClient({
      ...login,
      baseUrl: command.baseUrl ?? (env.VERIFY_BASE_URL || undefined),
      headers: command.headers,
      logger: stderrLogger(io),
      // The environment's level in any case, empty as unset; the command still refuses a wrong one.
      logLevel: (command.logLevel ??
        (env.VERIFY_FACTORS_LOG?.trim().toLowerCase() || "warn")) as LogLevel,
    });
    if (command.name === "audit") return await runAudit(client, command, io, report);
    return await runList(client, command, io, report);
  } catch (error) {
    if (error instanceof VerifyArgumentError) return report.usage(error);
    if (error instanceof UsageError) return report.fail(2, error.message, true);
    // Anything else (a file it may not create, a factor it cannot write): one line, not a trace.
    return report.fail(1, report.describe(error));
  }
}
