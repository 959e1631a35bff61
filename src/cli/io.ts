// The streams the command talks to, and writing to them without running ahead of the reader.

/** The streams the command talks to: `process`'s, or a test's. */
export interface Io {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

/** Writes and waits when the pipe is full, so memory stays flat. */
export function writer(stream: Io["stdout"]) {
  return async (text: string) => {
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
}
