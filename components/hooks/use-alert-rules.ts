import useSWR from "swr";
import type { RuleView } from "@/lib/schemas/alerts";
import { fetcher, liveOptions } from "./fetcher";

export const ALERT_RULES_KEY = "/api/alerts/rules";

/** GET /api/alerts/rules – the alert rules. */
export function useAlertRules() {
  return useSWR<{ rules: RuleView[] }>(ALERT_RULES_KEY, fetcher, liveOptions);
}
