#!/usr/bin/env node
import { main } from "./main.js";

// A stderr that cannot be written (2>/dev/full) leaves no one to tell: the exit code still says
// what happened, rather than a crash on the write's error.
process.stderr.on("error", () => {});

/** Resolves once `stream` holds nothing more to write, or can take nothing more. */
const flushed = (stream: NodeJS.WriteStream) =>
  new Promise<void>((done) => {
    if (stream.writableLength === 0) return done();
    stream.once("error", () => done()).write("", () => done());
  });

const code = await main(process.argv.slice(2), process.env, process);
// Once the output is out, nothing the command has finished with may keep the process alive:
// reading an identities pipe whose writer stays silent would, after Ctrl-C or SIGTERM.
await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
process.exit(code);
