/**
 * A 53-bit hash of a string (cyrb53, public domain): the loop guard keeps this number, not the
 * token, so its memory does not grow with the length of the tokens a server sends. Two pages
 * sharing a hash by chance (about 1 in 2^53 for a pair) would stop the listing with an error,
 * never lose items silently.
 */
function hash53(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  // Stryker disable next-line EqualityOperator: one more round (NaN ^ h = h) only makes another hash, as good
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  // Stryker disable next-line ArithmeticOperator: another mix of the two halves is another hash, as good
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** A page as the guard tells pages apart: its index and token; its size does not count. */
export interface Place {
  page?: number;
  pageToken?: string;
  pageSize?: number;
}

/** The pages a listing has already asked for, as far as `has` can tell. */
export interface Visited {
  has(at: Place): boolean;
}

/**
 * The pages a listing has asked for. Bounded in count and in size, so memory stays flat however
 * long the listing and its tokens: a loop back further than `size` pages is not one a server makes
 * by mistake.
 */
export class LoopGuard implements Visited {
  readonly #keys = new Set<number>();

  constructor(private readonly size = 10_000) {}

  // Stryker disable next-line StringLiteral: any text for a missing page or token, the same every time, tells the same places apart
  #key = (at: Place) => hash53(`${at.page ?? ""}\u0000${at.pageToken ?? ""}`);

  has(at: Place): boolean {
    return this.#keys.has(this.#key(at));
  }

  add(at: Place): void {
    this.#keys.add(this.#key(at));
    if (this.#keys.size > this.size) this.#keys.delete(this.#keys.values().next().value!);
  }
}
