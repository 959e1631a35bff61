// What a checkpoint was made for: the Service, where the identities came from, the filters and
// the output. A resume with anything else would mix two audits in one file, so it is refused.
import { closeSync, openSync, readSync, statSync } from "node:fs";
import { createHash } from "node:crypto";
import { resolve } from "node:path";
import type { AuditCommand } from "./flags.js";
import { isRegularFile } from "./paths.js";

/**
 * A file's identity: its path, size and a hash of its bytes, read in a fixed buffer. A pipe or a
 * device is known by its path alone: reading it here would leave nothing for the audit, or never
 * end.
 */
function fileIdentity(path: string): string {
  if (!isRegularFile(path)) return `${resolve(path)} (a pipe or device)`;
  const hash = createHash("sha256");
  const buffer = Buffer.alloc(1 << 16);
  const fd = openSync(path, "r");
  try {
    for (let n = readSync(fd, buffer); n > 0; n = readSync(fd, buffer))
      hash.update(buffer.subarray(0, n));
  } finally {
    closeSync(fd);
  }
  return `${resolve(path)} (${statSync(path).size} bytes, sha256 ${hash.digest("hex").slice(0, 16)})`;
}

/** Each thing a resume must share with the run that made the checkpoint, by the flag that sets it. */
export function bindingOf({ audit, output, properties }: AuditCommand): Record<string, string> {
  const source =
    audit.identities === undefined
      ? "every Entity"
      : audit.identities === "-"
        ? "stdin"
        : fileIdentity(audit.identities);
  return {
    "--service-sid": audit.serviceSid,
    "--identities": source,
    "--status": audit.status ?? "(any)",
    "--factor-type": audit.factorTypes.join(",") || "(any)",
    "--output": output,
    "--properties": properties.join(","),
  };
}

/** The first difference between the binding a checkpoint recorded and this run's, in words. */
export function differenceOf(
  then: Record<string, string>,
  now: Record<string, string>,
): string | undefined {
  const flag = Object.keys(now).find((key) => then[key] !== now[key]);
  return (
    flag &&
    `${flag} differs (${JSON.stringify(then[flag] ?? "")} then, ${JSON.stringify(now[flag])} now)`
  );
}
