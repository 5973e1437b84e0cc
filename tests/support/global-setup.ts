import { rm } from "node:fs/promises";
import type { TestProject } from "vitest/node";
import { ensureBuilt } from "./build";
import { createThrowawayDatabase, freshPgliteDir, startServer } from "./servers";

declare module "vitest" {
  export interface ProvidedContext {
    pgServerUrl: string;
    pgDatabaseUrl: string;
    pgliteServerUrl: string;
  }
}

/**
 * Two servers for the whole run, over real HTTP: PostgreSQL behind `npm start`'s custom server (the
 * lean callback path) and PGlite behind plain `next start` (the route handler), so every contract
 * test covers both adapters and both databases.
 */
export default async function setup(project: TestProject) {
  ensureBuilt();
  const db = await createThrowawayDatabase();
  const pgliteDir = freshPgliteDir();
  const [pgServer, pgliteServer] = await Promise.all([
    startServer({ DATABASE_URL: db.url }, "custom"),
    startServer({ PGLITE_DIR: pgliteDir }, "next"),
  ]);
  project.provide("pgServerUrl", pgServer.url);
  project.provide("pgDatabaseUrl", db.url);
  project.provide("pgliteServerUrl", pgliteServer.url);
  return async () => {
    await Promise.all([pgServer.stop(), pgliteServer.stop()]);
    await db.drop();
    await rm(pgliteDir, { recursive: true, force: true });
  };
}
