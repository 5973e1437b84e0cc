import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import { boundaryRules } from "./eslint.boundaries.mjs";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  boundaryRules,
  globalIgnores([
    "dist/**",
    ".next/**",
    ".next-*/**",
    "bench/results/**",
    "next-env.d.ts",
    "lib/generated/**",
    "playwright-report/**",
    "test-results/**",
    "data/**",
    ".data/**",
  ]),
]);
