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
