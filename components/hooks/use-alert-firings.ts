import useSWR from "swr";
import type { FiringView } from "@/lib/schemas/alerts";
import { fetcher, liveOptions } from "./fetcher";

const ALERT_FIRINGS_KEY = "/api/alerts/firings";

/** GET /api/alerts/firings – newest firings with their deliveries, live. */
export function useAlertFirings() {
  return useSWR<{ firings: FiringView[] }>(ALERT_FIRINGS_KEY, fetcher, liveOptions);
}
