import "server-only";
import { getDb, type DatabaseKind } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { readProjectionLag, type ProjectionLag } from "@/lib/projection/lag";

export interface Health {
  status: "ok";
  database: DatabaseKind;
  /** How far the views (every count on the dashboard) are behind acknowledged pushes. */
  projection: ProjectionLag;
}

/**
 * Proves the database answers a query and can take a write right now (not merely that a pool
 * exists). Any failure is storage trouble by definition here: 503 storage_unavailable, never 500.
 */
export async function getHealth(): Promise<Health> {
  try {
    const db = await getDb();
    db.assertWritable();
    return { status: "ok", database: db.kind, projection: await readProjectionLag(db.prisma) };
  } catch (err) {
    // The reason (paths, PIDs) goes to the log; this endpoint is open to anyone.
    console.error("[health] storage unavailable:", err instanceof Error ? err.message.split("\n")[0] : err);
    throw new AppError("storage_unavailable", "The database is unavailable; retry shortly.");
  }
}
