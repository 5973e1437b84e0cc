import useSWR from "swr";
import { taskDevicesKey } from "@/lib/schemas/api-url";
import type { DeviceListQuery } from "@/lib/schemas/devices";
import type { DeviceList } from "@/lib/schemas/responses";
import { fetcher, liveOptions } from "./fetcher";

/** GET /api/tasks/{operationId}/devices – one page of a task's devices, live. */
export function useTaskDevices(operationId: string, query: DeviceListQuery) {
  return useSWR<DeviceList>(taskDevicesKey(operationId, query), fetcher, liveOptions);
}
