// @ts-check
import { NON_DOCUMENT_HEADERS } from "./lib/security/static-headers.js";

/** @type {import("next").NextConfig} */
const nextConfig = {
  // PGlite loads its wasm and data files at run time; bundling it breaks that under webpack.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter"],
  poweredByHeader: false,
  // Lets parallel builds (tests, benchmarks) use their own output folder.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // Security headers for what proxy.ts does not see (its matcher excludes these); it sets them on everything else.
  async headers() {
    const headers = NON_DOCUMENT_HEADERS.map(([key, value]) => ({ key, value }));
    return ["/_next/static/:path*", "/_next/image", "/api/callback"].map((source) => ({ source, headers }));
  },
};

export default nextConfig;
