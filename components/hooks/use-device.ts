import useSWR from "swr";
import { deviceKey } from "@/lib/schemas/api-url";
import type { DeviceHistory } from "@/lib/schemas/responses";
import { fetcher, liveOptions } from "./fetcher";

/** GET /api/devices/{deviceId} – the device's tasks and pushes, live. */
export function useDevice(deviceId: string) {
  return useSWR<DeviceHistory>(deviceKey(deviceId), fetcher, liveOptions);
}
