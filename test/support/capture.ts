import { Writable } from "node:stream";

/** A stream that keeps what is written to it, a terminal or not; `screen` sees every stream. */
export class Capture extends Writable {
  text = "";
  constructor(
    readonly isTTY = false,
    private readonly screen?: { text: string },
  ) {
    super();
  }
  override _write(chunk: Buffer, _encoding: string, done: () => void) {
    this.text += chunk;
    if (this.screen) this.screen.text += chunk;
    done();
  }
}
