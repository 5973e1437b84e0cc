import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

/**
 * The built app the tests run against: `next build` when there is none yet (npm test builds first),
 * and `npm start`'s compiled server every time (about a second, so it never lags the source).
 */
export function ensureBuilt(): void {
  if (!existsSync(`${process.env.NEXT_DIST_DIR || ".next"}/BUILD_ID`)) {
    execFileSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], {
      stdio: "inherit",
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    });
  }
  execFileSync(process.execPath, ["scripts/build-server.mjs"], { stdio: "inherit" });
}

/** Vitest globalSetup for suites that start servers but need nothing else (the fault tests). */
export default function setup(): void {
  ensureBuilt();
}
