import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { SwrProvider } from "@/components/swr-provider";
import { TaskView } from "@/components/task/task-view";
import { AppError } from "@/lib/errors";
import { decodePageParam, metadataParam } from "@/lib/http-query";
import { getTaskDetail } from "@/lib/queries/get-task-detail";
import { listTaskDevices } from "@/lib/queries/list-task-devices";
import { taskDevicesKey, taskKey } from "@/lib/schemas/api-url";
import { firstValues } from "@/lib/schemas/common";
import { DeviceListQuerySchema } from "@/lib/schemas/devices";

type Props = {
  params: Promise<{ operationId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Task ${metadataParam((await params).operationId)}` };
}

export default async function TaskPage({ params, searchParams }: Props) {
  await connection();
  const operationId = decodePageParam((await params).operationId);
  const parsed = DeviceListQuerySchema.safeParse(firstValues(await searchParams));
  const query = parsed.success ? parsed.data : DeviceListQuerySchema.parse({});
  const detail = await getTaskDetail(operationId).catch((err: unknown) => {
    if (err instanceof AppError && err.code === "not_found") notFound();
    throw err;
  });
  // A stale cursor in a shared link: the browser's request reports it instead of failing the page.
  const devices = await listTaskDevices(operationId, query).catch((err: unknown) => {
    if (err instanceof AppError) return undefined;
    throw err;
  });
  const fallback: Record<string, unknown> = { [taskKey(operationId)]: detail };
  if (devices) fallback[taskDevicesKey(operationId, query)] = devices;
  return (
    <SwrProvider fallback={fallback}>
      <TaskView operationId={operationId} />
    </SwrProvider>
  );
}
