import "server-only";
import { matchApiToken, readBearer } from "@/lib/auth/api-tokens";
import { auth } from "@/lib/auth/auth";
import { getAccessSettings } from "@/lib/auth/settings";

export const OPEN_MODE_REQUESTER = "anonymous (open mode: sign-in is not configured)";

/**
 * Who is asking, in words for an export's "About" sheet: the signed-in operator's name, an API
 * token's name, or "anonymous" in open mode. The proxy has already refused anyone else.
 */
export async function describeRequester(req: Request): Promise<string> {
  const settings = getAccessSettings();
  if (settings.mode === "open") return OPEN_MODE_REQUESTER;
  const bearer = readBearer(req.headers.get("authorization"));
  const token = bearer === null ? null : matchApiToken(bearer, settings.apiTokens);
  if (token !== null) return `API token "${token}"`;
  const session = settings.interactive ? await auth() : null;
  return session?.user?.name ?? "unknown";
}
