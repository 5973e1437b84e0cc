import type { Database } from "@/lib/db/client";
import { VIEW_TABLES } from "@/lib/projection/reproject";

/** Every view as text, rows sorted: equal strings mean byte-for-byte equal tables. */
export async function dumpViews(db: Database): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const t of VIEW_TABLES) {
    // Constant table names (VIEW_TABLES).
    const [row] = await db.prisma.$queryRawUnsafe<{ dump: string | null }[]>(
      `SELECT string_agg(x::text, E'\\n' ORDER BY x::text) AS dump FROM ${t} x`,
    );
    out[t] = row?.dump ?? "";
  }
  return out;
}
