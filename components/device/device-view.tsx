"use client";
import Link from "next/link";
import { useDevice } from "@/components/hooks/use-device";
import { ErrorNotice } from "@/components/ui/error-notice";
import { formatCount } from "@/components/ui/format";
import { Section } from "@/components/ui/section";
import { DeviceEventsTable } from "./device-events-table";
import { DeviceTasksTable } from "./device-tasks-table";

/** The `/devices/[deviceId]` page: every task and attempt of one device, live. */
export function DeviceView({ deviceId }: { deviceId: string }) {
  const { data, error } = useDevice(deviceId);
  if (!data)
    return error ? <ErrorNotice error={error} what="the device" /> : <p className="text-sm text-slate-600">Loading…</p>;
  const shown = data.events.length;
  return (
    <div className="space-y-4">
      <div>
        <p className="text-sm">
          <Link href="/" className="text-blue-700 hover:underline">
            ← All tasks
          </Link>
        </p>
        <h1 className="text-lg font-semibold break-all">
          <span className="sr-only">Device </span>
          <span className="font-mono">{data.deviceId}</span>
        </h1>
        <p className="text-sm text-slate-700">
          {formatCount(data.tasks.length)} {data.tasks.length === 1 ? "task" : "tasks"} ·{" "}
          {formatCount(data.eventsTotal)} notifications
        </p>
      </div>
      {error ? <ErrorNotice error={error} what="the latest device data" /> : null}
      <Section title="Tasks" id="device-tasks-title">
        <DeviceTasksTable rows={data.tasks} />
      </Section>
      <Section title="Every notification, oldest first" id="device-events-title">
        {data.eventsTotal > shown ? (
          <p className="mb-2 text-sm text-slate-700">
            Showing the newest {formatCount(shown)} of {formatCount(data.eventsTotal)} notifications.
          </p>
        ) : null}
        <DeviceEventsTable rows={data.events} />
      </Section>
    </div>
  );
}
