// The identities an audit has taken up, so that each is audited once however often the input
// lists it. Kept outside the JavaScript heap: each identity's UTF-8 bytes go into one growing
// buffer, found through an open-addressed table of their offsets. A Set of strings costs several
// times as much resident memory per identity, and the collector has to trace all of it.
import { LONE_SURROGATE } from "../checks.js";

const encoder = new TextEncoder();
const EMPTY = -1;
// Where each identity is encoded before it is looked up: one buffer for all, not one per identity.
let scratch = new Uint8Array(256);

/**
 * `identity` as bytes, in `scratch` (valid until the next call): its UTF-8, or, for a string with
 * a lone surrogate (which UTF-8 would turn into U+FFFD, making two such strings one), a 0xFF
 * that no UTF-8 holds, then its UTF-16 units.
 */
function encode(identity: string): Uint8Array {
  // At most three bytes per UTF-16 unit.
  if (3 * identity.length + 1 > scratch.length) scratch = new Uint8Array(3 * identity.length + 1);
  if (!LONE_SURROGATE.test(identity)) {
    return scratch.subarray(0, encoder.encodeInto(identity, scratch).written);
  }
  scratch[0] = 0xff;
  for (let i = 0; i < identity.length; i++) {
    const unit = identity.charCodeAt(i);
    scratch[1 + 2 * i] = unit >> 8;
    scratch[2 + 2 * i] = unit & 0xff;
  }
  return scratch.subarray(0, 1 + 2 * identity.length);
}

/**
 * FNV-1a over the bytes, then MurmurHash3's final mix: FNV's low bits depend only on the low bits
 * of each byte, and the table takes its slot from the low bits.
 */
function hash(bytes: Uint8Array): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

export class IdentitySet {
  #bytes = new Uint8Array(1 << 12);
  #used = 0;
  // Per slot: where its identity starts in #bytes (EMPTY for none), and its length.
  #starts = new Int32Array(1 << 8).fill(EMPTY);
  #lengths = new Int32Array(1 << 8);
  #size = 0;

  get size(): number {
    return this.#size;
  }

  /** Adds `identity`: true when it was not there yet. */
  add(identity: string): boolean {
    const key = encode(identity);
    const slot = this.#find(key);
    if (this.#starts[slot] !== EMPTY) return false;
    this.#store(slot, key);
    this.#size++;
    // At most three quarters full, so a search ends soon at an empty slot.
    if (4 * this.#size > 3 * this.#starts.length) this.#grow();
    return true;
  }

  has(identity: string): boolean {
    return this.#starts[this.#find(encode(identity))] !== EMPTY;
  }

  /** The slot holding `key`, or the empty slot where it would go. */
  #find(key: Uint8Array): number {
    const mask = this.#starts.length - 1;
    for (let slot = hash(key) & mask; ; slot = (slot + 1) & mask) {
      const start = this.#starts[slot]!;
      if (start === EMPTY || this.#equals(start, this.#lengths[slot]!, key)) return slot;
    }
  }

  #equals(start: number, length: number, key: Uint8Array): boolean {
    if (length !== key.length) return false;
    for (let i = 0; i < length; i++) if (this.#bytes[start + i] !== key[i]) return false;
    return true;
  }

  #store(slot: number, key: Uint8Array): void {
    // Offsets are 32-bit: past that, say so rather than mix identities up.
    if (this.#used + key.length > 0x7fffffff) {
      throw new RangeError("more identities than one audit keeps track of (2 GiB of them)");
    }
    if (this.#used + key.length > this.#bytes.length) {
      const grown = Math.ceil(1.5 * this.#bytes.length);
      const bigger = new Uint8Array(Math.max(grown, this.#used + key.length));
      bigger.set(this.#bytes.subarray(0, this.#used));
      this.#bytes = bigger;
    }
    this.#bytes.set(key, this.#used);
    this.#starts[slot] = this.#used;
    this.#lengths[slot] = key.length;
    this.#used += key.length;
  }

  /** Twice the slots, every identity placed again by its hash; the bytes stay where they are. */
  #grow(): void {
    const [starts, lengths] = [this.#starts, this.#lengths];
    const slots = 2 * starts.length;
    this.#starts = new Int32Array(slots).fill(EMPTY);
    this.#lengths = new Int32Array(slots);
    const mask = slots - 1;
    for (let old = 0; old < starts.length; old++) {
      const start = starts[old]!;
      if (start === EMPTY) continue;
      const length = lengths[old]!;
      let slot = hash(this.#bytes.subarray(start, start + length)) & mask;
      while (this.#starts[slot] !== EMPTY) slot = (slot + 1) & mask;
      this.#starts[slot] = start;
      this.#lengths[slot] = length;
    }
  }
}
