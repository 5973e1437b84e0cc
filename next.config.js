// @ts-check
/** @type {import("next").NextConfig} */
const nextConfig = {
  // PGlite loads its wasm and data files at run time; bundling it breaks that under webpack.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter"],
  poweredByHeader: false,
};

export default nextConfig;
