// The streams the command talks to, and writing to them without running ahead of the reader;
// writing to a file whole or not at all.
import { closeSync, openSync, writeFileSync, writeSync } from "node:fs";

/** The streams the command talks to: `process`'s, or a test's. */
export interface Io {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

/**
 * Writes to `stream` (stdout), waiting when the pipe is full so memory stays flat. A write that
 * fails aborts `controller`, if given, so nothing more is fetched: a reader that went away
 * (`| head`, EPIPE) is `gone`, for the command to end quietly; any other failure (a full disk) is
 * `failure`, for the command to report.
 */
export function output(stream: Io["stdout"], controller?: AbortController) {
  let gone = false;
  let failure: NodeJS.ErrnoException | undefined;
  const onError = (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") gone = true;
    else failure ??= error;
    controller?.abort();
  };
  stream.on("error", onError);
  const write = async (text: string) => {
    if (!text || (stream as { destroyed?: boolean }).destroyed || stream.write(text)) return;
    // A reader that went away never drains: its error or close ends the wait too.
    await new Promise<void>((resolve) => {
      const done = () => {
        stream.off("drain", done).off("error", done).off("close", done);
        resolve();
      };
      stream.on("drain", done).on("error", done).on("close", done);
    });
  };
  return {
    write,
    release: () => void stream.off("error", onError),
    get gone() {
      return gone;
    },
    get failure() {
      return failure;
    },
  };
}

/** The line for a file or stream that could not be written. */
export const cannotWrite = (error: NodeJS.ErrnoException, what = "the output") =>
  `cannot write ${what} (${error.code ?? error.message})`;

/**
 * Writes all of `text` to the file at `position` (or its end), or throws: a write cut short (a
 * full disk, a file-size limit) is never counted as whole.
 */
export function writeAll(fd: number, text: string | Uint8Array, position?: number): number {
  const bytes = typeof text === "string" ? Buffer.from(text) : text;
  let done = 0;
  while (done < bytes.length) {
    const at = position === undefined ? null : position + done;
    const n = writeSync(fd, bytes, done, bytes.length - done, at);
    if (n === 0) throw new Error("no byte could be written");
    done += n;
  }
  return done;
}

/** Writes the file whole, or returns the line that says why not, naming `flag` and the file. */
export function writeFileOr(flag: string, path: string, text: string): string | undefined {
  try {
    writeFileSync(path, text);
    return undefined;
  } catch (error) {
    return cannotWrite(error as NodeJS.ErrnoException, `${flag} ${JSON.stringify(path)}`);
  }
}

/**
 * Opens each given file to write (`undefined` where no path is given), or none: on the first that
 * cannot be opened, those opened are closed and the line that says why is returned, naming the
 * flag and the file.
 */
export function openEach(
  files: [flag: string, path: string | undefined][],
): (number | undefined)[] | string {
  const opened: (number | undefined)[] = [];
  for (const [flag, path] of files) {
    try {
      opened.push(path === undefined ? undefined : openSync(path, "w"));
    } catch (error) {
      for (const fd of opened) if (fd !== undefined) closeSync(fd);
      return cannotWrite(error as NodeJS.ErrnoException, `${flag} ${JSON.stringify(path)}`);
    }
  }
  return opened;
}
