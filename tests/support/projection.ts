// No server module here: Playwright specs import this too.
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
