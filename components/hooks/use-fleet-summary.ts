import useSWR from "swr";
import { summaryKey } from "@/lib/schemas/api-url";
import type { FleetSummary } from "@/lib/schemas/responses";
import type { TaskFilters } from "@/lib/schemas/tasks";
import { fetcher, liveOptions } from "./fetcher";

/** GET /api/summary – the fleet headline for the task-list filters, live. */
export function useFleetSummary(filters: TaskFilters) {
  return useSWR<FleetSummary>(summaryKey(filters), fetcher, liveOptions);
}
