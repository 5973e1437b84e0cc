import { defineConfig, devices } from "@playwright/test";
import { CHROMIUM_LAUNCH_OPTIONS } from "./tests/support/chromium";

// End-to-end tests against `next build` + `next start` (run the build first). The database is a
// throwaway PostgreSQL when E2E_DATABASE_URL is set (scripts/test-all.sh creates one), otherwise a
// fresh PGlite directory per run.
// E2E_PORT lets two checkouts run their browser suites side by side.
const PORT = Number(process.env.E2E_PORT ?? 3210);
const BASE_URL = `http://127.0.0.1:${PORT}`;
const database: Record<string, string> = process.env.E2E_DATABASE_URL
  ? { DATABASE_URL: process.env.E2E_DATABASE_URL }
  : { PGLITE_DIR: `.data/e2e-pglite-${Date.now()}` };

const chromium = {
  ...devices["Desktop Chrome"],
  viewport: { width: 1280, height: 900 },
  launchOptions: CHROMIUM_LAUNCH_OPTIONS,
};

export default defineConfig({
  testDir: "e2e",
  // Not test-results/ itself: Playwright empties its outputDir, and test-results/ holds other reports.
  outputDir: "test-results/playwright",
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 2,
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: { baseURL: BASE_URL, trace: "retain-on-failure" },
  projects: [
    // First, while the database is still empty: the empty states.
    { name: "empty", testDir: "e2e/empty", use: chromium },
    { name: "api", testDir: "e2e/api", dependencies: ["empty"] },
    { name: "ui", testDir: "e2e/ui", use: chromium, dependencies: ["empty"] },
  ],
  webServer: {
    // What `npm start` runs: the custom server (lean callback path + Next for everything else).
    command: "node --conditions=react-server --enable-source-maps dist/server.mjs",
    url: `${BASE_URL}/api/health`,
    timeout: 90_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: { NEXT_TELEMETRY_DISABLED: "1", PORT: String(PORT), HOSTNAME: "127.0.0.1", ...database },
  },
});
