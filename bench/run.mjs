#!/usr/bin/env node
// `npm run bench`: verify-factors against a bare fetch loop (the limit) and twilio-node, side by
// side in one run on one machine. Prints markdown tables and writes them to BENCHMARKS.md.
// `--smoke` runs every scenario at tiny sizes, for `npm test`: it proves the script works, not speed.
import { execFile, execFileSync, spawn } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs, promisify } from "node:util";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { format } from "prettier";
import * as contenders from "./contenders.mjs";
import * as twilio from "./twilio.mjs";
import { median, quartiles, race, raceListings, ratios } from "./race.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

let args;
try {
  ({ values: args } = parseArgs({
    options: {
      smoke: { type: "boolean", default: false },
      write: { type: "boolean", default: true },
      // One section alone (throughput, same-process, latency, memory, weight, build, audit),
      // printed and not written to BENCHMARKS.md: for looking into one figure.
      only: { type: "string" },
    },
    allowNegative: true,
  }));
} catch (error) {
  console.error(`bench: ${error.message}`);
  process.exit(2);
}
// One fake server for tests and bench: the tests' TypeScript one, bundled to plain JS.
await build({
  entryPoints: [resolve(root, "test/support/fake-verify.ts")],
  bundle: true,
  platform: "node",
  format: "esm",
  outfile: resolve(root, "bench/.build/fake-verify.mjs"),
  logLevel: "warning",
});
const smoke = args.smoke;
const sizes = smoke
  ? {
      throughput: 3_000,
      pages: 4,
      memory: [2_000, 4_000],
      every: 1_000,
      runs: 1,
      throughputRuns: 1,
      importRuns: 1,
      auditIdentities: 40,
      auditRounds: 1,
      streamed: [20, 40, 60],
      latencyMs: 2,
      retryAfter: "0",
    }
  : {
      throughput: 100_000,
      pages: 20,
      memory: [100_000, 1_000_000],
      every: 50_000,
      runs: 9,
      // Short runs, and the noisiest: more of them.
      throughputRuns: 21,
      importRuns: 15,
      auditIdentities: 1_000,
      auditRounds: 3,
      streamed: [10_000, 300_000, 1_000_000],
      latencyMs: 50,
      retryAfter: "1",
    };

const fmt = (n, digits = 0) =>
  n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
const verdict = (ok) => (ok ? "met" : "**MISSED**");
/** A median with the middle half of its rounds: `291 (283–305)`. */
const spread = (xs, digits = 0, unit = "") => {
  const [low, high] = quartiles(xs);
  return `${fmt(median(xs), digits)}${unit} (${fmt(low, digits)}–${fmt(high, digits)})`;
};
const sections = [];
const section = (title, lines) => {
  const text = `### ${title}\n\n${lines.join("\n")}\n`;
  console.log(text);
  sections.push(text);
};

async function startServer(options) {
  const child = spawn(
    process.execPath,
    [
      resolve(root, "bench/server.mjs"),
      ...Object.entries(options).flatMap(([k, v]) => [`--${k}`, String(v)]),
    ],
    {
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  const url = await new Promise((done, fail) => {
    child.stdout.once("data", (chunk) => done(JSON.parse(String(chunk)).url));
    child.once("exit", (code) => fail(new Error(`bench server exited with ${code}`)));
  });
  return { url, stop: () => child.kill() };
}

async function throughput() {
  const total = sizes.throughput;
  const server = await startServer({ total });
  const named = [
    ["raw fetch loop (limit)", contenders.rawLoop],
    ["verify-factors items", contenders.oursItems],
    ["verify-factors pages()", contenders.oursPages],
    ["twilio-node each()", twilio.twilioEach],
  ];
  try {
    const times = await raceListings(named, server.url, total, sizes.throughputRuns);
    // Rates relative to another contender are per round (its time over this one's).
    const vs = (name, other) => ratios(times[other], times[name]);
    const raw = "raw fetch loop (limit)";
    const twilio = "twilio-node each()";
    const ours = median(vs("verify-factors items", raw));
    const oursTwilio = median(vs("verify-factors items", twilio));
    section(
      `1. Throughput: ${fmt(total)} factors, PageSize=1000 (median of ${sizes.throughputRuns}, middle half in brackets)`,
      [
        "| contender | time (ms) | items/s | vs raw loop | vs twilio-node |",
        "| --- | ---: | ---: | ---: | ---: |",
        ...named.map(
          ([name]) =>
            `| ${name} | ${spread(times[name])} | ${fmt(total / (median(times[name]) / 1000))} | ${spread(vs(name, raw), 2, "x")} | ${spread(vs(name, twilio), 2, "x")} |`,
        ),
        "",
        `Targets: items >= 0.95x raw loop: ${fmt(ours, 2)}x, ${verdict(ours >= 0.95)}; ` +
          `>= 1.5x twilio-node: ${fmt(oursTwilio, 2)}x, ${verdict(oursTwilio >= 1.5)}.`,
      ],
    );
  } finally {
    server.stop();
  }
}

/**
 * The server in the client's own process (bench/same-process.mjs), so the client's CPU cost shows.
 * Its rounds are spread over fresh processes: how fast a process runs the client settles early in
 * its life and differs from one process to the next, so one process is one draw, not a result.
 * Half the processes list with this package first, half with the raw loop: which lists first in
 * a process can run faster for the rest of it.
 */
async function throughputSameProcess() {
  const total = sizes.throughput;
  const processes = smoke ? 1 : 8;
  // An even number, so that each contender runs as often early in a process as late.
  const rounds = smoke ? 1 : 4;
  const times = {};
  for (let i = 0; i < processes; i++) {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        "--expose-gc",
        // Room for the server's pages and a listing's garbage, so no round meets a major GC: with
        // the server's pages in the same heap, whether one did was chance (two mark-compacts, a
        // third more time) and it decided the ratio. Garbage collection's cost shows in section 1.
        "--initial-old-space-size=512",
        resolve(root, "bench/same-process.mjs"),
        "--total",
        String(total),
        "--rounds",
        String(rounds),
        ...(i % 2 === 1 ? ["--ours-first"] : []),
      ],
      { cwd: root },
    );
    for (const [name, ms] of Object.entries(JSON.parse(stdout))) {
      times[name] = [...(times[name] ?? []), ...ms];
    }
  }
  const raw = "raw fetch loop (limit)";
  const vs = (name, other = raw) => ratios(times[other], times[name]);
  const ours = median(vs("verify-factors items"));
  const pages = median(vs("verify-factors pages()"));
  const steady = median(
    vs(
      "verify-factors items, 20 listings back to back",
      "raw fetch loop, 20 listings back to back",
    ),
  );
  section(
    `1b. Throughput, server in the same process: ${fmt(total)} factors, PageSize=1000 (median of ${processes * rounds}: ${rounds} rounds in each of ${processes} processes, middle half in brackets)`,
    [
      "| contender | time (ms) | items/s | vs raw loop |",
      "| --- | ---: | ---: | ---: |",
      ...Object.keys(times).map(
        (name) =>
          `| ${name} | ${spread(times[name])} | ${fmt(total / (median(times[name]) / 1000))} | ${spread(vs(name), 2, "x")} |`,
      ),
      "",
      `Targets: items >= 0.97x raw loop: ${fmt(ours, 2)}x, ${verdict(ours >= 0.97)}; ` +
        `pages() >= 0.98x: ${fmt(pages, 2)}x, ${verdict(pages >= 0.98)}; ` +
        `20 listings back to back >= 0.95x the raw loop's: ${fmt(steady, 2)}x, ${verdict(steady >= 0.95)}.`,
    ],
  );
}

async function latency() {
  const pages = sizes.pages;
  const workMs = sizes.latencyMs;
  const server = await startServer({ total: pages * 50, "latency-ms": workMs });
  const named = [
    ["verify-factors, prefetch", (url) => contenders.oursPages(url, { pageSize: 50, workMs })],
    [
      "verify-factors, no prefetch",
      (url) => contenders.oursPages(url, { pageSize: 50, workMs, prefetch: false }),
    ],
    ["twilio-node page()/nextPage()", (url) => twilio.twilioPages(url, { pageSize: 50, workMs })],
    ["raw fetch loop", (url) => contenders.rawLoop(url, { pageSize: 50, workMs })],
  ];
  try {
    const times = await race(named, (fn) => fn(server.url), sizes.runs);
    const prefetch = "verify-factors, prefetch";
    const vs = (name) => ratios(times[prefetch], times[name]);
    const worst = Math.max(...named.slice(1).map(([name]) => median(vs(name))));
    section(
      `2. Latency-bound: ${pages} pages of 50, server ${workMs} ms/page, consumer ${workMs} ms/page (median of ${sizes.runs}, middle half in brackets)`,
      [
        "| contender | time (ms) | prefetch / this |",
        "| --- | ---: | ---: |",
        ...named.map(
          ([name]) => `| ${name} | ${spread(times[name])} | ${spread(vs(name), 2, "x")} |`,
        ),
        "",
        `Target: prefetch <= 0.6x the sequential ones (limit 0.5x): worst ${fmt(worst, 2)}x, ${verdict(worst <= 0.6)}.`,
      ],
    );
  } finally {
    server.stop();
  }
}

async function memory() {
  const rows = [];
  const results = {};
  for (const total of sizes.memory) {
    const server = await startServer({ total });
    try {
      for (const contender of ["ours", "raw", "twilio-list"]) {
        const { stdout } = await promisify(execFile)(
          process.execPath,
          [
            "--expose-gc",
            "--max-old-space-size=8192",
            resolve(root, "bench/memory.mjs"),
            "--url",
            server.url,
            "--contender",
            contender,
            "--every",
            String(sizes.every),
          ],
          { cwd: root, maxBuffer: 1 << 20 },
        );
        results[`${contender}@${total}`] = JSON.parse(stdout).retainedBytes;
      }
    } finally {
      server.stop();
    }
  }
  const mib = (bytes) => `${fmt(bytes / 2 ** 20, 1)} MiB`;
  const [small, large] = sizes.memory;
  for (const [contender, label] of [
    ["ours", "verify-factors items"],
    ["raw", "raw fetch loop"],
    ["twilio-list", "twilio-node list()"],
  ]) {
    rows.push(
      `| ${label} | ${mib(results[`${contender}@${small}`])} | ${mib(results[`${contender}@${large}`])} |`,
    );
  }
  const oursLarge = results[`ours@${large}`];
  const growth = oursLarge - results[`ours@${small}`];
  section(`3. Memory: retained heap while iterating and dropping, PageSize=1000`, [
    `| contender | ${fmt(small)} factors | ${fmt(large)} factors |`,
    "| --- | ---: | ---: |",
    ...rows,
    "",
    `Targets: verify-factors <= 16 MiB at ${fmt(large)}: ${mib(oursLarge)}, ${verdict(oursLarge <= 16 * 2 ** 20)}; ` +
      `flat (<= 2 MiB above ${fmt(small)}): ${mib(growth)}, ${verdict(growth <= 2 * 2 ** 20)}.`,
  ]);
}

/** One audit in a fresh process (bench/audit.mjs) against a fresh server; what it printed. */
async function auditRun(server, args) {
  const started = await startServer(server);
  try {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ["--expose-gc", resolve(root, "bench/audit.mjs"), "--url", started.url, ...args],
      { cwd: root, maxBuffer: 1 << 20 },
    );
    return JSON.parse(stdout);
  } finally {
    started.stop();
  }
}

async function audit() {
  const identities = sizes.auditIdentities;
  const latency = sizes.latencyMs;
  const limited = {
    "factors-each": 3,
    "latency-ms": latency,
    "max-in-flight": 10,
    "retry-after": sizes.retryAfter,
  };
  const ideal = (n) => (n * latency) / 10;
  const runs = [
    ["verify-factors, concurrency 10", identities, ["--concurrency", "10"]],
    ["verify-factors, concurrency 40", identities, ["--concurrency", "40"]],
    ["verify-factors, concurrency 40", 4 * identities, ["--concurrency", "40"]],
    ["hand-written pool, concurrency 40", identities, ["--concurrency", "40", "--mode", "pool"]],
  ];
  // Interleaved rounds, each audit in a fresh process against a fresh server; per round, each
  // audit's time over its ideal.
  const results = runs.map(() => []);
  for (let round = 0; round < sizes.auditRounds; round++) {
    const order = runs.map((_, i) => i);
    if (round % 2 === 1) order.reverse();
    for (const i of order) {
      const [, n, args] = runs[i];
      results[i].push(await auditRun(limited, ["--identities", String(n), ...args]));
    }
  }
  const vsIdeal = (i) => results[i].map((r) => r.ms / ideal(runs[i][1]));
  const share = (i) => results[i].map((r) => r.throttled / r.requests);
  const failed = (i) => Math.max(...results[i].map((r) => r.failed));
  const row = (i) =>
    `| ${runs[i][0]} | ${fmt(runs[i][1])} | ${spread(results[i].map((r) => r.ms))} | ${spread(vsIdeal(i), 2, "x")} | ${failed(i)} | ${spread(
      share(i).map((x) => 100 * x),
      1,
      " %",
    )} |`;
  const at = (i) => median(vsIdeal(i));
  // Memory while streaming many identities from a file, against a server that answers at once:
  // the peak of each run, each run in a fresh process.
  const files = sizes.streamed.map((total) => {
    const file = join(tmpdir(), `verify-bench-identities-${total}.txt`);
    const lines = Array.from(
      { length: total },
      (_, i) => `bench-user-${String(i).padStart(7, "0")}`,
    );
    writeFileSync(file, lines.join("\n"));
    return file;
  });
  const stream = async (file, ...more) =>
    auditRun({ "factors-each": 3 }, ["--file", file, "--concurrency", "50", ...more]);
  const streamed = [];
  // The command line, which also keeps every identity it has taken up, to audit each once.
  const commandLine = [];
  try {
    for (const file of files) streamed.push(await stream(file));
    for (const file of files.slice(0, 2)) commandLine.push(await stream(file, "--mode", "cli"));
  } finally {
    for (const file of files) rmSync(file, { force: true });
  }
  const mib = (bytes) => `${fmt(bytes / 2 ** 20, 1)} MiB`;
  section(
    `6. Auditing a Service: identities of 3 factors, server ${latency} ms a request, 10 requests in flight at most (429 with Retry-After: ${sizes.retryAfter} beyond); median of ${sizes.auditRounds} interleaved rounds, middle half in brackets`,
    [
      `Ideal: identities x ${latency} ms / 10.`,
      "",
      "| audit | identities | time (ms) | vs ideal | failed identities (most) | 429s / requests |",
      "| --- | ---: | ---: | ---: | ---: | ---: |",
      ...runs.map((_, i) => row(i)),
      "",
      // Three decimals: a figure just over its target must not print as the target itself.
      `Targets: ${fmt(identities)} at concurrency 10 <= 1.08x ideal: ${fmt(at(0), 3)}x, ${verdict(at(0) <= 1.08)}; ` +
        `at 40 <= 1.25x: ${fmt(at(1), 3)}x, ${verdict(at(1) <= 1.25)}; ` +
        `${fmt(4 * identities)} at 40 <= 1.08x: ${fmt(at(2), 3)}x, ${verdict(at(2) <= 1.08)}, ` +
        `429s under 2 % of requests: ${fmt(100 * median(share(2)), 1)} %, ${verdict(median(share(2)) < 0.02)}; ` +
        `no failed identity: ${verdict([0, 1, 2].every((i) => failed(i) === 0))}.`,
      "",
      `Streaming identities from a file (concurrency 50, a server answering at once), each run in its own process: ` +
        sizes.streamed
          .map(
            (total, i) =>
              `${fmt(total)}: peak RSS ${mib(streamed[i].peakRss)} (heap after a full GC ${mib(streamed[i].heapUsed)}, ${fmt(streamed[i].ms / 1000)} s)`,
          )
          .join("; ") +
        `. Target: ${fmt(sizes.streamed[1])} <= the ${fmt(sizes.streamed[0])} run + 32 MiB: ` +
        `${verdict(streamed[1].peakRss <= streamed[0].peakRss + 32 * 2 ** 20)}.`,
      "",
      `The same through the command line (\`verify-factors audit --identities FILE\`, rows to /dev/null): ` +
        commandLine
          .map(
            (run, i) =>
              `${fmt(sizes.streamed[i])}: peak RSS ${mib(run.peakRss)} (${fmt(run.ms / 1000)} s)`,
          )
          .join("; ") +
        `. Target: ${verdict(commandLine[1].peakRss <= commandLine[0].peakRss + 32 * 2 ** 20)}.`,
    ],
  );
}

async function weight() {
  const bundle = async (entry, format) => {
    const result = await build({
      entryPoints: [entry],
      bundle: true,
      minify: true,
      platform: "node",
      format,
      write: false,
      logLevel: "silent",
    });
    return gzipSync(result.outputFiles[0].contents).length;
  };
  const ours = await bundle(resolve(root, "dist/esm/src/index.js"), "esm");
  // Bundling twilio-node costs more than the rest of a smoke run's section: a smoke run, which
  // proves the script works, leaves it out (ours goes through the same code).
  const theirs = smoke
    ? undefined
    : await bundle(resolve(root, "node_modules/twilio/lib/index.js"), "cjs");
  const spawnMs = async (code, type) => {
    const started = performance.now();
    await promisify(execFile)(
      process.execPath,
      type ? ["--input-type=module", "-e", code] : ["-e", code],
      { cwd: root },
    );
    return performance.now() - started;
  };
  const times = { bare: [], ours: [], twilio: [] };
  for (let i = 0; i < sizes.importRuns; i++) {
    times.bare.push(await spawnMs("0"));
    times.ours.push(await spawnMs('await import("verify-factors")', "module"));
    times.twilio.push(await spawnMs('require("twilio")'));
  }
  const bare = median(times.bare);
  const oursCost = median(times.ours) - bare;
  const twilioCost = median(times.twilio) - bare;
  section("4. Weight: bundled size (esbuild, minified, platform node, gzip) and import cost", [
    "| package | bundle gzipped | import cost (ms, median minus bare node) |",
    "| --- | ---: | ---: |",
    `| verify-factors | ${fmt(ours / 1000, 1)} kB | ${fmt(oursCost, 1)} |`,
    `| twilio | ${theirs === undefined ? "not bundled in a smoke run" : `${fmt(theirs / 1000, 1)} kB`} | ${fmt(twilioCost, 1)} |`,
    "",
    `Targets: <= 10 kB gzipped: ${fmt(ours / 1000, 1)} kB, ${verdict(ours <= 10_000)}; ` +
      `import cost <= 0.25x twilio's: ${fmt(oursCost / twilioCost, 2)}x, ${verdict(oursCost <= 0.25 * twilioCost)}.`,
  ]);
}

function buildTimes() {
  const time = (script) => {
    const started = performance.now();
    execFileSync("npm", ["run", "--silent", script], { cwd: root, stdio: "ignore" });
    return performance.now() - started;
  };
  section("5. Build (for the record)", [
    "| step | time (s) |",
    "| --- | ---: |",
    `| npm run generate | ${fmt(time("generate") / 1000, 1)} |`,
    `| npm run build | ${fmt(time("build") / 1000, 1)} |`,
  ]);
}

const HISTORY = `### Same-process targets (section 1b): two runs, one result

Two full runs an hour apart on 2026-12-01, on this machine, gave verify-factors items 0.93x and
1.02x the raw loop, \`pages()\` 0.95x and 1.00x, and 20 listings back to back 1.24x and 1.18x of
the raw loop's. The spread between runs (about ±5 %) is as large as the gap to the 0.97x and 0.98x
targets, so they are met in one run and missed in the other; neither run alone is a result, and
the targets are not claimed as met. A third run that day, the first to print each figure's middle
half, gave items 0.91x (0.68x to 1.34x) and \`pages()\` 0.95x (0.90x to 1.16x): in the same-process
row every contender's rounds fall into two groups, near 300 ms and near 430 ms, so a ratio taken
within one round swings by a third. Until that is traced, these targets stay unclaimed. The same day, making the response class on first use (naming
\`Response\` at import loaded the platform's fetch implementation) took the import cost from about
45 ms to 25 ms; the bundle grew to 11 kB gzipped with the redesign, the audit engine and the
header checks, over its 10 kB target.

A profile of \`pages()\` against the raw loop later that day (18 listings each, the same process)
put the gap at about 28 ms a listing of 100 pages, spread thin: reading the body into one buffer
about 6 ms more than undici's own join, 5 ms of microtasks, 3 ms for the async iteration of items
where the raw loop iterates an array, and a few ms each in making the \`Request\`, the headers
written and the response object. JSON parsing, decoding and garbage collection cost the same on
both sides. Letting the platform read a body whose length is told (\`arrayBuffer()\`) gained
nothing measurable, so it was left out.

The two groups of rounds are the collector's. With \`--trace-gc\`, a fast round of the raw loop runs
one mark-compact (the full GC before it) and a slow one three to five: the pages are large objects,
and after each forced GC the old generation's limit starts low, so whether a round meets it again
depends on where the last heap growth left it. With \`--initial-old-space-size=512\` the groups
vanish (every round one mark-compact) and \`pages()\` ran 0.98x to 1.08x the raw loop in three runs
(medians of 12); but the flag also makes the raw loop slower than its fast rounds (about 350 ms
against 280), so it changes what is measured, and the bench keeps Node's defaults.

### What the profile found

The first full run missed the throughput target (items at 0.82x the raw loop). \`node --cpu-prof\`
showed the cost in copying: to let \`timeoutMs\` cover the body and to retry a connection that drops
mid-page, each attempt read its body with \`arrayBuffer()\` and wrapped it in a new \`Response\`, which
copied every page two or three times. The attempt now keeps the chunks as they arrive and hands them
on as a stream, and items went to about 1.0x the raw loop with the same guarantees.

A later run on a quieter machine (the raw loop 20 % faster) put items at 0.89x again: the fixed
costs now showed. Measured in CPU time, which is steadier here than wall time, items used 13 % more
than the raw loop. Three changes followed: the item iterator hands out items already in memory
without an async function; each attempt gives its signal to the platform's \`fetch\` as \`init\`
instead of building one more \`Request\`; and the listing's signal goes to the retrying fetch
directly instead of into openapi-fetch's \`Request\` (undici makes every signal-bearing
\`Request\` follow its signal, which measured about 4 % of the CPU time). Asking for the next page
before parsing the current one (reading \`next_page_url\` from the raw text) was tried too; it
gained nothing measurable here, so it was left out. On this 2-core VM, runs of the same code vary
by ±10 %.

Interleaved A/B runs then showed items at 0.97x to 1.07x the raw loop without twilio-node in the
rotation, and 0.92x to 0.96x with it. twilio-node's runs leave 100,000 instances of garbage, and
whoever ran next paid for collecting them, the side that allocates more the most. Each timed run
now starts after a full GC (\`node --expose-gc\`), as benchmark harnesses do, so that no contender
pays for another's garbage.

### Figures that used to sit in code comments

Measured when each change was made, on the machine of that day: the item iterator's synchronous
path for items already in memory saved about a twentieth of a listing's CPU time; handing each
attempt's body on as the chunks it came in, rather than joined into one buffer, saved about a
tenth of the throughput; giving the listing's signal to the retrying fetch rather than to a
signal-bearing \`Request\` saved about 4 % of the CPU time.

### The same-process row (1b)

With the server in its own process, prefetching lets the client parse one page while the server
sends the next, which hides the client's own cost. Row 1b puts the fake server in the client's
process (a fresh one, so no earlier scenario's garbage is collected during it), where nothing runs
in parallel and every bit of the client's CPU per factor shows. An outside harness that ran it in
a long-lived process, after other scenarios, saw items at 0.87x to 0.90x; in a fresh process,
interleaved runs put items at 0.96x to 1.02x, and \`--cpu-prof\` shows the client's own
functions (pager, paging step, attempt, openapi-fetch) each under 1 % of the samples: the time goes
to JSON parsing and undici, as it does for the raw loop.

### Auditing: the floor under the targets, and memory while streaming (section 6)

At concurrency 40 the first burst meets the server's limit: those 429s set the budget's limit to
what the server took. Concurrency 10, which meets no 429 at all, measures about 1.05x on this
machine: the server's 50 ms timer and each request's HTTP and parsing cost about 2.5 ms of every
50. Until 2026-12-01 the first 429 also held every new request back for its \`Retry-After\` (1 s
here): on an ideal of 5 s (1,000 identities) that hold alone was a fifth of the time (1.25x at
concurrency 40), and 4,000 identities measured 1.085x to 1.091x. Before that, the budget also
kept climbing above the limit it had found, each refused climb holding every request for another
second: 1.18x to 1.26x. Now the first 429s, and a refused climb, cost only the refused requests
their wait while the rest go on at the limit found, so concurrency 40 is as fast as 10, and
faster where more requests waiting keep the server's ten places full. A 429 with no more in
flight than the server took before (it takes fewer now) still holds every request back.

Streaming identities, the heap after a full GC stays flat (about 16 MiB). The RSS grew with the
number of identities (about 180 MiB after 10,000, 440 MiB after 1,000,000) until 2026-12-01: each
listing linked the audit's long-lived signal with \`AbortSignal.any\`, which on Node 20 keeps every
signal made that way alive while the parent lives. Listings now follow it with one shared
listener; the same day, in three runs, 300,000 identities peaked 12, 21 and 28 MiB above
10,000 (within the 32 MiB target, if not by much), and 1,000,000 peaked at 209 to 211 MiB.

The command line audits each identity once however often the input lists it, so it keeps every
identity it has taken up. Kept as a \`Set\` of strings, 300,000 identities peaked 130 MiB above
10,000 (the heap grows, and the collector with it); kept as bytes in one buffer outside the heap
(\`src/cli/identity-set.ts\`), 18 MiB above. The audit runs loaded twilio-node until 2026-12-01
(through the contenders' module, for the fake's credentials): without it each run's peak RSS is
about 30 MiB lower (10,000 identities 192 MiB before, 162 to 178 MiB after).

A later full run on 2026-12-01, with this machine slower than in the run before (\`npm run build\`
8.1 s against 6.8 s), put 1,000 identities at concurrency 10 at 1.081x ideal (5,406 ms, rounds
5,406 to 5,437), over its 1.08x target; the two runs before it gave 1.068x and 1.076x. A CPU
profile of that audit's process shows 1.4 s of work in 5.5 s, the largest part undici writing each
request to its socket: the figure moves with the machine, not with the client's own code.

### What the measured process loads

On 2026-12-01 the throughput contenders took the fake server's credentials from the bundled fake
(\`bench/.build/fake-verify.mjs\`) instead of a copy of their own. None of that module's code ran
in the contenders' process, yet in two runs items fell to 0.68x and 0.69x the raw loop (465 and 484
ms against 317 and 340), \`pages()\` to 0.87x and 0.89x, and the raw loop's rounds lost their two
groups. Importing \`node:http\`, \`node:zlib\` or the module's constants alone changed nothing, and
a fresh process importing the same modules listed as fast with the fake as without it: it is the
bench's main process, where section 1's contenders run beside esbuild and prettier, that the import
changes. What it changes there was not traced. The contenders and the audit runs now share \`bench/credentials.mjs\`, which
\`test/bench.test.ts\` checks against the fake. It is one more sign that, on this machine, rows
within a tenth of each other are within what the process's own layout can move.

On 2026-12-02 twilio-node's contenders moved to \`bench/twilio.mjs\`: the same-process runs, and
the memory runs of verify-factors and the raw loop, no longer load twilio-node (the memory run of
its \`list()\` loads it before taking its baseline, as the others load theirs before theirs). A smoke
run (\`npm test\`) no longer bundles twilio-node; a full run does.

### Section 1b and the order of the contenders

Every round runs the contenders in one order or its reverse, so \`pages()\`, third of five, is
always in the middle. On 2026-12-02, with \`pages()\` and items swapped in that order, two runs
gave \`pages()\` 0.92x (0.73x to 1.38x) and 1.18x (0.71x to 1.41x) the raw loop, and items 0.91x
and 0.93x: the figure moves by a quarter from run to run whatever its place. Each contender run
alone in a fresh process, after one listing to warm up (12 rounds, not committed), gave the raw
loop 390 to 491 ms, items 0.97x and \`pages()\` 0.94x the raw loop, \`pages()\` spreading most
(354 to 562 ms): the spread is this machine's, not the collector's history in one process. By
these runs \`pages()\` costs a few per cent more than the raw loop, and no single run here can say
whether it is under or over 0.98x.

### A leak that only the memory section saw

On 2026-12-02 \`attempt()\` began racing the exchange against its own signal, so that a \`fetch\`
given as an option that ignores the signal still ends at \`timeoutMs\`. Its first version left the
race's abort listener on the signal it gave \`fetch\`, which undici holds (through a
FinalizationRegistry) for a while after the response: the listener kept each page's response
alive. Every test passed. Section 3 showed retained heap at 21.1 MiB for 100,000 factors and
36.1 MiB for 1,000,000 (4.3 and 4.4 MiB in the run before), and section 1b items at 0.74x and \`pages()\` at 0.79x
the raw loop. With the listener let go when the attempt ends, the figures went back to 4.2 and
4.5 MiB; interleaved runs of section 1b with and without the race (two each) were alike, and a
unit test now checks that no listener is left on that signal.

In the run above, the audit at concurrency 10 took 1.09x its ideal, against 1.07x in the run
before. Five interleaved runs of that audit alone with and without this stop's changes to the
attempt and the audit gave medians of 5,326 and 5,331 ms: the difference is the machine's phase,
not the code.

### Sections 1 and 1b move with the machine, not only with the code

On 2026-12-02 two full runs were made, about half an hour apart; the one above is the second,
written whatever it showed. The first gave section 1 items at 0.68x the raw loop and \`pages()\`
at 0.88x (1.05x and 1.01x the day before), and section 1b items at 0.71x and \`pages()\` at 0.77x
(1.08x and 0.94x the day before). Right after it, section 1 alone was run for the code of the day
before and that day's, interleaved: 0.69x and 1.06x for items in the first pair, then 1.07x and
1.05x, 1.08x and 1.05x, 1.07x and 1.01x. Section 1b alone, the same way: items 0.72x and 0.72x,
then 0.89x and 0.89x. The ratio to the raw loop moves by a third with the machine's phase, and a
phase can last through a whole run, so a figure here is read against the same code measured
alongside it. A CPU profile of 23 listings by \`pages()\` and by the raw loop in one process, one
after the other, put the client's own time at about 4 % over the raw loop's: JSON parsing,
decoding and garbage collection, which both pay alike, make up most of either.

### Two runs on another machine

The run above is the second of two made on 2026-12-02 on an AMD EPYC machine (the runs before
them ran on an Intel Xeon), after this stop's changes to the attempt (a status outside 200 to
599, a body chunk that is not bytes, the reason phrase kept as received). The first, an hour
earlier, gave section 1 items at 0.96x the raw loop (met) and \`pages()\` at 1.00x, section 1b items
at 0.72x and \`pages()\` at 0.80x, 1,000 identities at concurrency 10 at 1.082x ideal, and the
command line's 300,000 identities 36.6 MiB above its 10,000 (target 32 MiB). The second ran in a
slower phase of the machine (\`npm run build\` 11.5 s against 9.3 s, twilio's import 142 ms against
86 ms, twilio-node's \`each()\` 833 ms against 603 ms), and section 1 items fell to 0.66x.

Between the two, the command line's set of identities moved from one buffer grown by copying to
fixed 64 KiB chunks: each copy had waited for the collector, so 300,000 identities peaked at
about 25 MiB of buffers for 9 MiB held, now 13 MiB. Two pairs of the command-line runs before
that change peaked 34.9 and 27.2 MiB above their 10,000; two after it, 12.6 and 24.7 MiB. The
bundle grew from 12.1 to 12.3 kB with the messages for the attempt's two new checks.

### An A/A check of section 1b's method

On 2026-12-02, later, racing a contender against an identical copy of itself with \`race()\` (the
server in the same process, 100,000 factors, a forced GC before each run) gave per-round medians
from 1.01 to 1.18 over four races of 15 to 20 rounds, with middle halves as wide as 0.74 to 1.55.
Run times alternate after the forced GC (one contender's runs in a row: 747, 1,067, 702, 974, 727,
875, 730 and 993 ms), and with the order reversed every round the per-round ratio splits into two
groups; the median of 21 rounds falls in the group of 11. Summing each contender's two runs in a
pair of rounds, one in each parity, brought the A/A figure to 0.94 and 1.01, middle halves within
0.90 to 1.07. So corrected, the same hour gave items 0.78x to 0.84x the raw loop and \`pages()\`
0.82x to 0.90x: the verdict in 1b stands either way, and the tables above keep per-round ratios.
Measured with \`process.cpuUsage()\`, interleaved in one process, a listing of ours took 974 ms of
CPU against the raw loop's 768 ms; each alone in a process of its own, the two were level within
the machine's swings. A partial run that hour (sections 1 to 5, started by mistake without
\`--expose-gc\`, so section 1 had no forced GC; section 1b runs in a process of its own with it)
gave section 1b items at 1.19x (0.84x to 1.38x) and \`pages()\` at 1.09x (0.80x to 1.24x): the other
group of the same split, which is why no per-round median of 1b reads as met or missed alone. No
full run was made then (the machine ran about half as fast as for the run above); the bundle had
grown to 12.5 kB with the messages of that day's checks.

### What split section 1b's rounds, and the method since

Traced on 2026-12-02, later, on an Intel Xeon machine, counting garbage collections per round with
a \`PerformanceObserver\`. Within one process, a round either met two mark-compacts or none: the
raw loop's rounds took 253 to 263 ms with none and 324 to 416 ms with two, and \`pages()\` and
items split the same way. Which rounds met them was decided by the heap's limit after the forced
GC, with the server's pages (about 66 MB) in the same heap, not by the contender. Between
processes, a second split: four fresh processes running \`pages()\` alone, with the same number of
collections in every round, gave medians of 297, 320, 303 and 316 ms, and \`--trace-deopt\` showed
the same twelve deoptimisations in fast and slow processes, none in this package's code.

So section 1b now runs with \`--initial-old-space-size=512\`, under which no round met a major GC,
and spreads its rounds over seven fresh processes of four rounds each (an even number, so each
contender runs as often early in a process as late). Two runs in one process each with the flag gave
items 0.72x and 0.69x the raw loop and \`pages()\` 0.80x and 0.79x, middle halves within 0.03 of the
median; the first run over seven processes gave items 0.72x (0.70x to 0.85x), \`pages()\` 0.80x
(0.78x to 0.89x), and the raw loop's 20 listings back to back 1.01x (0.99x to 1.04x) the raw loop's
own: both are the raw loop, so that row checks the method against itself in every run. The targets
of 0.97x and 0.98x are missed by about a fifth and a quarter, steadily rather than by chance.

### What the attempt's race cost, and which contender lists first (section 1b)

On 2026-12-02, later, on an Intel Xeon machine, the client's stack was rebuilt piece by piece as
contenders of its own, each listing 100,000 factors in one process after the raw loop (ten rounds,
three processes each). openapi-fetch's GET over the platform's fetch was level with the raw loop;
so were the attempt's body reader and response, and a timer and signal of its own per request.
Racing the whole exchange, body included, against a promise that rejects when the signal aborts
(as \`attempt()\` did, so that a \`fetch\` of the caller's own that ignores the signal still ends at
\`timeoutMs\`) cost 30 to 45 ms more per listing, with \`Promise.race\` or with a promise of one's
own; racing against a promise that never settles, or racing only the wait for the response, cost
nothing measurable. Why the first costs was not traced. The attempt now races only the wait for
the response, and the body reader cancels a read that waits when the signal aborts.

Four pairs of interleaved processes of section 1b, before and after: items 0.70x, 0.83x, 0.70x and
0.72x the raw loop before, 0.92x, 0.86x, 0.85x and 0.84x after; \`pages()\` 0.76x to 0.92x before,
0.94x in every process after. Before, the order mattered too: with this package listing first in
the process, items measured 0.87x to 0.91x, with the raw loop first 0.71x to 0.77x; after, 0.84x
to 0.95x either way. Section 1b now has its processes take turns at which lists first, eight
processes of four rounds.

The same day, a CPU profile of section 1b showed the items iterator's slow path (its turn-keeping
and its async \`take\`) busy for every item, not once a page: the turn that keeps calls in order
was let go two microtasks after each answer, while a \`for await\` loop asks again after one, so
the fast path for an item in memory was never taken after a page's first item. With the turn
counted as calls not yet done, four processes of section 1b (two in each order) gave items 0.93x,
0.94x, 0.94x and 0.88x the raw loop.

### Where section 1b's remaining gap lies: a cost per request, not per factor

On 2026-12-02, later, the same stack was rebuilt once more, layer by layer, with PageSize=1 (3,000
factors, so 3,000 requests a listing, the fake server in the same process, ten interleaved rounds,
three processes), so that what each layer costs a request shows apart from what it costs a factor.
Medians per request, the three processes' ranges: the raw loop 223 to 227 µs; with a signal and a
timer of its own 245 to 252; openapi-fetch's GET over the platform's fetch 288 to 296; that with a
signal, a timer and this package's body reader 318 to 323; with \`attempt()\` 343 to 349; with the
retrying fetch 369 to 373; the client's \`api.GET\` 382 to 391; \`pages()\` 416 to 423; items 422
to 434. Items thus cost about 200 µs a request more than the raw loop, which over the 100
requests of section 1b's listing is the 20 ms between them there: at PageSize=1000 the work for
each factor (reading, decoding, parsing, handing on) is level with the raw loop, and the gap is the
cost per request. Of those 200 µs, openapi-fetch's GET and a timeout of one's own take about 95,
which alone would put items near 0.96x the raw loop in section 1b; no layer of this package's own
takes more than about 35.
`;

const machine = `${cpus()[0]?.model.trim()}, ${cpus().length} cores, Node ${process.version}`;
console.log(
  `verify-factors benchmark${smoke ? " (smoke: tiny sizes, numbers mean nothing)" : ""}\n${machine}\n`,
);
const SECTIONS = {
  throughput,
  "same-process": throughputSameProcess,
  latency,
  memory,
  weight,
  build: async () => smoke || buildTimes(),
  audit,
};
if (args.only !== undefined && !(args.only in SECTIONS)) {
  console.error(`--only must be one of ${Object.keys(SECTIONS).join(", ")}, got "${args.only}"`);
  process.exit(2);
}
for (const [name, run] of Object.entries(SECTIONS)) {
  if (args.only === undefined || args.only === name) await run();
}

if (args.write && !smoke && args.only === undefined) {
  const date = new Date().toISOString().slice(0, 10);
  const markdown =
    `# Benchmarks\n\nMade by \`npm run bench\` (code in [bench/](bench/)) on ${date}, on ${machine}.\n` +
    `Each contender lists from the same local Twilio-like server (the tests' fake, in its own process unless said otherwise; each page serialised once), ` +
    `after a warm-up, in alternating order, each run after a full GC; times are medians. The raw fetch loop is the limit: it parses each ` +
    `page and follows \`next_page_url\`, nothing more.\n\n${sections.join("\n")}\n${HISTORY}`;
  // Formatted as the repository's own markdown is, so `prettier --check` stays clean.
  writeFileSync(
    resolve(root, "BENCHMARKS.md"),
    await format(markdown, { parser: "markdown", printWidth: 100 }),
  );
  console.log("wrote BENCHMARKS.md");
}
