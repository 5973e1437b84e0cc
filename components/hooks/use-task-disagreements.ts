import useSWR from "swr";
import { taskDisagreementsKey } from "@/lib/schemas/api-url";
import type { DisagreementRow, Page } from "@/lib/schemas/responses";
import { fetcher, liveOptions } from "./fetcher";

/** GET /api/tasks/{operationId}/disagreements – one page, live. */
export function useTaskDisagreements(operationId: string, q: { cursor?: string; limit?: number }) {
  return useSWR<Page<DisagreementRow>>(taskDisagreementsKey(operationId, q), fetcher, liveOptions);
}
