import { chromium, type Browser } from "@playwright/test";

// The one way this project starts a browser: Debian's Chromium (Playwright's own download is not
// reachable from this network), without a sandbox (tests run as root) and without the background
// traffic it would otherwise try. Used by playwright.config.ts, the Vitest browser tests and bench.
export const CHROMIUM_LAUNCH_OPTIONS = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
  ],
};

export function launchChromium(): Promise<Browser> {
  return chromium.launch(CHROMIUM_LAUNCH_OPTIONS);
}
