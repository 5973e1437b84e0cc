// Dashboard pages, time from navigation to data on screen, in Debian's Chromium (see playwright.config.ts).
import { launchChromium } from "../../tests/support/chromium";
import { summarize, type Latency } from "./measure";

export interface PageTiming {
  name: string;
  path: string;
  /** The first load in a fresh browser (no cached scripts). */
  coldMs: number;
  warm: Latency;
}

const PAGES = (largestTask: string) => [
  // The tasks table with rows and the fleet headline filled in.
  { name: "tasks page (/)", path: "/", ready: ['[data-testid="task-row"]', '[data-testid="fleet-devices"]'] },
  // The task headline and the first page of devices.
  {
    name: "task page (largest)",
    path: `/tasks/${encodeURIComponent(largestTask)}`,
    ready: ['[data-testid="task-devices"]', '[data-testid="device-row"]'],
  },
];

export async function measurePages(baseUrl: string, largestTask: string, iterations = 8): Promise<PageTiming[]> {
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const out: PageTiming[] = [];
    for (const p of PAGES(largestTask)) {
      const samples: number[] = [];
      for (let i = 0; i <= iterations; i++) {
        const page = await context.newPage();
        const t0 = performance.now();
        await page.goto(`${baseUrl}${p.path}`, { waitUntil: "commit" });
        for (const sel of p.ready) await page.locator(sel).first().waitFor({ state: "visible", timeout: 30_000 });
        samples.push(performance.now() - t0);
        await page.close();
      }
      out.push({ name: p.name, path: p.path, coldMs: Math.round(samples[0]!), warm: summarize(samples.slice(1)) });
    }
    return out;
  } finally {
    await browser.close();
  }
}
