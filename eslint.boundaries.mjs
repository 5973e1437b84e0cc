// Layer boundaries, checked by `npm run lint` (import/no-restricted-paths resolves every import, the
// "@/..." alias and relative paths alike, to a file, so a rule cannot be dodged by spelling).
// lib/eslint-boundaries.test.ts lints a bad import for each rule to prove the rule fires.
//
// - components/ render; they never import server-only code. They may use the zod schemas and types in
//   lib/schemas, the wording shared with exports (lib/exports/selections.ts) and the sign-in/sign-out
//   server actions (lib/auth/actions.ts, which Next turns into RPC stubs on the client).
// - lib/queries read the database and throw AppError (lib/errors.ts); they never import the HTTP layer.
// - lib/ingest stores pushes; it never imports the read side (lib/queries).
// - app/ is the top of the tree: nothing outside it imports from it.

/** Files a component may import from lib/, relative to lib/. */
const COMPONENT_LIB_ALLOWED = ["./schemas", "./exports/selections.ts", "./auth/actions.ts"];

const boundaryZones = [
  {
    target: "./components",
    from: "./lib",
    except: COMPONENT_LIB_ALLOWED,
    message:
      "components/ render only: fetch in app/ or a route, and pass the data in (allowed: lib/schemas, lib/exports/selections.ts, lib/auth/actions.ts).",
  },
  {
    target: "./lib/queries",
    from: ["./lib/http.ts", "./lib/http-query.ts"],
    message: "lib/queries must not know HTTP: throw AppError from lib/errors.ts and let the route build the envelope.",
  },
  {
    target: "./lib/ingest",
    from: "./lib/queries",
    message: "lib/ingest writes; it must not depend on the read side (lib/queries).",
  },
  {
    target: [
      "./components",
      "./lib",
      "./tests",
      "./scripts",
      "./bench",
      "./e2e",
      "./proxy.ts",
      "./server.ts",
      "./instrumentation.ts",
    ],
    from: "./app",
    message: "Nothing imports app/: move what is shared into lib/ or components/.",
  },
];

export const boundaryRules = {
  files: ["**/*.{ts,tsx,js,mjs}"],
  rules: { "import/no-restricted-paths": ["error", { basePath: import.meta.dirname, zones: boundaryZones }] },
};
