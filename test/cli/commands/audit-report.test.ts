import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditArgs, runMain as run } from "../../support/cli.js";
import { launchChromium, offlinePage } from "../../support/chromium.js";
import { makeFactor, SERVICE_SID, type FakeVerify } from "../../support/fake-verify.js";
import { fakeServers } from "../../support/server-pool.js";
import { tempDir } from "../../support/temp-dir.js";

const fake = fakeServers();
const artifacts = resolve(import.meta.dirname, "../../artifacts");
const DAY = 86_400_000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY).toISOString();

const names = (n: number) =>
  Array.from({ length: n }, (_, i) => `user-${String(i).padStart(5, "0")}`);
/**
 * By the identity's number modulo 5: no factors; a verified push; a totp unverified for 30 days
 * (stale); a push unverified for 2 days (not stale at 7); a verified passkey and a stale totp.
 */
function factorsFor(identity: string) {
  const n = Number(identity.slice(-5));
  const factor = (i: number, factor_type: string, status: string, created: string) => ({
    ...makeFactor(i),
    sid: `YF${String(n).padStart(5, "0")}${String(i).padStart(27, "0")}`,
    identity,
    factor_type,
    status,
    // One name with markup in it, which must show as text.
    friendly_name: n === 2 ? `<b>${identity}</b> ${factor_type}` : `${factor_type} of ${identity}`,
    date_created: created,
  });
  return [
    [],
    [factor(0, "push", "verified", daysAgo(90))],
    [factor(0, "totp", "unverified", daysAgo(30))],
    [factor(0, "push", "unverified", daysAgo(2))],
    [factor(0, "passkeys", "verified", daysAgo(10)), factor(1, "totp", "unverified", daysAgo(8))],
  ][n % 5]!;
}

function identitiesFile(identities: string[]): string {
  const file = join(tempDir("audit-report-"), "identities.txt");
  writeFileSync(file, identities.join("\n") + "\n");
  return file;
}

/** An audit of 20 identities, the first of which fails (404), with --report and --summary. */
async function audited(server: FakeVerify, ...more: string[]) {
  const dir = tempDir("audit-report-");
  const [report, summary] = [join(dir, "report.html"), join(dir, "summary.json")];
  server.fail({ status: 404 });
  const result = await run(
    auditArgs(
      server.url,
      "--identities",
      identitiesFile(names(20)),
      "--concurrency",
      "1",
      "--report",
      report,
      "--summary",
      summary,
      "--out",
      join(dir, "out.ndjson"),
      ...more,
    ),
  );
  return { result, report, summary: JSON.parse(readFileSync(summary, "utf8")) };
}

describe("verify-factors audit --report", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  }, 30_000);
  afterAll(() => browser?.close());

  it("opens from disk with no request and no error, and shows the audit's counts, chart and lists", async () => {
    const server = await fake({ factorsFor });
    const { result, report, summary } = await audited(server);
    expect(result.code).toBe(1); // one identity failed
    const { context, page, leaving, errors } = await offlinePage(browser, {
      width: 1100,
      height: 900,
    });
    await page.goto(pathToFileURL(report).href, { waitUntil: "load" });

    const counts = await page.$$eval("#coverage li", (items) =>
      Object.fromEntries(
        items.map((li) => [li.dataset.key, Number(li.querySelector(".n")!.textContent)]),
      ),
    );
    expect(counts).toStrictEqual({
      entities: summary.entities,
      withVerified: summary.withVerified,
      onlyUnverified: summary.onlyUnverified,
      noFactors: summary.noFactors,
      failed: summary.failed,
    });
    expect(counts).toStrictEqual({
      entities: 20,
      withVerified: 8,
      onlyUnverified: 8,
      noFactors: 3,
      failed: 1,
    });

    // The chart: one bar per type and status that has factors, drawn by the inlined library.
    await page.locator("#factors-chart svg .ct-bar").first().waitFor({ state: "attached" });
    const bars = await page.$$eval("#factors-chart .ct-series", (series) =>
      series.map((s) => s.querySelectorAll(".ct-bar").length),
    );
    expect(bars).toStrictEqual([3, 3]); // verified, unverified: push, totp, passkeys each
    // Each status keeps its colour whatever the order: the legend's swatch is its bars'.
    const colours = await page.$$eval("#factors-chart .ct-series", (series) =>
      series.map((s) => [
        s.getAttribute("ct:series-name"),
        getComputedStyle(s.querySelector(".ct-bar")!).stroke,
      ]),
    );
    const swatches = await page.$$eval("#legend span", (spans) =>
      spans.map((span) => [
        span.textContent,
        getComputedStyle(span.querySelector("i")!).backgroundColor,
      ]),
    );
    expect(swatches).toStrictEqual(colours);
    expect(Object.fromEntries(colours)).toStrictEqual({
      verified: "rgb(46, 125, 50)",
      unverified: "rgb(249, 168, 37)",
    });

    const column = (id: string, n = 1) =>
      page.$$eval(`#${id} tbody tr td:nth-child(${n})`, (cells) => cells.map((c) => c.textContent));
    expect(await column("no-factors")).toStrictEqual(["user-00005", "user-00010", "user-00015"]);
    expect(await column("failures")).toStrictEqual(["user-00000"]);
    expect(await page.locator("#failures").innerText()).toContain("HTTP 404");
    // Stale: the 30-day totps and the 8-day ones; the 2-day push is not.
    expect((await column("stale")).sort()).toStrictEqual(
      ["user-00002", "user-00004", "user-00007", "user-00009", "user-00012"]
        .concat(["user-00014", "user-00017", "user-00019"])
        .sort(),
    );
    // A friendly name is shown as text, never as markup.
    expect(await page.locator("#stale b").count()).toBe(0);
    expect(await page.locator("#stale").innerText()).toContain("<b>user-00002</b> totp");

    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: join(artifacts, "audit-report.png"), fullPage: true });
    expect(leaving).toStrictEqual([]);
    expect(errors).toStrictEqual([]);
    await context.close();
  }, 60_000);

  it("--stale-days picks which unverified factors are stale", async () => {
    const server = await fake({ factorsFor });
    const { report } = await audited(server, "--stale-days", "20");
    const html = readFileSync(report, "utf8");
    const stale = html.slice(
      html.indexOf('id="stale"'),
      html.indexOf("</section>", html.indexOf('id="stale"')),
    );
    expect(stale).toContain('older than 20 days: <span class="count">4</span>');
    expect(stale).not.toContain("user-00004<");
  });

  it("carries nothing that could reach the network: no URL to load, a policy that allows none", async () => {
    const server = await fake({ factorsFor });
    const { report } = await audited(server);
    const html = readFileSync(report, "utf8");
    expect(html).toContain(`content="default-src 'none';`);
    expect(html).not.toMatch(/\b(src|href)=["']?(https?:)?\/\//i);
    expect(html).not.toMatch(/sourceMappingURL/);
    expect(html).toContain("Permission is hereby granted"); // the chart library's licence
  });

  it.each([
    [["--stale-days", "3"], /--stale-days needs --report/],
    [
      ["--report", "/no/such/folder/r.html"],
      /--report "\/no\/such\/folder\/r.html": its folder does not exist/,
    ],
    [["--report", "r.html", "--stale-days", "-1"], /--stale-days must be a whole number/],
    [
      ["--report", "same.txt", "--summary", "same.txt"],
      /--summary and --report name the same file/,
    ],
  ])("refuses %j in the command's words, exit 2", async (flags, message) => {
    const result = await run(["audit", "--service-sid", SERVICE_SID, ...flags]);
    expect(result.code).toBe(2);
    const [first, ...rest] = result.stderr.trim().split("\n");
    expect(first).toMatch(message);
    expect(rest).toStrictEqual(["Try: verify-factors --help"]);
  });
});
