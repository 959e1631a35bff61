import { chromium, type Browser } from "playwright-core";

// Debian's chromium: `npx playwright install` cannot download browsers on these machines.
// The background-networking flags stop Chromium's own phoning home, so any request a test
// sees is one the page made.
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
      "--disable-sync",
      "--disable-quic",
    ],
  });
}

/**
 * A page in a new context where every request off the disk is refused and recorded, as are the
 * page's console errors: a page that needs the network, or breaks, shows it in `leaving` and
 * `errors`.
 */
export async function offlinePage(browser: Browser, viewport: { width: number; height: number }) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const leaving: string[] = [];
  const errors: string[] = [];
  page.on("request", (request) => {
    const url = request.url();
    if (!/^(file|data|blob):/.test(url)) leaving.push(url);
  });
  await context.route(/^(https?|wss?):/, (route) => route.abort());
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  return { context, page, leaving, errors };
}
