#!/usr/bin/env node
import { main } from "./main.js";

// A stderr that cannot be written (2>/dev/full) leaves no one to tell: the exit code still says
// what happened, rather than a crash on the write's error.
process.stderr.on("error", () => {});

process.exitCode = await main(process.argv.slice(2), process.env, process);
