// The identities an audit has taken up, so that each is audited once however often the input
// lists it. Kept outside the JavaScript heap: each identity's UTF-8 bytes go into fixed-size
// chunks, found through an open-addressed table of their places. A Set of strings costs several
// times as much resident memory per identity, and the collector has to trace all of it. Chunks,
// not one buffer grown by copying: each copy would leave the old buffer to the collector, which
// on the audit's quiet heap comes late, and resident memory would peak well above what is held.
import { LONE_SURROGATE } from "../checks.js";

const encoder = new TextEncoder();
const EMPTY = -1;
/**
 * A place is `chunk * CHUNK + offset`: an identity lies whole in one chunk, and one longer than a
 * chunk gets a chunk of its own. 32-bit places give 2 GiB in all.
 */
const CHUNK_BITS = 16;
const CHUNK = 1 << CHUNK_BITS;
const MAX_CHUNKS = 2 ** (31 - CHUNK_BITS);
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
function hash(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

export class IdentitySet {
  #chunks: Uint8Array[] = [new Uint8Array(CHUNK)];
  /** Bytes used in the last chunk. */
  #used = 0;
  // Per slot: where its identity is (EMPTY for none), and its length.
  #places = new Int32Array(1 << 8).fill(EMPTY);
  #lengths = new Int32Array(1 << 8);
  #size = 0;

  get size(): number {
    return this.#size;
  }

  /** Adds `identity`: true when it was not there yet. */
  add(identity: string): boolean {
    const key = encode(identity);
    const slot = this.#find(key);
    if (this.#places[slot] !== EMPTY) return false;
    this.#store(slot, key);
    this.#size++;
    // At most three quarters full, so a search ends soon at an empty slot.
    if (4 * this.#size > 3 * this.#places.length) this.#grow();
    return true;
  }

  has(identity: string): boolean {
    return this.#places[this.#find(encode(identity))] !== EMPTY;
  }

  /** The slot holding `key`, or the empty slot where it would go. */
  #find(key: Uint8Array): number {
    const mask = this.#places.length - 1;
    for (let slot = hash(key) & mask; ; slot = (slot + 1) & mask) {
      const place = this.#places[slot]!;
      if (place === EMPTY || this.#equals(place, this.#lengths[slot]!, key)) return slot;
    }
  }

  #equals(place: number, length: number, key: Uint8Array): boolean {
    if (length !== key.length) return false;
    const chunk = this.#chunks[place >>> CHUNK_BITS]!;
    const offset = place & (CHUNK - 1);
    for (let i = 0; i < length; i++) if (chunk[offset + i] !== key[i]) return false;
    return true;
  }

  #store(slot: number, key: Uint8Array): void {
    // A full chunk takes not even an empty identity: its place would point past the chunk.
    if (this.#used + key.length > CHUNK || this.#used === CHUNK) {
      // Places are 32-bit: past that, say so rather than mix identities up.
      if (this.#chunks.length === MAX_CHUNKS) {
        throw new RangeError("more identities than one audit keeps track of (2 GiB of them)");
      }
      this.#chunks.push(new Uint8Array(Math.max(CHUNK, key.length)));
      this.#used = 0;
    }
    const chunk = this.#chunks.length - 1;
    this.#chunks[chunk]!.set(key, this.#used);
    this.#places[slot] = chunk * CHUNK + this.#used;
    this.#lengths[slot] = key.length;
    // A chunk of one long identity is full: a place points into a chunk's first CHUNK bytes only.
    this.#used = Math.min(CHUNK, this.#used + key.length);
  }

  /** Twice the slots, every identity placed again by its hash; the bytes stay where they are. */
  #grow(): void {
    const [places, lengths] = [this.#places, this.#lengths];
    const slots = 2 * places.length;
    this.#places = new Int32Array(slots).fill(EMPTY);
    this.#lengths = new Int32Array(slots);
    const mask = slots - 1;
    for (let old = 0; old < places.length; old++) {
      const place = places[old]!;
      if (place === EMPTY) continue;
      const length = lengths[old]!;
      const offset = place & (CHUNK - 1);
      let slot = hash(this.#chunks[place >>> CHUNK_BITS]!, offset, offset + length) & mask;
      while (this.#places[slot] !== EMPTY) slot = (slot + 1) & mask;
      this.#places[slot] = place;
      this.#lengths[slot] = length;
    }
  }
}
