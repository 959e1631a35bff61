// Text from the server, made safe for a terminal: the command never writes a control character it
// did not make itself.

/**
 * Control characters (C0, DEL, C1), the line and paragraph separators, and the bidirectional
 * overrides and isolates that reorder what a terminal shows.
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** `text` with every unsafe character written out as `\uXXXX`, so it is seen, not obeyed. */
export function visible(text: string): string {
  return text.replace(UNSAFE, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** A word for a POSIX shell: as it is when it is plain, else in single quotes. */
export function shellQuote(word: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}
