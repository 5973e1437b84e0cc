import type { PlatformStatus } from "@/lib/schemas/platform";

const dt = "text-xs font-medium text-slate-600";
const dd = "text-sm text-slate-900";

function When({ at }: { at: string | null }) {
  return at ? (
    <time dateTime={at}>{at.replace("T", " ").replace(/\.\d+Z$/, " UTC")}</time>
  ) : (
    <span className="text-slate-500">never</span>
  );
}

/** The connection's state and every known task's last sync (the /platform page). */
export function PlatformStatusView({ status }: { status: PlatformStatus }) {
  const c = status.connection;
  return (
    <>
      <section
        aria-label="Connection"
        className="rounded border border-slate-200 bg-white p-3"
        data-testid="platform-connection"
      >
        {status.configured ? (
          <dl className="grid grid-cols-2 gap-x-6 gap-y-2 sm:grid-cols-4">
            <div>
              <dt className={dt}>Platform</dt>
              <dd className={dd} data-col="host">
                {status.host}
              </dd>
            </div>
            <div>
              <dt className={dt}>App ID</dt>
              <dd className={dd}>{status.appId}</dd>
            </div>
            <div>
              <dt className={dt}>Connected instance (lease holder)</dt>
              <dd className={dd} data-col="holder">
                {c?.holder ?? "none: no instance holds the lease"}
              </dd>
            </div>
            <div>
              <dt className={dt}>Sync interval</dt>
              <dd className={dd}>
                {status.syncSeconds} s; lost-push grace {status.lostPushGraceSeconds} s
                {status.discover ? "; discovers tasks" : ""}
              </dd>
            </div>
            <div>
              <dt className={dt}>Token age</dt>
              <dd className={dd} data-col="token-age">
                {c?.tokenAgeSeconds != null ? `${c.tokenAgeSeconds} s` : "no token"}
              </dd>
            </div>
            <div>
              <dt className={dt}>Token expires</dt>
              <dd className={dd}>
                <When at={c?.tokenExpiresAt ?? null} />
              </dd>
            </div>
            <div>
              <dt className={dt}>Last login</dt>
              <dd className={dd}>
                <When at={c?.lastLoginAt ?? null} /> ({c?.logins ?? 0} logins)
              </dd>
            </div>
            <div>
              <dt className={dt}>Last error</dt>
              <dd className={dd} data-col="last-error">
                {c?.lastError ? (
                  <>
                    {c.lastError} (<When at={c.lastErrorAt} />)
                  </>
                ) : (
                  "none"
                )}
              </dd>
            </div>
          </dl>
        ) : (
          <p className="text-sm text-slate-800" data-testid="platform-not-configured">
            Not configured. {status.note}
          </p>
        )}
      </section>
      <section aria-label="Tasks">
        <h2 className="mb-2 text-base font-semibold text-slate-900">Tasks ({status.tasks.length})</h2>
        {status.tasks.length === 0 ? (
          <p className="text-sm text-slate-700">No task synced yet.</p>
        ) : (
          <table className="w-full border-collapse text-sm" data-testid="platform-tasks">
            <thead>
              <tr className="text-left text-xs text-slate-600">
                <th className="p-1">Task</th>
                <th className="p-1">Type</th>
                <th className="p-1">Platform status</th>
                <th className="p-1">Devices (platform)</th>
                <th className="p-1">Lost pushes</th>
                <th className="p-1">Last sync</th>
                <th className="p-1">Sync error</th>
              </tr>
            </thead>
            <tbody>
              {status.tasks.map((t) => (
                <tr
                  key={t.operationId}
                  className="border-t border-slate-200"
                  data-testid="platform-task"
                  data-id={t.operationId}
                >
                  <td className="p-1 font-mono text-xs">{t.operationId}</td>
                  <td className="p-1">{t.operateType ?? "unknown"}</td>
                  <td className="p-1">
                    {t.status ?? "not read yet"}
                    {t.syncingBy ? " (syncing now)" : ""}
                    {t.refreshRequestedAt ? " (refresh requested)" : ""}
                  </td>
                  <td className="p-1 tabular-nums">{t.staTotal ?? "?"}</td>
                  <td className="p-1 tabular-nums">{t.lostPushes}</td>
                  <td className="p-1">
                    <When at={t.syncedAt} />
                  </td>
                  <td className="p-1 text-red-800">{t.syncError ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
