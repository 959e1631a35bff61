import { Writable } from "node:stream";

/** A stream that keeps what is written to it, a terminal or not. */
export class Capture extends Writable {
  text = "";
  constructor(readonly isTTY = false) {
    super();
  }
  override _write(chunk: Buffer, _encoding: string, done: () => void) {
    this.text += chunk;
    done();
  }
}
