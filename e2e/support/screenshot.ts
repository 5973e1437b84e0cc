import type { Page, TestInfo } from "@playwright/test";

/** Saves a full-page screenshot under e2e/artifacts/ (gitignored) and attaches it to the report. */
export async function screenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = `e2e/artifacts/${name}.png`;
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: "image/png" });
}
