import "server-only";
import { auth } from "@/lib/auth/auth";
import { getAccessSettings } from "@/lib/auth/settings";
import { AppError } from "@/lib/errors";

/**
 * Who is changing the dictionary, for the row's updated_by. Also refuses a cross-site write: a
 * browser always sends Origin on PUT/DELETE, and it must be this app's own.
 */
export async function dictionaryEditor(req: Request): Promise<string> {
  const origin = req.headers.get("origin");
  if (
    origin !== null &&
    origin !== new URL(req.url).origin &&
    origin !== `${req.headers.get("x-forwarded-proto") ?? "http"}://${req.headers.get("host")}`
  ) {
    throw new AppError("unauthorized", "Cross-site changes to the dictionary are refused.");
  }
  const settings = getAccessSettings();
  if (settings.mode === "open") return "anonymous (sign-in off)";
  const session = settings.interactive ? await auth() : null;
  const name = session?.user?.name ?? session?.user?.email;
  // proxy.ts already refused anyone without a session; API tokens are read-only there.
  if (!name) throw new AppError("unauthorized", "Sign in to change the dictionary.");
  return name;
}
