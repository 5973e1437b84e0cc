import "server-only";
import { requestActor } from "@/lib/audit/actor";

const OPEN_MODE_REQUESTER = "anonymous (open mode: sign-in is not configured)";

/**
 * Who is asking, in words for an export's "About" sheet: the signed-in operator's name, an API
 * token's name, or "anonymous" in open mode. Same identity as the audit trail records (requestActor).
 */
export async function describeRequester(req: Request): Promise<string> {
  const who = await requestActor(req);
  if (who.method === null) return OPEN_MODE_REQUESTER;
  if (who.method === "api_token") return `API token "${who.actor}"`;
  return who.actor ?? "unknown";
}
