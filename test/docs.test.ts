import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, offlinePage } from "./support/chromium.js";
import { tempDir } from "./support/temp-dir.js";

const root = resolve(import.meta.dirname, "..");
const artifacts = join(root, "test/artifacts");

describe("docs/index.html", () => {
  let browser: Browser;
  let html: string;
  let file: string;

  beforeAll(async () => {
    // Built from the spec as it is now, with the same script `npm run docs` uses.
    file = join(tempDir("verify-docs-"), "index.html");
    execFileSync(process.execPath, [join(root, "scripts/build-docs.mjs"), "--output", file], {
      stdio: "ignore",
    });
    html = readFileSync(file, "utf8");
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  it("is one self-contained file: no script, style or image from elsewhere", () => {
    expect(html).not.toMatch(/<script[^>]+src=/i);
    expect(html).not.toMatch(/<link[^>]+href=["']https?:/i);
    expect(html).not.toMatch(/cdn\.redoc/i);
  });

  it("renders the operation, its parameters and an example offline, with no request leaving and no console error", async () => {
    const {
      context,
      page,
      leaving,
      errors: consoleErrors,
    } = await offlinePage(browser, { width: 1400, height: 1000 });

    await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
    expect(await page.title()).toBe(
      "Twilio Verify: List Factors and List Entities (verify-factors)",
    );
    // Before any click, the page leads with the two operations and an example, and keeps where
    // its facts come from for the end of that front matter.
    await page.getByRole("heading", { name: "Sources" }).first().waitFor({ timeout: 30_000 });
    const intro = await page.locator("body").innerText();
    const at = (words: string) => intro.indexOf(words);
    const lead = at("The two operations of Twilio Verify v2");
    expect(lead).toBeGreaterThanOrEqual(0);
    const entities = intro.indexOf("List Entities (GET", lead);
    const curl = intro.indexOf("curl --user", lead);
    const sources = intro.indexOf("\nSources\n", lead);
    expect([lead < entities, entities < curl, curl < sources]).toStrictEqual([true, true, true]);
    // A reader's click is what sends Redoc's telemetry, so the test clicks too.
    await page.getByText("Retrieve a list of all Factors for an Entity.").first().click();
    await page
      .getByRole("heading", { name: "Retrieve a list of all Factors for an Entity." })
      .first()
      .waitFor({ timeout: 30_000 });
    const text = await page.locator("body").innerText();
    expect(text).toContain("/v2/Services/{ServiceSid}/Entities/{Identity}/Factors");
    for (const name of ["ServiceSid", "Identity", "PageSize", "Page", "PageToken"]) {
      expect(text).toContain(name);
    }
    expect(text).toContain("^VA[0-9a-fA-F]{32}$");
    // The response sample panel shows a reference example (Redoc folds the factor objects).
    expect(text).toMatch(/"key":\s*"factors"/);
    expect(text).toContain("One push factor"); // the first example's summary, above its sample
    expect(text).toContain(
      '"first_page_url": "https://verify.twilio.com/v2/Services/VAaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/',
    );

    expect(text).toContain("List the Entities of a Service.");
    // The operation is open on the page, not folded into a tag section behind "+ Show".
    expect(text).not.toContain("+ Show");

    // The request samples: each x-codeSamples entry can be picked and shows its code.
    const samples = page
      .locator("[data-component-name='Panel/Panel']")
      .filter({ has: page.locator("pre"), hasText: "/Entities/{Identity}/Factors" })
      .first();
    for (const [label, code] of [
      ["verify-factors", "createVerifyClient"],
      ["CLI", "npx verify-factors list"],
      ["curl", 'curl --user "$TWILIO_ACCOUNT_SID:$TWILIO_AUTH_TOKEN"'],
    ]) {
      await samples.locator("[data-component-name='Panel/PanelHeader'] button").last().click();
      await page.getByRole("menuitem", { name: label, exact: true }).click();
      await expect.poll(() => samples.innerText()).toContain(code);
      // No line of the sample runs past its panel.
      const cut = await samples
        .locator("pre")
        .first()
        .evaluate((pre) => pre.scrollWidth > pre.clientWidth);
      expect(cut, label).toBe(false);
    }

    // Every image has loaded, at a real size: the badge's credit is drawn, not a blank pixel.
    const images = await page.$$eval("img", (all) =>
      all.map((img) => ({
        complete: img.complete,
        width: img.naturalWidth,
        height: img.naturalHeight,
      })),
    );
    expect(images.length).toBeGreaterThan(0);
    for (const image of images) {
      expect(image.complete).toBe(true);
      expect(image.width).toBeGreaterThan(1);
      expect(image.height).toBeGreaterThan(1);
    }

    await page.waitForTimeout(500);
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: join(artifacts, "docs.png"), fullPage: true });

    expect(leaving).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await context.close();
  }, 60_000);
});
