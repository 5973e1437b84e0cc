import { defineConfig } from "vitest/config";
import base from "./vitest.config";

// Fault injection (database restarts, killed processes). Separate from the main run: these tests
// stop the machine's PostgreSQL, so nothing else may run beside them.
export default defineConfig({
  resolve: base.resolve,
  test: {
    environment: "node",
    include: ["tests/faults/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    globalSetup: ["tests/support/build.ts"],
  },
});
