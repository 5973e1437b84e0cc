import { defineConfig } from "vitest/config";

// Two projects: `unit` is pure code next to it in lib/ (no database, no build, seconds), and
// `integration` drives the built app over real HTTP against PostgreSQL and PGlite. `npm run test:unit`
// is the inner loop; `npm test` runs both (and more).
export default defineConfig({
  resolve: {
    alias: {
      "@": import.meta.dirname,
      "server-only": `${import.meta.dirname}/tests/support/server-only.ts`,
    },
  },
  test: {
    environment: "node",
    testTimeout: 30_000,
    hookTimeout: 120_000,
    projects: [
      { extends: true, test: { name: "unit", include: ["lib/**/*.test.ts"] } },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/**/*.test.ts"],
          exclude: ["tests/faults/**", "node_modules/**"],
          globalSetup: ["tests/support/global-setup.ts"],
          // Integration files share one server per database kind (tests/support/global-setup.ts).
          fileParallelism: false,
        },
      },
    ],
  },
});
