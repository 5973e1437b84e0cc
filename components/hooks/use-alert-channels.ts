import useSWR from "swr";
import type { ChannelView } from "@/lib/schemas/alerts";
import { fetcher, liveOptions } from "./fetcher";

export const ALERT_CHANNELS_KEY = "/api/alerts/channels";

/** GET /api/alerts/channels – the alert channels (secrets never included). */
export function useAlertChannels() {
  return useSWR<{ channels: ChannelView[] }>(ALERT_CHANNELS_KEY, fetcher, liveOptions);
}
