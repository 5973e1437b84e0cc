import "server-only";
import { matchApiToken, readBearer } from "@/lib/auth/api-tokens";
import { auth } from "@/lib/auth/auth";
import { clientIp } from "@/lib/auth/client-ip";
import { getAccessSettings } from "@/lib/auth/settings";
import type { AuditMethod } from "./record";

export interface RequestActor {
  /** Operator name, API token name, or null on an open (no sign-in) server. */
  actor: string | null;
  method: AuditMethod | null;
  clientIp: string;
}

/** Who is making this request, as proxy.ts let it through: an API token or a signed-in session. */
export async function requestActor(req: Request): Promise<RequestActor> {
  const ip = clientIp(req.headers);
  const settings = getAccessSettings();
  if (settings.mode === "open") return { actor: null, method: null, clientIp: ip };
  const bearer = readBearer(req.headers.get("authorization"));
  if (bearer !== null) {
    const name = matchApiToken(bearer, settings.apiTokens);
    if (name) return { actor: name, method: "api_token", clientIp: ip };
  }
  const session = settings.interactive ? await auth() : null;
  return { actor: session?.user?.name ?? null, method: "session", clientIp: ip };
}
