// The check in a server-side runtime (Node, Bun, Deno): the built package, URLs and credentials
// from the command line, the results as JSON on stdout.
import * as verify from "../../../dist/esm/index.js";
import { check } from "./check.mjs";

const [urls, credentials] = JSON.parse(globalThis.process?.argv?.[2] ?? globalThis.Deno.args[0]);
console.log(JSON.stringify(await check(verify, urls, credentials)));
