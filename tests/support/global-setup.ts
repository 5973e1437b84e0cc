import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { rm } from "node:fs/promises";
import type { TestProject } from "vitest/node";
import { createThrowawayDatabase, freshPgliteDir, startServer } from "./servers";

declare module "vitest" {
  export interface ProvidedContext {
    pgServerUrl: string;
    pgDatabaseUrl: string;
    pgliteServerUrl: string;
  }
}

/** One `next start` per database kind for the whole run; tests talk to them over real HTTP. */
export default async function setup(project: TestProject) {
  if (!existsSync(".next/BUILD_ID")) {
    execFileSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  }
  const db = await createThrowawayDatabase();
  const pgliteDir = freshPgliteDir();
  const [pgServer, pgliteServer] = await Promise.all([startServer({ DATABASE_URL: db.url }), startServer({ PGLITE_DIR: pgliteDir })]);
  project.provide("pgServerUrl", pgServer.url);
  project.provide("pgDatabaseUrl", db.url);
  project.provide("pgliteServerUrl", pgliteServer.url);
  return async () => {
    await Promise.all([pgServer.stop(), pgliteServer.stop()]);
    await db.drop();
    await rm(pgliteDir, { recursive: true, force: true });
  };
}
