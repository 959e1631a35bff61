/** Reads digits alone as a number: no sign, point, exponent or space, which `Number()` would take. */
export function parseWholeNumber(text: string): number | undefined {
  return /^\d+$/.test(text) ? Number(text) : undefined;
}
