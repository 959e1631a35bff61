import { Writable } from "node:stream";

/**
 * A stream that keeps what is written to it, a terminal or not; `screen` sees every stream. A
 * `full` one takes nothing: each write fails with ENOSPC, as on a full disk, the way Node's own
 * streams fail (the write returns false, the error comes after).
 */
export class Capture extends Writable {
  text = "";
  constructor(
    readonly isTTY = false,
    private readonly screen?: { text: string },
    private readonly full = false,
  ) {
    super();
  }
  override _write(chunk: Buffer, _encoding: string, done: (error?: Error) => void) {
    if (this.full) {
      return done(
        Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" }),
      );
    }
    this.text += chunk;
    if (this.screen) this.screen.text += chunk;
    done();
  }
}
