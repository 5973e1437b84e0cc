import useSWR from "swr";
import { quarantineKey } from "@/lib/schemas/api-url";
import type { QuarantineQuery } from "@/lib/schemas/quarantine";
import type { QuarantineList } from "@/lib/schemas/responses";
import { fetcher, liveOptions } from "./fetcher";

/** GET /api/quarantine – refused requests and ignored notifyTypes, live. */
export function useQuarantine(query: QuarantineQuery) {
  return useSWR<QuarantineList>(quarantineKey(query), fetcher, liveOptions);
}
