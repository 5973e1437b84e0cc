import useSWR from "swr";
import type { HealthResponse } from "@/lib/schemas/responses";
import { fetcher, liveOptions } from "./fetcher";

/** GET /api/health – database and projection lag, live. */
export function useHealth() {
  return useSWR<HealthResponse>("/api/health", fetcher, liveOptions);
}
