import type { Metadata } from "next";
import { connection } from "next/server";
import { PlatformStatusView } from "@/components/platform/platform-status";
import { getDb } from "@/lib/db";
import { platformSettings } from "@/lib/platform/start";
import { getPlatformStatus } from "@/lib/platform/status";

export const metadata: Metadata = { title: "Platform connection" };

// Server-rendered from the same reader as GET /api/platform/status; reload to see the next sync.
export default async function PlatformPage() {
  await connection();
  const { config, error } = platformSettings();
  const db = await getDb();
  const status = await getPlatformStatus(db.prisma, config, error);
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-lg font-semibold text-slate-900">Platform connection</h1>
      <p className="text-sm text-slate-700">
        The connector reads each task&apos;s target devices and statistics from the platform&apos;s task API and records
        results whose push never arrived (lost pushes). Secrets and tokens are never shown.
      </p>
      <PlatformStatusView status={status} />
    </div>
  );
}
