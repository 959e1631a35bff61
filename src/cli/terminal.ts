// What the command does to a terminal: server text made safe (it never writes a control character
// it did not make itself), the progress line, and Ctrl-C.
import { cut } from "../shown.js";
import type { Io } from "./io.js";

/**
 * Control characters (C0, DEL, C1), the line and paragraph separators, and the bidirectional
 * overrides and isolates that reorder what a terminal shows.
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const escaped = (ch: string) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`;

/** `text` with every unsafe character written out as `\uXXXX`, so it is seen, not obeyed. */
export function visible(text: string): string {
  return text.replace(UNSAFE, escaped);
}

/**
 * The most of an identity the audit keeps and shows: none past 64 characters is valid, a server's
 * may be megabytes long, and --failed is read back a line at a time.
 */
export const IDENTITY_KEPT = 100;

/** An identity as a line shows it (on stderr, and in --failed): visible, and cut. */
export const shownIdentity = (identity: string) => visible(cut(identity, IDENTITY_KEPT));

/** A character as the `\xHH` escapes of its UTF-8 bytes, as `$'...'` reads them. */
const asBytes = (ch: string) =>
  [...new TextEncoder().encode(ch)]
    .map((byte) => `\\x${byte.toString(16).padStart(2, "0")}`)
    .join("");

/**
 * A word for a shell: as it is when it is plain, else in single quotes. A word with a control
 * character goes in `$'...'` (bash, zsh, ksh, POSIX.1-2024) with the character as escapes: inside
 * plain quotes it would be shown as `\uXXXX` and given back as those six characters.
 */
export function shellQuote(word: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(word)) return word;
  if (word.search(UNSAFE) >= 0)
    return `$'${word.replace(/[\\']/g, "\\$&").replace(UNSAFE, asBytes)}'`;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** Back to the start of the line, and the line cleared: wipes the progress line. */
export const CLEAR_LINE = "\r\x1b[K";

/**
 * A progress line on stderr, drawn only when both stdout and stderr are a terminal (never when
 * piped), and wiped before anything else is written, so it never mixes with rows or messages.
 */
export function progressLine({ stdout, stderr }: Io) {
  const shown = Boolean(stderr.isTTY && stdout.isTTY);
  let drawn = false;
  return {
    shown,
    draw(text: string) {
      if (!shown) return;
      stderr.write(`${CLEAR_LINE}${text}`);
      drawn = true;
    },
    clear() {
      if (drawn) stderr.write(CLEAR_LINE);
      drawn = false;
    },
  };
}

/** The signals that stop a command politely, each with its exit code as shells give it. */
const INTERRUPTS = { SIGINT: 130, SIGTERM: 143 } as const;

/**
 * Aborts `controller` on Ctrl-C (SIGINT) or SIGTERM (what `timeout` and Kubernetes send) until
 * `release()`; `code` is then the exit code for the signal that came.
 */
export function abortOnInterrupt(controller: AbortController) {
  const interrupt = { code: INTERRUPTS.SIGINT as number, release: () => {} };
  const handlers = Object.entries(INTERRUPTS).map(([name, code]) => {
    const stop = () => {
      interrupt.code = code;
      controller.abort();
    };
    process.once(name, stop);
    return () => void process.off(name, stop);
  });
  interrupt.release = () => handlers.forEach((off) => off());
  return interrupt;
}
