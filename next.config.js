// @ts-check
/** @type {import("next").NextConfig} */
const nextConfig = {
  // PGlite loads its wasm and data files at run time; bundling it breaks that under webpack.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter"],
  poweredByHeader: false,
  // Lets parallel builds (tests, benchmarks) use their own output folder.
  distDir: process.env.NEXT_DIST_DIR || ".next",
};

export default nextConfig;
