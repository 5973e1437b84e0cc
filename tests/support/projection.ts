import type { Database } from "@/lib/db/client";
import { VIEW_TABLES } from "@/lib/projection/reproject";

/**
 * Waits until every push the server has acknowledged is folded into the derived views (device
 * states, task counters, …), so a test can read what it just wrote without sleeping. Polls
 * GET /api/health until `projection.pendingEvents` is 0; throws after `timeoutMs`.
 */
export async function waitForProjection(baseUrl: string, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  let last = "no answer";
  while (Date.now() < until) {
    const res = await fetch(`${baseUrl}/api/health`).catch((err: unknown) => err as Error);
    if (!(res instanceof Error)) {
      const body = (await res.json().catch(() => null)) as { projection?: { pendingEvents?: number } } | null;
      const pending = body?.projection?.pendingEvents;
      if (res.ok && pending === 0) return;
      last = `status ${res.status}, pendingEvents ${String(pending)}`;
    } else last = res.message;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`projection did not catch up within ${timeoutMs} ms (${last})`);
}

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
