// Compiles server.ts (the `npm start` entry: node:http in front of Next.js, with the lean callback
// path) and the lib/ code it imports into dist/server.mjs, so a start runs JavaScript instead of
// transpiling TypeScript first. Packages stay external: Node resolves them from node_modules at run
// time, under --conditions=react-server like the rest of the server code.
import { build } from "esbuild";

await build({
  entryPoints: ["server.ts"],
  outfile: "dist/server.mjs",
  bundle: true,
  packages: "external",
  platform: "node",
  format: "esm",
  target: "node20",
  tsconfig: "tsconfig.json",
  sourcemap: "linked",
  logLevel: "warning",
});
console.log("server.ts → dist/server.mjs");
