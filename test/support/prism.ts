import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { resolve } from "node:path";

const root = resolve(import.meta.dirname, "../..");

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.on("error", fail);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as import("node:net").AddressInfo;
      probe.close(() => done(port));
    });
  });
}

export interface Prism {
  url: string;
  output: () => string;
  stop: () => Promise<void>;
}

/** Starts `prism mock` or `prism proxy` on the spec, on a free port of 127.0.0.1. */
export async function startPrism(args: string[]): Promise<Prism> {
  const port = await freePort();
  const child: ChildProcess = spawn(
    resolve(root, "node_modules/.bin/prism"),
    [...args, "-h", "127.0.0.1", "-p", String(port)],
    { cwd: root, stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  await new Promise<void>((ready, fail) => {
    const timer = setTimeout(() => fail(new Error(`prism did not start:\n${output}`)), 30_000);
    const listen = (chunk: Buffer) => {
      output += chunk;
      if (output.includes("Prism is listening")) {
        clearTimeout(timer);
        ready();
      }
    };
    child.stdout!.on("data", listen);
    child.stderr!.on("data", listen);
    child.on("exit", (code) => fail(new Error(`prism exited with ${code}:\n${output}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    output: () => output,
    stop: () =>
      new Promise((done) => {
        if (child.exitCode !== null) return done();
        child.once("exit", () => done());
        child.kill("SIGTERM");
      }),
  };
}
