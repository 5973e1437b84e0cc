import { UtcTime } from "@/components/ui/time";
import type { PlatformTaskMeta } from "@/lib/schemas/responses";

/** The platform's own view of a task (type, status, times) when the connector has read it; nothing otherwise. */
export function PlatformMeta({ meta }: { meta: PlatformTaskMeta | null }) {
  if (!meta) return null;
  return (
    <p className="text-xs text-slate-600" data-testid="platform-meta">
      Platform: {meta.operateType ?? "type unknown"} · {meta.status ?? "status unknown"}
      {meta.createdAt ? (
        <>
          {" "}
          · created <UtcTime iso={meta.createdAt} />
        </>
      ) : null}
      {meta.startedAt ? (
        <>
          {" "}
          · started <UtcTime iso={meta.startedAt} />
        </>
      ) : null}
      {meta.stoppedAt ? (
        <>
          {" "}
          · stopped <UtcTime iso={meta.stoppedAt} />
        </>
      ) : null}
    </p>
  );
}
