import "server-only";
import { getDb, type DatabaseKind } from "@/lib/db";

export interface Health {
  status: "ok";
  database: DatabaseKind;
}

/** Proves the database answers a query right now (not merely that a pool exists). */
export async function getHealth(): Promise<Health> {
  const db = await getDb();
  await db.prisma.$queryRaw`SELECT 1`;
  return { status: "ok", database: db.kind };
}
